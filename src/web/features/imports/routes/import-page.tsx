import { Alert, Anchor, Button, Group, Paper, Progress, Stack, Tabs, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconArrowLeft, IconDownload, IconEdit, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { ImportDetail } from '../../../../shared/api/imports';
import { formatDate } from '../../../../shared/format';
import { useConfirm } from '../../../components/confirm-modal';
import { ErrorAlert } from '../../../components/error-alert';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/query-state';
import { SectionCard } from '../../../components/section-card';
import { ImportReconciliation } from '../components/import-reconciliation';
import { useLocale } from '../../../lib/i18n';
import { useDiscardImport } from '../api/discard-import';
import { useImport } from '../api/get-import';
import { DetectedSummary } from '../components/detected-file';
import { CommitImport } from '../components/import-actions';
import { useDescribeFileProblem } from '../components/import-errors';
import { ImportLinesPanel } from '../components/import-lines-panel';
import { ImportStatusBadge } from '../components/import-status-badge';
import { ImportTotals } from '../components/import-totals';
import { MappingForm } from '../components/mapping-form';

const reparsable = ['uploaded', 'parsed', 'failed'];

function ParseProgress({ detail }: { detail: ImportDetail }) {
  const { t } = useTranslation();
  const percent = Math.round((detail.progress ?? 0) * 100);
  return (
    <Paper withBorder p="lg" radius="md">
      <Stack gap="sm">
        <Text fw={600}>{t('imports.parsing.title')}</Text>
        <Progress value={percent} size="lg" animated aria-label={t('imports.parsing.progress')} />
        <Text size="sm" aria-live="polite">
          {t('imports.parsing.text', { percent, rows: detail.rowsProcessed })}
        </Text>
        <Text size="sm" c="dimmed">
          {t('imports.parsing.leave')}
        </Text>
      </Stack>
    </Paper>
  );
}

function ImportView({ detail }: { detail: ImportDetail }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const confirm = useConfirm();
  const discard = useDiscardImport();
  const describeFile = useDescribeFileProblem();
  const [isRemapping, setIsRemapping] = useState(false);
  const canChange = reparsable.includes(detail.status);
  const hasFile = detail.status !== 'uploading' && detail.status !== 'discarded';
  const showMapping =
    detail.detected !== null &&
    (detail.status === 'uploaded' ||
      detail.status === 'failed' ||
      (detail.status === 'parsed' && isRemapping));
  const showPreview = detail.status === 'parsed' || detail.status === 'committed';

  return (
    <>
      <PageHeader
        title={detail.fileName}
        back={
          <Anchor component={Link} to="/imports" size="sm">
            <Group gap={4}>
              <IconArrowLeft size={14} aria-hidden />
              {t('imports.back')}
            </Group>
          </Anchor>
        }
        description={
          <Group gap="xs">
            <ImportStatusBadge status={detail.status} />
            <Text c="dimmed">
              {detail.insurerName} ·{' '}
              {t('imports.statementDateOn', { date: formatDate(detail.statementDate, locale) })}
            </Text>
          </Group>
        }
        actions={
          <>
            {hasFile && (
              <Button
                component="a"
                href={`/api/imports/${detail.id}/file`}
                download
                variant="default"
                leftSection={<IconDownload size={18} aria-hidden />}
              >
                {t('imports.downloadOriginal')}
              </Button>
            )}
            {canChange && (
              <Button
                variant="default"
                color="red"
                leftSection={<IconTrash size={18} aria-hidden />}
                loading={discard.isPending}
                onClick={() => {
                  confirm({
                    title: t('imports.discardTitle'),
                    message: t('imports.discardText', { fileName: detail.fileName }),
                    confirmLabel: t('imports.discard'),
                    isDanger: true,
                    onConfirm: () => {
                      discard.mutate(detail.id, {
                        onSuccess: () => {
                          notifications.show({
                            message: t('imports.discarded', { fileName: detail.fileName }),
                          });
                          void navigate('/imports', { replace: true });
                        },
                      });
                    },
                  });
                }}
              >
                {t('imports.discard')}
              </Button>
            )}
          </>
        }
      />
      <Stack gap="lg">
        {discard.isError && <ErrorAlert error={discard.error} focusOnShow />}
        {detail.status === 'discarded' && (
          <Alert color="gray" variant="light">
            {t('imports.discardedNote')}
          </Alert>
        )}
        {detail.status === 'failed' && detail.failure && (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlertCircle aria-hidden />}
            title={t('imports.failedTitle')}
            role="alert"
          >
            {describeFile(detail.failure.code, detail.failure.details)}
          </Alert>
        )}
        {detail.detected && (
          <SectionCard title={t('imports.detected.title')}>
            <DetectedSummary detected={detail.detected} />
          </SectionCard>
        )}
        {detail.status === 'parsing' && <ParseProgress detail={detail} />}
        {showMapping && detail.detected && (
          <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="mapping-heading">
            <MappingForm
              detail={detail}
              detected={detail.detected}
              onParseStarted={() => {
                setIsRemapping(false);
              }}
            />
          </Paper>
        )}
        {showPreview && (
          <SectionCard
            title={t('imports.preview.title')}
            description={
              detail.status === 'committed' ? t('imports.preview.committed') : t('imports.preview.parsed')
            }
            actions={
              detail.status === 'parsed' && !isRemapping ? (
                <Button
                  variant="default"
                  leftSection={<IconEdit size={16} aria-hidden />}
                  onClick={() => {
                    setIsRemapping(true);
                  }}
                >
                  {t('imports.changeMapping')}
                </Button>
              ) : undefined
            }
          >
            <ImportTotals detail={detail} />
            {detail.status === 'parsed' && <CommitImport detail={detail} />}
            {detail.status === 'committed' && detail.unmatchedCount > 0 && (
              <Alert color="orange" variant="light">
                <Group justify="space-between" gap="sm">
                  <Text size="sm">{t('imports.unmatchedAfterCommit', { count: detail.unmatchedCount })}</Text>
                  <Button component={Link} to="/imports/unmatched" size="xs" variant="light" color="orange">
                    {t('unmatched.title')}
                  </Button>
                </Group>
              </Alert>
            )}
            <Tabs defaultValue={detail.errorCount > 0 ? 'errors' : 'lines'} keepMounted={false}>
              <Tabs.List>
                <Tabs.Tab value="lines">
                  {t('imports.tabs.lines')} ({detail.lineCount})
                </Tabs.Tab>
                <Tabs.Tab value="errors">
                  {t('imports.tabs.errors')} ({detail.errorCount})
                </Tabs.Tab>
                <Tabs.Tab value="unmatched">
                  {t('imports.tabs.unmatched')} ({detail.unmatchedCount})
                </Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="lines">
                <ImportLinesPanel detail={detail} show="lines" />
              </Tabs.Panel>
              <Tabs.Panel value="errors">
                <ImportLinesPanel detail={detail} show="errors" />
              </Tabs.Panel>
              <Tabs.Panel value="unmatched">
                <ImportLinesPanel detail={detail} show="unmatched" />
              </Tabs.Panel>
            </Tabs>
          </SectionCard>
        )}
        {detail.status === 'committed' && (
          <SectionCard
            title={t('imports.reconciliation.title')}
            description={t('imports.reconciliation.description')}
          >
            <ImportReconciliation importId={detail.id} />
          </SectionCard>
        )}
      </Stack>
    </>
  );
}

export function ImportPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const detail = useImport(id);
  if (detail.isSuccess) {
    return <ImportView key={id} detail={detail.data} />;
  }
  return (
    <>
      <PageHeader title={t('imports.pageTitle')} />
      <QueryState query={detail}>{() => null}</QueryState>
    </>
  );
}
