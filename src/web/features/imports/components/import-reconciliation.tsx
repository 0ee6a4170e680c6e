import { Alert, Group, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ImportReconciliation as Reconciliation } from '../../../../shared/api/imports';
import { sumAmounts } from '../../../../shared/money';
import { MoneyText } from '../../../components/money-text';
import { QueryState } from '../../../components/query-state';
import { useImportReconciliation } from '../api/get-import-reconciliation';

/**
 * One insurer file's commission traced to the grosz: the collaborators' shares (as their statements recorded them,
 * or as today's rules would split lines not settled yet), the agency's part and what cannot be split yet.
 */
function ReconciliationTables({ data }: { data: Reconciliation }) {
  const { t } = useTranslation();
  const difference = sumAmounts([data.commission, -data.shares, -data.retained, -data.unresolved]);
  const row = (label: string, grosze: number, sign?: string, isTotal = false) => (
    <Table.Tr className={isTotal ? 'total-row' : undefined}>
      <Table.Th scope="row" fw={isTotal ? 700 : 500}>
        <Group gap={6} wrap="nowrap">
          {sign && (
            <Text span c="dimmed" aria-hidden w={14} ta="center">
              {sign}
            </Text>
          )}
          <span>{label}</span>
        </Group>
      </Table.Th>
      <Table.Td ta="right">
        <MoneyText grosze={grosze} fw={isTotal ? 700 : undefined} />
      </Table.Td>
    </Table.Tr>
  );
  return (
    <Stack gap="md">
      <Table maw={640} aria-label={t('imports.reconciliation.tableLabel')} highlightOnHover={false}>
        <Table.Tbody>
          {row(t('imports.reconciliation.commission'), data.commission)}
          {row(
            t('imports.reconciliation.settled', { count: data.settled.lineCount }),
            data.settled.share,
            '−',
          )}
          {row(
            t('imports.reconciliation.provisional', { count: data.provisional.lineCount }),
            data.provisional.share,
            '−',
          )}
          {row(t('imports.reconciliation.retained'), data.retained, '−')}
          {row(t('imports.reconciliation.unresolved', { count: data.unresolvedLines }), data.unresolved, '−')}
          {row(t('imports.reconciliation.difference'), difference, '=', true)}
        </Table.Tbody>
      </Table>
      {difference === 0 ? (
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
      {data.collaborators.length > 0 && (
        <Table.ScrollContainer minWidth={560}>
          <Table aria-label={t('imports.reconciliation.perCollaborator')} striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('imports.reconciliation.collaborator')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('imports.reconciliation.lines')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('imports.reconciliation.commissionColumn')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('imports.reconciliation.share')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('imports.reconciliation.retainedColumn')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.collaborators.map((entry) => (
                <Table.Tr key={entry.collaboratorId}>
                  <Table.Td>{entry.fullName}</Table.Td>
                  <Table.Td ta="right" className="tabular">
                    {entry.lineCount}
                  </Table.Td>
                  <Table.Td ta="right">
                    <MoneyText grosze={entry.commission} size="sm" />
                  </Table.Td>
                  <Table.Td ta="right">
                    <MoneyText grosze={entry.share} size="sm" fw={600} />
                  </Table.Td>
                  <Table.Td ta="right">
                    <MoneyText grosze={entry.retained} size="sm" />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

export function ImportReconciliation({ importId }: { importId: string }) {
  const reconciliation = useImportReconciliation(importId);
  return <QueryState query={reconciliation}>{(data) => <ReconciliationTables data={data} />}</QueryState>;
}
