import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { EarningsReport } from '../../../../shared/api/reports';
import { formatMonth } from '../../../../shared/format';
import { sumAmounts } from '../../../../shared/money';
import { MoneyBarChart, type BarRow } from '../../../components/bar-chart';
import { MoneyText } from '../../../components/money-text';
import { useLocale } from '../../../lib/i18n';

/** The collaborator's earnings per month (split by insurer) and per insurer, readable on a phone. */
export function EarningsChart({ report }: { report: EarningsReport }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const months = [...new Set(report.cells.map((cell) => cell.month))].sort();
  const byMonth: BarRow[] = months.map((month) => ({
    key: month,
    label: formatMonth(month, locale),
    segments: report.cells
      .filter((cell) => cell.month === month)
      .map((cell) => ({ key: cell.insurerName, label: cell.insurerName, value: cell.share })),
  }));
  const insurers = [...new Set(report.cells.map((cell) => cell.insurerName))];
  const byInsurer: BarRow[] = insurers
    .map((insurer) => ({
      key: insurer,
      label: insurer,
      segments: [
        {
          key: insurer,
          label: insurer,
          value: sumAmounts(
            report.cells.filter((cell) => cell.insurerName === insurer).map((cell) => cell.share),
          ),
        },
      ],
    }))
    .sort((a, b) => (b.segments[0]?.value ?? 0) - (a.segments[0]?.value ?? 0));
  const total = sumAmounts(report.cells.map((cell) => cell.share));
  const paid = sumAmounts(report.paid.map((entry) => entry.amount));
  return (
    <Stack gap="md">
      <Text>
        {t('panelStatements.earnings.total')} <MoneyText grosze={total} fw={700} />
        {' · '}
        {t('panelStatements.earnings.paid')} <MoneyText grosze={paid} fw={700} />
      </Text>
      <Stack gap="xs">
        <Title order={3} size="h4">
          {t('panelStatements.earnings.byMonth')}
        </Title>
        <MoneyBarChart
          caption={t('panelStatements.earnings.byMonthCaption')}
          labelHeader={t('reports.month')}
          rows={byMonth}
          minWidth={0}
        />
      </Stack>
      <Stack gap="xs">
        <Title order={3} size="h4">
          {t('panelStatements.earnings.byInsurer')}
        </Title>
        <MoneyBarChart
          caption={t('panelStatements.earnings.byInsurerCaption')}
          labelHeader={t('agentCodes.insurer')}
          rows={byInsurer}
          minWidth={0}
          showLegend={false}
        />
      </Stack>
    </Stack>
  );
}
