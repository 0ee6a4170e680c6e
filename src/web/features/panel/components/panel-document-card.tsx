import { Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconDownload, IconFile, IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PanelDocument } from '../../../../shared/api/documents';
import { formatBytes, formatMonth } from '../../../../shared/format';
import { DateText } from '../../../components/date-text';
import { useLocale } from '../../../lib/i18n';

type PanelDocumentCardProps = {
  document: PanelDocument;
  /** On the list the title links to the document; on its own page it is the page's subject. */
  isLinked?: boolean;
  onDownload?: (document: PanelDocument) => void;
};

/** One document as a collaborator sees it on a phone: what, which month, from whom, the files. */
export function PanelDocumentCard({ document, isLinked = true, onDownload }: PanelDocumentCardProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const isNew = document.openedAt === null;
  const headingId = `document-${document.id}`;
  return (
    <Paper
      component="article"
      aria-labelledby={headingId}
      withBorder
      p="md"
      radius="md"
      shadow={isNew ? 'sm' : undefined}
    >
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
          <Title order={2} size="h3" id={headingId} style={{ wordBreak: 'break-word' }}>
            {isLinked ? (
              <Anchor component={Link} to={`/panel/documents/${document.id}`} inherit>
                {document.title}
              </Anchor>
            ) : (
              document.title
            )}
          </Title>
          {isNew && (
            <Badge
              color="sejf"
              variant="filled"
              size="lg"
              radius="sm"
              style={{ flexShrink: 0, textTransform: 'none' }}
            >
              {t('panel.new')}
            </Badge>
          )}
        </Group>
        <Text fz="lg" fw={600}>
          {formatMonth(document.periodMonth, locale)}
        </Text>
        <Text c="dimmed">
          {t('panel.sentOn')} <DateText value={document.publishedAt} /> · {document.sentBy}
        </Text>
        <Stack component="ul" gap="xs" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {document.files.map((file) => (
            <Paper component="li" key={file.id} bg="gray.0" p="sm" radius="md">
              <Group gap="sm" wrap="nowrap">
                <IconFile size={24} aria-hidden style={{ flexShrink: 0 }} />
                <Stack gap={0} miw={0}>
                  <Text fw={600} style={{ wordBreak: 'break-word' }}>
                    {file.fileName}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {formatBytes(file.sizeBytes, locale)}
                  </Text>
                </Stack>
              </Group>
              <Button
                component="a"
                href={`/api/panel/documents/${document.id}/files/${file.id}/download`}
                download
                size="lg"
                fullWidth
                mt="sm"
                leftSection={<IconDownload size={22} aria-hidden />}
                aria-label={t('panel.downloadFile', { name: file.fileName })}
                onClick={() => {
                  onDownload?.(document);
                }}
              >
                {t('panel.download')}
              </Button>
            </Paper>
          ))}
        </Stack>
        <Group gap={6} wrap="nowrap">
          <IconLock size={16} aria-hidden style={{ flexShrink: 0 }} />
          <Text size="sm" c="dimmed">
            {t('common.encryptedNote')}
          </Text>
        </Group>
      </Stack>
    </Paper>
  );
}
