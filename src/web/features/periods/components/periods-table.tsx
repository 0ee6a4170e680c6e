import { Anchor, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Period } from '../../../../shared/api/periods';
import { formatDate } from '../../../../shared/format';
import { DateText } from '../../../components/date-text';
import { useLocale } from '../../../lib/i18n';
import { periodLabel } from '../../../lib/period-label';
import { PeriodStatusBadge } from './period-status';

export function PeriodsTable({ periods }: { periods: readonly Period[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped aria-label={t('periods.tableLabel')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('periods.columns.period')}</Table.Th>
            <Table.Th scope="col">{t('periods.columns.dates')}</Table.Th>
            <Table.Th scope="col">{t('common.status')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('periods.columns.statements')}
            </Table.Th>
            <Table.Th scope="col">{t('periods.columns.lastChange')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {periods.map((period) => {
            const last = period.closedAt ?? period.publishedAt ?? period.lockedAt ?? period.createdAt;
            return (
              <Table.Tr key={period.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/periods/${period.id}`} fw={600}>
                    {periodLabel(period, locale)}
                  </Anchor>
                </Table.Td>
                <Table.Td className="tabular" style={{ whiteSpace: 'nowrap' }}>
                  {formatDate(period.dateFrom, locale)} – {formatDate(period.dateTo, locale)}
                </Table.Td>
                <Table.Td>
                  <PeriodStatusBadge status={period.status} />
                </Table.Td>
                <Table.Td ta="right" className="tabular">
                  {period.statementCount}
                </Table.Td>
                <Table.Td>
                  <DateText value={last} withTime />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
