import { Checkbox, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { StatementLine } from '../../../../shared/api/statements';
import { formatDate } from '../../../../shared/format';
import { formatAmount } from '../../../../shared/money';
import { MoneyText } from '../../../components/money-text';
import { formatRate } from '../../../lib/amount-field';
import { useLocale } from '../../../lib/i18n';
import { LineTypeText } from '../../imports/components/line-type-text';

type StatementLineCardsProps = {
  lines: readonly StatementLine[];
  /** When set, each card has a checkbox (choosing lines for a dispute). */
  selected?: ReadonlySet<string>;
  onToggle?: (lineId: string, isChecked: boolean) => void;
};

/** Lines as cards for a phone: the policy, the insurer, the date and the share, large and plain. */
export function StatementLineCards({ lines, selected, onToggle }: StatementLineCardsProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Stack component="ul" gap="sm" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {lines.map((line) => {
        const details = (
          <Stack gap={2}>
            <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
              <Stack gap={0} miw={0}>
                <Text fw={700} className="tabular" style={{ wordBreak: 'break-all' }}>
                  {line.policyNumber}
                </Text>
                <Text size="sm" c="dimmed">
                  {line.insurerName}
                  {line.product ? ` · ${line.product}` : ''}
                </Text>
              </Stack>
              <MoneyText grosze={line.share} fz="lg" fw={700} />
            </Group>
            <Group gap="xs" wrap="wrap">
              <Text size="sm" className="tabular">
                {formatDate(line.lineDate, locale)}
              </Text>
              {line.lineType !== 'standard' && <LineTypeText lineType={line.lineType} />}
              {line.rate !== null && (
                <Text size="sm" c="dimmed">
                  {t('panelStatements.rate', { rate: formatRate(line.rate, locale) })}
                </Text>
              )}
            </Group>
            {line.correctedFrom !== null && (
              <Text size="sm" fw={600}>
                {t('panelStatements.lineCorrected', {
                  before: formatAmount(line.correctedFrom),
                  reason: line.correctionReason ?? '',
                })}
              </Text>
            )}
          </Stack>
        );
        return (
          <Paper component="li" key={line.id} withBorder p="sm" radius="md">
            {onToggle && selected ? (
              <Checkbox
                size="md"
                checked={selected.has(line.id)}
                onChange={(event) => {
                  onToggle(line.id, event.currentTarget.checked);
                }}
                aria-label={t('panelStatements.dispute.chooseLine', { policy: line.policyNumber })}
                label={details}
                styles={{ body: { alignItems: 'flex-start' }, labelWrapper: { flex: 1 } }}
              />
            ) : (
              details
            )}
          </Paper>
        );
      })}
    </Stack>
  );
}
