import { Alert, Anchor, Button, Grid, Group, Stack, Text } from '@mantine/core';
import { IconArrowLeft, IconCash, IconEdit, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { StatementDetail } from '../../../../shared/api/statements';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/query-state';
import { SectionCard } from '../../../components/section-card';
import { useLocale } from '../../../lib/i18n';
import { periodLabel } from '../../../lib/period-label';
import { useActiveSession } from '../../../lib/session';
import { useStatement } from '../api/get-statement';
import { useStatementLines } from '../api/get-statement-lines';
import { usePostStatementMessage } from '../api/post-message';
import { AcceptanceRecord } from '../components/acceptance-record';
import { CorrectionModal } from '../components/correction-modal';
import { DiffBox } from '../components/diff-box';
import { DisputeList } from '../components/dispute-list';
import { MarkPaidModal, type PayableStatement } from '../components/mark-paid-modal';
import { MessageThread } from '../components/message-thread';
import { PerInsurerTable } from '../components/per-insurer-table';
import { RejectDisputeModal } from '../components/reject-dispute-modal';
import { StaffInvoiceSection } from '../components/staff-invoice-section';
import { StatementStatusBadge } from '../components/statement-status-badge';
import {
  StatementAdjustments,
  StatementDocuments,
  StatementLinesSection,
  StatementSummary,
} from '../components/statement-sections';
import { VersionsList } from '../components/versions-list';

function StatementView({ statement }: { statement: StatementDetail }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const session = useActiveSession();
  const isOwner = session.agency?.role === 'owner';
  const postMessage = usePostStatementMessage(statement.id);
  // Every line, to name disputed lines and to offer them for correction.
  const allLines = useStatementLines(statement.id, { offset: 0, limit: 1000 });
  const [isCorrecting, setIsCorrecting] = useState(false);
  const [rejecting, setRejecting] = useState<string | null>(null);
  const [paying, setPaying] = useState<PayableStatement | null>(null);
  const current = statement.versions.find((version) => version.isCurrent);
  const isCurrent = current === undefined || current.id === statement.id;
  const openDisputes = statement.disputes.filter((dispute) => dispute.status === 'open');
  const disputedLineIds = openDisputes.flatMap((dispute) => dispute.lineIds ?? []);
  const label = periodLabel(statement, locale);
  const canPay =
    isOwner &&
    isCurrent &&
    statement.publishedAt !== null &&
    statement.paidOn === null &&
    statement.amountDue > 0 &&
    openDisputes.length === 0;
  const none = t('common.none');

  return (
    <>
      <PageHeader
        title={t('statements.detail.title', { number: statement.number })}
        back={
          <Anchor component={Link} to={`/periods/${statement.periodId}`} size="sm">
            <Group gap={4}>
              <IconArrowLeft size={14} aria-hidden />
              {t('periods.lines.back', { period: label })}
            </Group>
          </Anchor>
        }
        description={
          <Group gap="xs">
            <StatementStatusBadge status={statement.status} />
            <Text c="dimmed">
              {statement.collaboratorName} · {label} · {t('common.version', { version: statement.version })}
            </Text>
          </Group>
        }
        actions={
          canPay ? (
            <Button
              leftSection={<IconCash size={18} aria-hidden />}
              onClick={() => {
                setPaying(statement);
              }}
            >
              {t('statements.payment.action')}
            </Button>
          ) : undefined
        }
      />
      <Stack gap="lg">
        {!isCurrent && (
          <Alert color="orange" variant="light">
            <Group justify="space-between" gap="sm">
              <Text size="sm">{t('statements.detail.superseded', { version: current.version })}</Text>
              <Button
                component={Link}
                to={`/statements/${current.id}`}
                size="xs"
                variant="light"
                color="orange"
              >
                {t('statements.detail.openCurrent')}
              </Button>
            </Group>
          </Alert>
        )}
        {statement.diff && <DiffBox diff={statement.diff} />}
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, lg: 7 }}>
            <Stack gap="lg">
              <SectionCard title={t('statements.detail.summary')}>
                <StatementSummary statement={statement} />
              </SectionCard>
              <SectionCard title={t('statements.perInsurer.title')}>
                {statement.perInsurer.length === 0 ? (
                  <Text c="dimmed">{none}</Text>
                ) : (
                  <PerInsurerTable perInsurer={statement.perInsurer} />
                )}
              </SectionCard>
              <SectionCard title={t('periods.adjustments.title')}>
                <StatementAdjustments statement={statement} />
              </SectionCard>
              <SectionCard title={t('statements.lines.title')}>
                <StatementLinesSection statementId={statement.id} />
              </SectionCard>
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <Stack gap="lg">
              <SectionCard title={t('statements.disputes.title')}>
                {statement.disputes.length === 0 ? (
                  <Text c="dimmed" size="sm">
                    {t('statements.disputes.none')}
                  </Text>
                ) : (
                  <DisputeList
                    disputes={statement.disputes}
                    lines={allLines.data?.lines ?? []}
                    actionsOf={(dispute) =>
                      dispute.status === 'open' && isCurrent ? (
                        <Group gap="xs">
                          <Button
                            size="xs"
                            leftSection={<IconEdit size={14} aria-hidden />}
                            disabled={!allLines.isSuccess}
                            onClick={() => {
                              setIsCorrecting(true);
                            }}
                          >
                            {t('statements.disputes.correct')}
                          </Button>
                          <Button
                            size="xs"
                            variant="default"
                            color="red"
                            leftSection={<IconX size={14} aria-hidden />}
                            onClick={() => {
                              setRejecting(dispute.id);
                            }}
                          >
                            {t('statements.disputes.reject')}
                          </Button>
                        </Group>
                      ) : null
                    }
                  />
                )}
              </SectionCard>
              <SectionCard title={t('statements.thread.title')}>
                <MessageThread messages={statement.messages} send={postMessage} />
              </SectionCard>
              <SectionCard title={t('invoices.title')}>
                <StaffInvoiceSection statement={statement} isOwner={isOwner} isCurrent={isCurrent} />
              </SectionCard>
              <SectionCard title={t('statements.documents.title')}>
                <StatementDocuments statement={statement} />
              </SectionCard>
              <SectionCard title={t('statements.acceptance.title')}>
                {statement.acceptance ? (
                  <AcceptanceRecord acceptance={statement.acceptance} />
                ) : (
                  <Text c="dimmed" size="sm">
                    {t('statements.acceptance.none')}
                  </Text>
                )}
              </SectionCard>
              <SectionCard title={t('statements.versions.title')}>
                <VersionsList
                  versions={statement.versions}
                  currentId={statement.id}
                  linkOf={(id) => `/statements/${id}`}
                />
              </SectionCard>
            </Stack>
          </Grid.Col>
        </Grid>
      </Stack>
      {allLines.isSuccess && (
        <CorrectionModal
          opened={isCorrecting}
          statement={statement}
          lines={allLines.data.lines}
          disputedLineIds={disputedLineIds}
          onClose={() => {
            setIsCorrecting(false);
          }}
        />
      )}
      <RejectDisputeModal
        statementId={statement.id}
        disputeId={rejecting}
        onClose={() => {
          setRejecting(null);
        }}
      />
      <MarkPaidModal
        statement={paying}
        onClose={() => {
          setPaying(null);
        }}
      />
    </>
  );
}

export function StatementPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const statement = useStatement(id);
  if (statement.isSuccess) {
    return <StatementView key={id} statement={statement.data} />;
  }
  return (
    <>
      <PageHeader title={t('statements.detail.pageTitle')} />
      <QueryState query={statement}>{() => null}</QueryState>
    </>
  );
}
