import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PeriodSettlement } from '../../../../shared/api/periods';
import { sumAmounts } from '../../../../shared/money';
import { MoneyText } from '../../../components/money-text';

const amountColumns = ['commission', 'share', 'retained'] as const;

export function InsurersBreakdown({ insurers }: { insurers: PeriodSettlement['insurers'] }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped aria-label={t('periods.insurers.tableLabel')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('agentCodes.insurer')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('periods.columns.lines')}
            </Table.Th>
            {amountColumns.map((key) => (
              <Table.Th scope="col" ta="right" key={key}>
                {t(`periods.insurers.${key}`)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {insurers.map((insurer) => (
            <Table.Tr key={insurer.insurerId}>
              <Table.Th scope="row" fw={500}>
                {insurer.insurerName}
              </Table.Th>
              <Table.Td ta="right" className="tabular">
                {insurer.lineCount}
              </Table.Td>
              {amountColumns.map((key) => (
                <Table.Td ta="right" key={key}>
                  <MoneyText grosze={insurer[key]} size="sm" />
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr className="total-row">
            <Table.Th scope="row">{t('common.total')}</Table.Th>
            <Table.Td ta="right" className="tabular">
              {insurers.reduce((sum, insurer) => sum + insurer.lineCount, 0)}
            </Table.Td>
            {amountColumns.map((key) => (
              <Table.Td ta="right" key={key}>
                <MoneyText grosze={sumAmounts(insurers.map((insurer) => insurer[key]))} size="sm" fw={700} />
              </Table.Td>
            ))}
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}
