import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { StatementSummary } from '../../../../shared/api/statements';
import { MoneyText } from '../../../components/money-text';
import { useLocale } from '../../../lib/i18n';
import { periodLabel } from '../../../lib/period-label';
import { StatementStatusBadge } from '../../statements/components/statement-status-badge';
import { nextStepOf } from './statement-next-step';

/** One statement in the list: which period, how much, where it stands, what to do. */
type PanelStatementCardProps = {
  statement: StatementSummary;
  isHighlighted?: boolean;
  headingOrder?: 2 | 3;
};

export function PanelStatementCard({
  statement,
  isHighlighted = false,
  headingOrder = 2,
}: PanelStatementCardProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const label = periodLabel(statement, locale);
  const headingId = `statement-${statement.id}`;
  return (
    <Paper
      component="article"
      aria-labelledby={headingId}
      withBorder
      p="md"
      radius="md"
      shadow={isHighlighted ? 'sm' : undefined}
      bg={isHighlighted ? 'sejf.0' : 'white'}
    >
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" gap="sm" wrap="nowrap">
          <Title order={headingOrder} size="h3" id={headingId}>
            <Anchor component={Link} to={`/panel/statements/${statement.id}`} inherit>
              {t('panelStatements.forPeriod', { period: label })}
            </Anchor>
          </Title>
          <StatementStatusBadge status={statement.status} size="lg" />
        </Group>
        <Text c="dimmed">{t('panelStatements.amountDue')}</Text>
        <MoneyText grosze={statement.amountDue} fz={30} fw={800} ta="left" />
        <Text fw={600}>{t(`panelStatements.next.${nextStepOf(statement)}`)}</Text>
        {statement.version > 1 && (
          <Text size="sm" c="dimmed">
            {t('panelStatements.corrected', { version: statement.version })}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
