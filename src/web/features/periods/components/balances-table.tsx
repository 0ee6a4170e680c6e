import { Anchor, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CollaboratorBalance } from '../../../../shared/api/periods';
import { sumAmounts } from '../../../../shared/money';
import { MoneyText } from '../../../components/money-text';

const amountColumns = [
  'openingBalance',
  'commission',
  'share',
  'adjustments',
  'closingBalance',
  'amountDue',
  'carriedForward',
] as const;

/** One row per collaborator, from the opening balance to what is paid and what carries forward. */
export function BalancesTable({
  periodId,
  balances,
}: {
  periodId: string;
  balances: readonly CollaboratorBalance[];
}) {
  const { t } = useTranslation();
  const total = (key: (typeof amountColumns)[number]) => sumAmounts(balances.map((balance) => balance[key]));
  return (
    <Table.ScrollContainer minWidth={1100}>
      <Table striped aria-label={t('periods.balances.tableLabel')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('periods.balances.collaborator')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('periods.columns.lines')}
            </Table.Th>
            {amountColumns.map((key) => (
              <Table.Th scope="col" ta="right" key={key}>
                {t(`periods.balances.${key}`)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {balances.map((balance) => (
            <Table.Tr key={balance.collaboratorId}>
              <Table.Th scope="row" fw={500}>
                <Anchor
                  component={Link}
                  to={`/periods/${periodId}/lines?collaboratorId=${balance.collaboratorId}`}
                  aria-label={t('periods.balances.showLines', { name: balance.fullName })}
                >
                  {balance.fullName}
                </Anchor>
                <Text size="xs" c="dimmed" className="tabular">
                  {balance.knfNumber}
                </Text>
              </Table.Th>
              <Table.Td ta="right" className="tabular">
                {balance.lineCount}
              </Table.Td>
              {amountColumns.map((key) => (
                <Table.Td ta="right" key={key}>
                  <MoneyText grosze={balance[key]} size="sm" fw={key === 'amountDue' ? 700 : undefined} />
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr className="total-row">
            <Table.Th scope="row">{t('common.total')}</Table.Th>
            <Table.Td ta="right" className="tabular">
              {balances.reduce((sum, balance) => sum + balance.lineCount, 0)}
            </Table.Td>
            {amountColumns.map((key) => (
              <Table.Td ta="right" key={key}>
                <MoneyText grosze={total(key)} size="sm" fw={700} />
              </Table.Td>
            ))}
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}
