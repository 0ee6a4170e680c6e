import { Anchor, Button, Group, Stack, Table, Text } from '@mantine/core';
import { IconCash, IconFileSpreadsheet, IconFileTypeCsv } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Period } from '../../../../shared/api/periods';
import { statementStatusSchema, type StatementSummary } from '../../../../shared/api/statements';
import { formatDate } from '../../../../shared/format';
import { sumAmounts } from '../../../../shared/money';
import { DateText } from '../../../components/date-text';
import { MoneyText } from '../../../components/money-text';
import { QueryState } from '../../../components/query-state';
import { useLocale } from '../../../lib/i18n';
import { MarkPaidModal, type PayableStatement } from '../../statements/components/mark-paid-modal';
import { StatementStatusBadge } from '../../statements/components/statement-status-badge';
import { usePeriodStatements } from '../api/get-period-statements';

function isPayable(statement: StatementSummary, period: Period): boolean {
  return (
    period.status === 'published' &&
    statement.amountDue > 0 &&
    statement.paidOn === null &&
    statement.openDisputes === 0 &&
    statement.status !== 'prepared'
  );
}

/** Who has accepted, disputed, invoiced and been paid, with the payout list to export. */
/** `canPay`: only the owner marks statements paid. */
export function StatementsBoard({ period, canPay }: { period: Period; canPay: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const statements = usePeriodStatements(period.id, period.status !== 'open');
  const [paying, setPaying] = useState<PayableStatement | null>(null);
  return (
    <Stack gap="md">
      <Group gap="sm">
        <Button
          component="a"
          href={`/api/periods/${period.id}/payouts?format=csv`}
          download
          variant="default"
          leftSection={<IconFileTypeCsv size={18} aria-hidden />}
        >
          {t('periods.board.exportCsv')}
        </Button>
        <Button
          component="a"
          href={`/api/periods/${period.id}/payouts?format=xlsx`}
          download
          variant="default"
          leftSection={<IconFileSpreadsheet size={18} aria-hidden />}
        >
          {t('periods.board.exportXlsx')}
        </Button>
      </Group>
      <QueryState query={statements}>
        {(list) => {
          if (list.length === 0) {
            return <Text c="dimmed">{t('periods.board.empty')}</Text>;
          }
          const counts = statementStatusSchema.options
            .map((status) => ({ status, count: list.filter((s) => s.status === status).length }))
            .filter((entry) => entry.count > 0);
          return (
            <>
              <Group gap="md" role="list" aria-label={t('periods.board.summary')}>
                {counts.map(({ status, count }) => (
                  <Group key={status} gap={6} role="listitem">
                    <StatementStatusBadge status={status} />
                    <Text size="sm" className="tabular">
                      {count}
                    </Text>
                  </Group>
                ))}
              </Group>
              <Table.ScrollContainer minWidth={1100}>
                <Table striped aria-label={t('periods.board.tableLabel')}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('agentCodes.collaborator')}</Table.Th>
                      <Table.Th scope="col">{t('periods.board.number')}</Table.Th>
                      <Table.Th scope="col">{t('common.status')}</Table.Th>
                      <Table.Th scope="col" ta="right">
                        {t('periods.balances.amountDue')}
                      </Table.Th>
                      <Table.Th scope="col" ta="right">
                        {t('periods.balances.carriedForward')}
                      </Table.Th>
                      <Table.Th scope="col">{t('periods.board.accepted')}</Table.Th>
                      <Table.Th scope="col">{t('periods.board.paid')}</Table.Th>
                      <Table.Th scope="col">{t('common.actions')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {list.map((statement) => (
                      <Table.Tr key={statement.id}>
                        <Table.Th scope="row" fw={500}>
                          <Anchor component={Link} to={`/statements/${statement.id}`} fw={600}>
                            {statement.collaboratorName}
                          </Anchor>
                        </Table.Th>
                        <Table.Td className="tabular">
                          {statement.number}
                          {statement.version > 1 && (
                            <Text span size="xs" c="dimmed">
                              {' '}
                              ({t('common.version', { version: statement.version })})
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Group gap={6} wrap="nowrap">
                            <StatementStatusBadge status={statement.status} />
                            {statement.openDisputes > 0 && (
                              <Text size="xs" c="red.9">
                                {t('periods.board.openDisputes', { count: statement.openDisputes })}
                              </Text>
                            )}
                          </Group>
                        </Table.Td>
                        <Table.Td ta="right">
                          <MoneyText grosze={statement.amountDue} size="sm" fw={700} />
                        </Table.Td>
                        <Table.Td ta="right">
                          <MoneyText grosze={statement.carriedForward} size="sm" />
                        </Table.Td>
                        <Table.Td>
                          {statement.acceptedAt ? (
                            <DateText value={statement.acceptedAt} withTime />
                          ) : (
                            t('common.none')
                          )}
                        </Table.Td>
                        <Table.Td className="tabular">
                          {statement.paidOn ? formatDate(statement.paidOn, locale) : t('common.none')}
                        </Table.Td>
                        <Table.Td>
                          {canPay && isPayable(statement, period) && (
                            <Button
                              size="xs"
                              variant="light"
                              leftSection={<IconCash size={14} aria-hidden />}
                              aria-label={t('periods.board.markPaidLabel', {
                                name: statement.collaboratorName,
                              })}
                              onClick={() => {
                                setPaying(statement);
                              }}
                            >
                              {t('statements.payment.action')}
                            </Button>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                  <Table.Tfoot>
                    <Table.Tr className="total-row">
                      <Table.Th scope="row" colSpan={3}>
                        {t('common.total')}
                      </Table.Th>
                      <Table.Td ta="right">
                        <MoneyText grosze={sumAmounts(list.map((s) => s.amountDue))} size="sm" fw={700} />
                      </Table.Td>
                      <Table.Td ta="right">
                        <MoneyText
                          grosze={sumAmounts(list.map((s) => s.carriedForward))}
                          size="sm"
                          fw={700}
                        />
                      </Table.Td>
                      <Table.Td colSpan={3} />
                    </Table.Tr>
                  </Table.Tfoot>
                </Table>
              </Table.ScrollContainer>
            </>
          );
        }}
      </QueryState>
      <MarkPaidModal
        statement={paying}
        onClose={() => {
          setPaying(null);
        }}
      />
    </Stack>
  );
}
