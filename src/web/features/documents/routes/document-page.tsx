import { Anchor, Button, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconDownload, IconLock, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { DocumentDetail } from '../../../../shared/api/documents';
import { formatBytes, formatMonth } from '../../../../shared/format';
import { useConfirm } from '../../../components/confirm-modal';
import { DateText } from '../../../components/date-text';
import { DetailList } from '../../../components/detail-list';
import { EmptyState } from '../../../components/empty-state';
import { ErrorAlert } from '../../../components/error-alert';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/query-state';
import { useLocale } from '../../../lib/i18n';
import { useDeleteDocument } from '../api/delete-document';
import { useDocument } from '../api/get-document';
import { documentsQueryKey } from '../api/get-documents';
import { ReceiptsTimeline } from '../components/receipts-timeline';

function DocumentView({ document }: { document: DocumentDetail }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const confirm = useConfirm();
  const remove = useDeleteDocument();
  const queryClient = useQueryClient();
  // A download by the office is a receipt too; the list below shows it once the server has it.
  const refreshReceiptsSoon = () => {
    window.setTimeout(() => {
      void queryClient.invalidateQueries({ queryKey: documentsQueryKey });
    }, 1500);
  };

  return (
    <>
      <PageHeader
        title={document.title}
        back={
          <Anchor component={Link} to="/documents" size="sm">
            <Group gap={4}>
              <IconArrowLeft size={14} aria-hidden />
              {t('documents.detail.back')}
            </Group>
          </Anchor>
        }
        actions={
          document.inSettlement ? (
            <Text size="sm" c="dimmed" maw={360}>
              {t('documents.detail.inSettlement')}
            </Text>
          ) : (
            <Button
              variant="default"
              color="red"
              leftSection={<IconTrash size={18} aria-hidden />}
              loading={remove.isPending}
              onClick={() => {
                confirm({
                  title: t('documents.detail.deleteTitle'),
                  message: t('documents.detail.deleteText'),
                  confirmLabel: t('documents.detail.deleteConfirm'),
                  isDanger: true,
                  onConfirm: () => {
                    remove.mutate(document.id, {
                      onSuccess: () => {
                        notifications.show({
                          message: t('documents.detail.deleted', { title: document.title }),
                        });
                        void navigate('/documents', { replace: true });
                      },
                    });
                  },
                });
              }}
            >
              {t('common.delete')}
            </Button>
          )
        }
      />
      {remove.isError && <ErrorAlert error={remove.error} focusOnShow />}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="lg">
            <Paper withBorder p="lg" radius="md">
              <DetailList
                items={[
                  {
                    label: t('documents.columns.collaborator'),
                    value: (
                      <Anchor component={Link} to={`/collaborators/${document.collaborator.id}`}>
                        {document.collaborator.fullName} ·{' '}
                        <span className="tabular">{document.collaborator.knfNumber}</span>
                      </Anchor>
                    ),
                  },
                  { label: t('documents.columns.month'), value: formatMonth(document.periodMonth, locale) },
                  {
                    label: t('documents.columns.sentAt'),
                    value: <DateText value={document.publishedAt} withTime />,
                  },
                  { label: t('documents.columns.sentBy'), value: document.uploadedBy },
                  {
                    label: t('documents.columns.firstOpened'),
                    value: document.firstOpenedAt ? (
                      <DateText value={document.firstOpenedAt} withTime />
                    ) : (
                      t('documents.notOpened')
                    ),
                  },
                  {
                    label: t('documents.columns.downloads'),
                    value: <span className="tabular">{document.downloadCount}</span>,
                  },
                ]}
              />
              <Group gap="xs" mt="md" wrap="nowrap">
                <IconLock size={16} aria-hidden />
                <Text size="sm" c="dimmed">
                  {t('documents.detail.encrypted', { name: document.collaborator.fullName })}
                </Text>
              </Group>
            </Paper>
            <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="files-heading">
              <Title order={2} size="h4" id="files-heading" mb="sm">
                {t('documents.detail.files')}
              </Title>
              <Stack component="ul" gap="xs" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
                {document.files.map((file) => (
                  <Group component="li" key={file.id} justify="space-between" wrap="nowrap" gap="sm">
                    <Stack gap={0} miw={0}>
                      <Text fw={600} style={{ wordBreak: 'break-all' }}>
                        {file.fileName}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {formatBytes(file.sizeBytes, locale)}
                        {file.scanState === 'not_scanned' ? ` · ${t('documents.detail.notScanned')}` : ''}
                      </Text>
                    </Stack>
                    <Button
                      component="a"
                      href={`/api/documents/${document.id}/files/${file.id}/download`}
                      variant="default"
                      leftSection={<IconDownload size={16} aria-hidden />}
                      aria-label={t('documents.detail.downloadFile', { name: file.fileName })}
                      style={{ flexShrink: 0 }}
                      onClick={refreshReceiptsSoon}
                    >
                      {t('documents.detail.download')}
                    </Button>
                  </Group>
                ))}
              </Stack>
            </Paper>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="receipts-heading">
            <Title order={2} size="h4" id="receipts-heading" mb="md">
              {t('documents.detail.receipts')}
            </Title>
            {document.receipts.length === 0 ? (
              <EmptyState
                headingOrder={3}
                title={t('documents.detail.noReceipts')}
                description={t('documents.detail.noReceiptsText')}
              />
            ) : (
              <ReceiptsTimeline receipts={document.receipts} />
            )}
          </Paper>
        </Grid.Col>
      </Grid>
    </>
  );
}

export function DocumentPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const document = useDocument(id);
  if (document.isSuccess) {
    return <DocumentView document={document.data} />;
  }
  return (
    <>
      <PageHeader title={t('documents.detail.pageTitle')} />
      <QueryState query={document}>{() => null}</QueryState>
    </>
  );
}
