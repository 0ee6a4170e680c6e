import { Alert, Anchor, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconDownload, IconLock } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { StatementDetail } from '../../../../shared/api/statements';
import { formatBytes } from '../../../../shared/format';
import { formatAmount } from '../../../../shared/money';
import { DateText } from '../../../components/date-text';
import { MoneyText } from '../../../components/money-text';
import { Pager } from '../../../components/pager';
import { QueryState } from '../../../components/query-state';
import { useLocale } from '../../../lib/i18n';
import { periodLabel } from '../../../lib/period-label';
import { usePageTitle } from '../../../lib/use-page-title';
import { AdjustmentKindText } from '../../statements/components/adjustment-kind-text';
import { DiffBox } from '../../statements/components/diff-box';
import { DisputeList } from '../../statements/components/dispute-list';
import { MessageThread } from '../../statements/components/message-thread';
import { PerInsurerTable } from '../../statements/components/per-insurer-table';
import { StatementStatusBadge } from '../../statements/components/statement-status-badge';
import { VersionsList } from '../../statements/components/versions-list';
import { usePanelStatement } from '../api/get-panel-statement';
import { usePanelStatementLines } from '../api/get-panel-statement-lines';
import { usePostPanelMessage } from '../api/post-panel-message';
import { AcceptDisputeSection } from '../components/accept-dispute-section';
import { PanelInvoiceSection } from '../components/panel-invoice-section';
import { PanelSection } from '../components/panel-section';
import { StatementLineCards } from '../components/statement-line-cards';
import { nextStepOf } from '../components/statement-next-step';

const pageSize = 20;

function Lines({ statementId }: { statementId: string }) {
  const [page, setPage] = useState(1);
  const lines = usePanelStatementLines(statementId, { offset: (page - 1) * pageSize, limit: pageSize });
  return (
    <QueryState query={lines}>
      {(data) => (
        <Stack gap="sm">
          <StatementLineCards lines={data.lines} />
          <Pager total={data.total} pageSize={pageSize} page={page} onChange={setPage} />
        </Stack>
      )}
    </QueryState>
  );
}

