import { SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CommissionReport } from '../../../../shared/api/reports';
import { formatMonth } from '../../../../shared/format';
import { sumAmounts } from '../../../../shared/money';
import { MoneyBarChart, type BarRow } from '../../../components/bar-chart';
import { QueryState } from '../../../components/query-state';
import { useLocale } from '../../../lib/i18n';
import { useCommissionReport } from '../api/get-commission-report';

function Charts({ report }: { report: CommissionReport }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (report.cells.length === 0) {
    return <Text c="dimmed">{t('reports.empty')}</Text>;
  }
  const months = [...new Set(report.cells.map((cell) => cell.month))].sort();
  const byMonth: BarRow[] = months.map((month) => ({
    key: month,
    label: formatMonth(month, locale),
    segments: report.cells
      .filter((cell) => cell.month === month)
      .map((cell) => ({ key: cell.insurerId, label: cell.insurerName, value: cell.commission })),
  }));
  const insurers = [...new Map(report.cells.map((cell) => [cell.insurerId, cell.insurerName])).entries()];
  const byInsurer: BarRow[] = insurers
    .map(([insurerId, insurerName]) => {
      const cells = report.cells.filter((cell) => cell.insurerId === insurerId);
      return {
        key: insurerId,
        label: insurerName,
        segments: [
          { key: '1-share', label: t('reports.share'), value: sumAmounts(cells.map((cell) => cell.share)) },
          {
            key: '2-retained',
            label: t('reports.retained'),
            value: sumAmounts(cells.map((cell) => cell.retained)),
          },
        ],
      };
    })
    .sort((a, b) => sumAmounts(b.segments.map((s) => s.value)) - sumAmounts(a.segments.map((s) => s.value)));
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="xl">
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t('reports.byMonth')}
        </Title>
        <MoneyBarChart
          caption={t('reports.byMonthCaption')}
          labelHeader={t('reports.month')}
          rows={byMonth}
        />
      </Stack>
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t('reports.byInsurer')}
        </Title>
        <MoneyBarChart
          caption={t('reports.byInsurerCaption')}
          labelHeader={t('agentCodes.insurer')}
          rows={byInsurer}
        />
      </Stack>
    </SimpleGrid>
  );
}

/** Settled commission of the last twelve months, per month (by insurer) and per insurer (share and agency part). */
export function CommissionCharts() {
  const report = useCommissionReport();
  return <QueryState query={report}>{(data) => <Charts report={data} />}</QueryState>;
}
