import { Alert, Group, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { PeriodSettlement } from '../../../../shared/api/periods';
import { sumAmounts } from '../../../../shared/money';
import { MoneyText } from '../../../components/money-text';

/**
 * The period's commission traced to the grosz: everything the insurers paid is either a
 * collaborator's share, the agency's part, or a line still waiting for a decision.
 */
export function Reconciliation({ settlement }: { settlement: PeriodSettlement }) {
  const { t } = useTranslation();
  const { totals } = settlement;
  const difference = sumAmounts([
    totals.commission,
    -totals.share,
    -totals.retained,
    -totals.problemCommission,
  ]);
  const isBalanced = difference === 0;
  const row = (
    label: string,
    grosze: number,
    options: { sign?: string; isTotal?: boolean; note?: string } = {},
  ) => (
    <Table.Tr className={options.isTotal ? 'total-row' : undefined}>
      <Table.Th scope="row" fw={options.isTotal ? 700 : 500}>
        <Group gap={6} wrap="nowrap">
          {options.sign && (
            <Text span c="dimmed" aria-hidden w={14} ta="center">
              {options.sign}
            </Text>
          )}
          <span>{label}</span>
        </Group>
        {options.note && (
          <Text size="xs" c="dimmed" ml={options.sign ? 20 : 0}>
            {options.note}
          </Text>
        )}
      </Table.Th>
      <Table.Td ta="right">
        <MoneyText grosze={grosze} fw={options.isTotal ? 700 : undefined} />
      </Table.Td>
    </Table.Tr>
  );
  return (
    <>
      <Table
        maw={640}
        aria-label={t('periods.reconciliation.tableLabel')}
        withRowBorders
        highlightOnHover={false}
      >
        <Table.Tbody>
          {row(t('periods.reconciliation.commission', { count: totals.lineCount }), totals.commission)}
          {row(t('periods.reconciliation.share'), totals.share, { sign: '−' })}
          {row(t('periods.reconciliation.retained'), totals.retained, { sign: '−' })}
          {totals.agencyOwn !== 0 &&
            row(t('periods.reconciliation.agencyOwn'), totals.agencyOwn, { sign: ' ' })}
          {row(t('periods.reconciliation.problems'), totals.problemCommission, { sign: '−' })}
          {row(t('periods.reconciliation.difference'), difference, { sign: '=', isTotal: true })}
        </Table.Tbody>
      </Table>
      {isBalanced ? (
        <Group gap="xs" role="status">
          <IconCircleCheck size={20} color="var(--mantine-color-green-9)" aria-hidden />
          <Text fw={600} c="teal.9">
            {t('periods.reconciliation.balanced')}
          </Text>
        </Group>
      ) : (
        <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} role="alert">
          {t('periods.reconciliation.unbalanced')}
        </Alert>
      )}
      <Table maw={640} aria-label={t('periods.reconciliation.payoutLabel')} highlightOnHover={false}>
        <Table.Tbody>
          {row(t('periods.reconciliation.share'), totals.share)}
          {row(t('periods.reconciliation.adjustments'), totals.adjustments, { sign: '+' })}
          {row(t('periods.reconciliation.amountDue'), totals.amountDue, {
            isTotal: true,
            note: t('periods.reconciliation.amountDueNote'),
          })}
        </Table.Tbody>
      </Table>
    </>
  );
}