function StatementView({ statement }: { statement: StatementDetail }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const postMessage = usePostPanelMessage(statement.id);
  // The disputed lines are named by policy number; a statement has few enough lines for one page.
  const allLines = usePanelStatementLines(statement.id, { offset: 0, limit: 1000 });
  const current = statement.versions.find((version) => version.isCurrent);
  const isCurrent = current === undefined || current.id === statement.id;
  const hasOpenDispute = statement.disputes.some((dispute) => dispute.status === 'open');
  const canDecide =
    isCurrent && statement.status === 'published' && !hasOpenDispute && statement.acceptedAt === null;
  const documentId = statement.documentId;

  return (
    <Stack gap="lg">
      {!isCurrent && (
        <Alert color="orange" variant="light">
          <Stack gap="xs">
            <Text>{t('panelStatements.superseded', { version: current.version })}</Text>
            <Button
              component={Link}
              to={`/panel/statements/${current.id}`}
              size="md"
              variant="light"
              color="orange"
            >
              {t('statements.detail.openCurrent')}
            </Button>
          </Stack>
        </Alert>
      )}
      <Paper withBorder p="lg" radius="md" bg="sejf.0" style={{ borderColor: 'var(--mantine-color-sejf-3)' }}>
        <Stack gap={6}>
          <Group justify="space-between" gap="xs">
            <Text fw={600}>{t('panelStatements.amountDue')}</Text>
            <StatementStatusBadge status={statement.status} size="lg" />
          </Group>
          <MoneyText grosze={statement.amountDue} fz={40} fw={800} ta="left" />
          <Text fz="lg" fw={600} role="status">
            {t(`panelStatements.next.${nextStepOf(statement, statement.expectedInvoice)}`)}
          </Text>
          {statement.carriedForward !== 0 && (
            <Text size="sm">
              {t('panelStatements.carriedForward', { amount: formatAmount(statement.carriedForward) })}
            </Text>
          )}
          {statement.acceptedAt && (
            <Text size="sm">
              {t('panelStatements.acceptedOn')} <DateText value={statement.acceptedAt} withTime />
            </Text>
          )}
          <Text size="sm" c="dimmed">
            {t('panelStatements.number', { number: statement.number, version: statement.version })}
          </Text>
        </Stack>
      </Paper>
      {statement.diff && <DiffBox diff={statement.diff} />}
      {canDecide && (
        <PanelSection>
          <AcceptDisputeSection statement={statement} />
        </PanelSection>
      )}
      {statement.disputes.length > 0 && (
        <PanelSection title={t('statements.disputes.title')}>
          <DisputeList disputes={statement.disputes} lines={allLines.data?.lines ?? []} />
        </PanelSection>
      )}
      <PanelSection>
        <PanelInvoiceSection statement={statement} isCurrent={isCurrent} />
      </PanelSection>
      <PanelSection title={t('statements.perInsurer.title')}>
        {statement.perInsurer.length === 0 ? (
          <Text c="dimmed">{t('common.none')}</Text>
        ) : (
          <PerInsurerTable perInsurer={statement.perInsurer} />
        )}
      </PanelSection>
      {statement.adjustments.length > 0 && (
        <PanelSection title={t('periods.adjustments.title')}>
          <Table aria-label={t('periods.adjustments.tableLabel')}>
            <Table.Tbody>
              {statement.adjustments.map((adjustment, index) => (
                <Table.Tr key={`${adjustment.reason}-${String(index)}`}>
                  <Table.Td>
                    <Text fw={600} size="sm">
                      <AdjustmentKindText kind={adjustment.kind} />
                    </Text>
                    <Text size="sm">{adjustment.reason}</Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <MoneyText grosze={adjustment.amount} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </PanelSection>
      )}
      <PanelSection title={t('statements.documents.title')}>
        {documentId && statement.files.length > 0 ? (
          <Stack component="ul" gap="sm" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {statement.files.map((file) => (
              <li key={file.id}>
                <Button
                  component="a"
                  href={`/api/panel/documents/${documentId}/files/${file.id}/download`}
                  download
                  size="md"
                  h="auto"
                  py="xs"
                  fullWidth
                  variant="default"
                  leftSection={<IconDownload size={22} aria-hidden />}
                  styles={{ label: { whiteSpace: 'normal', overflowWrap: 'anywhere', textAlign: 'left' } }}
                >
                  {t('panel.downloadFile', { name: file.fileName })}
                </Button>
                <Text size="sm" c="dimmed" ta="center" mt={4}>
                  {formatBytes(file.sizeBytes, locale)}
                </Text>
              </li>
            ))}
          </Stack>
        ) : (
          <Text c="dimmed">{t('statements.documents.generating')}</Text>
        )}
        <Group gap={6} wrap="nowrap">
          <IconLock size={16} aria-hidden style={{ flexShrink: 0 }} />
          <Text size="sm" c="dimmed">
            {t('common.encryptedNote')}
          </Text>
        </Group>
      </PanelSection>
      <PanelSection title={t('panelStatements.lines', { count: statement.lineCount })}>
        <Lines statementId={statement.id} />
      </PanelSection>
      <PanelSection title={t('panelStatements.thread')}>
        <MessageThread messages={statement.messages} send={postMessage} isLarge />
      </PanelSection>
      {statement.versions.length > 1 && (
        <PanelSection title={t('statements.versions.title')}>
          <VersionsList
            versions={statement.versions}
            currentId={statement.id}
            linkOf={(id) => `/panel/statements/${id}`}
          />
        </PanelSection>
      )}
    </Stack>
  );
}

/** One statement on a phone: the amount, what to do, the documents, the lines, the conversation. */
export function PanelStatementPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { id = '' } = useParams();
  const statement = usePanelStatement(id);
  const title = statement.data
    ? t('panelStatements.forPeriod', { period: periodLabel(statement.data, locale) })
    : t('statements.detail.pageTitle');
  usePageTitle(title);
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/panel/statements" fz="md">
        <Group gap={4}>
          <IconArrowLeft size={16} aria-hidden />
          {t('panelStatements.back')}
        </Group>
      </Anchor>
      <Title order={1} size="h2" data-page-heading tabIndex={-1}>
        {title}
      </Title>
      <QueryState query={statement}>{(data) => <StatementView key={data.id} statement={data} />}</QueryState>
    </Stack>
  );
}
