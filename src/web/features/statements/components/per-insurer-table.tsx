import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { StatementDetail } from '../../../../shared/api/statements';
import { sumAmounts } from '../../../../shared/money';
import { MoneyText } from '../../../components/money-text';

export function PerInsurerTable({ perInsurer }: { perInsurer: StatementDetail['perInsurer'] }) {
  const { t } = useTranslation();
  return (
    <Table aria-label={t('statements.perInsurer.tableLabel')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('agentCodes.insurer')}</Table.Th>
          <Table.Th scope="col" ta="right">
            {t('periods.columns.lines')}
          </Table.Th>
          <Table.Th scope="col" ta="right">
            {t('statements.perInsurer.share')}
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {perInsurer.map((row) => (
          <Table.Tr key={row.insurerName}>
            <Table.Th scope="row" fw={500}>
              {row.insurerName}
            </Table.Th>
            <Table.Td ta="right" className="tabular">
              {row.lineCount}
            </Table.Td>
            <Table.Td ta="right">
              <MoneyText grosze={row.share} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
      <Table.Tfoot>
        <Table.Tr className="total-row">
          <Table.Th scope="row">{t('common.total')}</Table.Th>
          <Table.Td ta="right" className="tabular">
            {perInsurer.reduce((sum, row) => sum + row.lineCount, 0)}
          </Table.Td>
          <Table.Td ta="right">
            <MoneyText grosze={sumAmounts(perInsurer.map((row) => row.share))} fw={700} />
          </Table.Td>
        </Table.Tr>
      </Table.Tfoot>
    </Table>
  );
}
