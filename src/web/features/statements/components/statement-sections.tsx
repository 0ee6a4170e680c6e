import { Anchor, Button, Group, Stack, Table, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { StatementDetail } from '../../../../shared/api/statements';
import { formatBytes, formatDate } from '../../../../shared/format';
import { DateText } from '../../../components/date-text';
import { DetailList } from '../../../components/detail-list';
import { MoneyText } from '../../../components/money-text';
import { Pager } from '../../../components/pager';
import { QueryState } from '../../../components/query-state';
import { useLocale } from '../../../lib/i18n';
import { periodLabel } from '../../../lib/period-label';
import { useStatementLines } from '../api/get-statement-lines';
import { AdjustmentKindText } from './adjustment-kind-text';
import { StatementLinesTable } from './statement-lines-table';

/** From the opening balance to the amount due, each figure in its own row. */
export function StatementSummary({ statement }: { statement: StatementDetail }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const label = periodLabel(statement, locale);
  const none = t('common.none');
  return (
    <DetailList
      labelWidth={220}
      items={[
        {
          label: t('agentCodes.collaborator'),
          value: (
            <Anchor component={Link} to={`/collaborators/${statement.collaboratorId}`}>
              {statement.collaboratorName}
            </Anchor>
          ),
        },
        { label: t('periods.columns.period'), value: label },
        {
          label: t('periods.balances.openingBalance'),
          value: <MoneyText grosze={statement.openingBalance} />,
        },
        {
          label: t('statements.detail.linesTotal', { count: statement.lineCount }),
          value: <MoneyText grosze={statement.linesTotal} />,
        },
        {
          label: t('periods.balances.adjustments'),
          value: <MoneyText grosze={statement.adjustmentsTotal} />,
        },
        {
          label: t('periods.balances.closingBalance'),
          value: <MoneyText grosze={statement.closingBalance} />,
        },
        {
          label: t('periods.balances.amountDue'),
          value: <MoneyText grosze={statement.amountDue} fz="xl" fw={800} />,
        },
        {
          label: t('periods.balances.carriedForward'),
          value: <MoneyText grosze={statement.carriedForward} />,
        },
        {
          label: t('statements.detail.publishedAt'),
          value: statement.publishedAt ? <DateText value={statement.publishedAt} withTime /> : none,
        },
        {
          label: t('periods.board.paid'),
          value: statement.paidOn ? formatDate(statement.paidOn, locale) : none,
        },
      ]}
    />
  );
}

export function StatementAdjustments({ statement }: { statement: StatementDetail }) {
  const { t } = useTranslation();
  return (
    <>
      {statement.adjustments.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('periods.adjustments.empty')}
        </Text>
      ) : (
        <Table aria-label={t('periods.adjustments.tableLabel')}>
          <Table.Tbody>
            {statement.adjustments.map((adjustment, index) => (
              <Table.Tr key={`${adjustment.reason}-${String(index)}`}>
                <Table.Td>
                  <AdjustmentKindText kind={adjustment.kind} />
                </Table.Td>
                <Table.Td>{adjustment.reason}</Table.Td>
                <Table.Td ta="right">
                  <MoneyText grosze={adjustment.amount} size="sm" />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </>
  );
}

/** The statement's PDF and XLSX, downloaded through the documents feature (each download is a receipt). */
export function StatementDocuments({ statement }: { statement: StatementDetail }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <>
      {statement.documentId && statement.files.length > 0 ? (
        <Stack component="ul" gap="xs" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {statement.files.map((file) => (
            <Group component="li" key={file.id} justify="space-between" wrap="nowrap" gap="sm">
              <Stack gap={0} miw={0}>
                <Text fw={600} size="sm" style={{ wordBreak: 'break-all' }}>
                  {file.fileName}
                </Text>
                <Text size="xs" c="dimmed">
                  {formatBytes(file.sizeBytes, locale)}
                </Text>
              </Stack>
              <Button
                component="a"
                href={`/api/documents/${statement.documentId ?? ''}/files/${file.id}/download`}
                download
                size="xs"
                variant="default"
                leftSection={<IconDownload size={14} aria-hidden />}
                aria-label={t('documents.detail.downloadFile', { name: file.fileName })}
              >
                {t('common.download')}
              </Button>
            </Group>
          ))}
        </Stack>
      ) : (
        <Text c="dimmed" size="sm">
          {t('statements.documents.generating')}
        </Text>
      )}
    </>
  );
}

const pageSize = 50;

export function StatementLinesSection({ statementId }: { statementId: string }) {
  const [page, setPage] = useState(1);
  const lines = useStatementLines(statementId, { offset: (page - 1) * pageSize, limit: pageSize });
  return (
    <QueryState query={lines}>
      {(data) => (
        <Stack gap="sm">
          <StatementLinesTable lines={data.lines} />
          <Pager total={data.total} pageSize={pageSize} page={page} onChange={setPage} />
        </Stack>
      )}
    </QueryState>
  );
}
