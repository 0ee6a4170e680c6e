import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { StatementDetail, StatementLine } from '../../../../shared/api/statements';
import { DateText } from '../../../components/date-text';

type Dispute = StatementDetail['disputes'][number];

const statusColors: Record<Dispute['status'], string> = { open: 'red', corrected: 'green', rejected: 'gray' };

type DisputeListProps = {
  disputes: StatementDetail['disputes'];
  /** To name the disputed lines by policy number. */
  lines: readonly StatementLine[];
  actionsOf?: (dispute: Dispute) => ReactNode;
};

/** Each dispute: why, about which lines, its state and the agency's answer. */
export function DisputeList({ disputes, lines, actionsOf }: DisputeListProps) {
  const { t } = useTranslation();
  // A dispute of an earlier version names that version's lines; they may not be among these.
  const policiesOf = (ids: readonly string[]) =>
    ids.flatMap((id) => {
      const line = lines.find((candidate) => candidate.id === id);
      return line ? [line.policyNumber] : [];
    });
  return (
    <Stack component="ul" gap="sm" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {disputes.map((dispute) => (
        <Paper component="li" key={dispute.id} withBorder p="sm" radius="md">
          <Stack gap={6}>
            <Group justify="space-between" gap="xs" wrap="wrap">
              <Text fw={700} size="sm">
                {t(`statements.disputes.reasons.${dispute.reason}`)}
              </Text>
              <Badge
                color={statusColors[dispute.status]}
                variant="light"
                radius="sm"
                style={{ textTransform: 'none' }}
              >
                {t(`statements.disputes.status.${dispute.status}`)}
              </Badge>
            </Group>
            <Text size="xs" c="dimmed">
              <DateText value={dispute.createdAt} withTime />
            </Text>
            <Text size="sm">
              {!dispute.lineIds || dispute.lineIds.length === 0
                ? t('statements.disputes.whole')
                : policiesOf(dispute.lineIds).length > 0
                  ? t('statements.disputes.lines', { policies: policiesOf(dispute.lineIds).join(', ') })
                  : t('statements.disputes.lineCount', { count: dispute.lineIds.length })}
            </Text>
            {dispute.resolution && (
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                <Text span fw={600}>
                  {t('statements.disputes.resolution')}:
                </Text>{' '}
                {dispute.resolution}
              </Text>
            )}
            {actionsOf?.(dispute)}
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
