import { ActionIcon, Box, Button, FileButton, Group, List, Stack, Text } from '@mantine/core';
import { IconFile, IconUpload, IconX } from '@tabler/icons-react';
import { useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBytes } from '../../../../shared/format';
import { useLocale } from '../../../lib/i18n';

export type FileRules = { allowedExtensions: readonly string[]; maxBytes: number; maxFiles: number };

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

type FilePickerProps = {
  files: readonly File[];
  onChange: (files: File[]) => void;
  rules: FileRules;
  error?: string | null;
  disabled?: boolean;
};

/**
 * Files by button or by dropping them on the area. The same limits as the server's are checked
 * here, so that a wrong file is refused before a long upload.
 */
export function FilePicker({ files, onChange, rules, error, disabled = false }: FilePickerProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [rejections, setRejections] = useState<string[]>([]);
  const [isDragging, setIsDragging] = useState(false);
  const accept = rules.allowedExtensions.map((extension) => `.${extension}`).join(',');
  const maxSize = formatBytes(rules.maxBytes, locale);

  const add = (incoming: readonly File[]) => {
    const next = [...files];
    const rejected: string[] = [];
    for (const file of incoming) {
      if (!rules.allowedExtensions.includes(extensionOf(file.name))) {
        rejected.push(t('documents.files.rejectType', { name: file.name }));
      } else if (file.size === 0) {
        rejected.push(t('documents.files.rejectEmpty', { name: file.name }));
      } else if (file.size > rules.maxBytes) {
        rejected.push(t('documents.files.rejectSize', { name: file.name, max: maxSize }));
      } else if (next.some((existing) => existing.name.toLowerCase() === file.name.toLowerCase())) {
        rejected.push(t('documents.files.rejectDuplicate', { name: file.name }));
      } else if (next.length >= rules.maxFiles) {
        rejected.push(t('documents.files.rejectCount', { name: file.name, max: rules.maxFiles }));
      } else {
        next.push(file);
      }
    }
    setRejections(rejected);
    onChange(next);
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setIsDragging(false);
    if (!disabled) {
      add(Array.from(event.dataTransfer.files));
    }
  };

  return (
    <Stack gap="xs">
      <Text fw={500} size="sm" id="files-label">
        {t('documents.files.label')}{' '}
        <Text span c="red.9" aria-hidden>
          *
        </Text>
      </Text>
      <Box
        className="file-drop-zone"
        data-active={isDragging}
        onDragOver={(event) => {
          event.preventDefault();
          setIsDragging(true);
        }}
        onDragLeave={() => {
          setIsDragging(false);
        }}
        onDrop={onDrop}
      >
        <Stack align="center" gap="xs">
          <IconUpload size={32} aria-hidden color="var(--mantine-color-sejf-7)" />
          <Text size="sm">{t('documents.files.dropHint')}</Text>
          <FileButton onChange={add} accept={accept} multiple disabled={disabled}>
            {(props) => (
              <Button {...props} variant="default" aria-describedby="files-rules" disabled={disabled}>
                {t('documents.files.choose')}
              </Button>
            )}
          </FileButton>
          <Text size="xs" c="dimmed" id="files-rules">
            {t('documents.files.rules', {
              types: rules.allowedExtensions.map((extension) => extension.toUpperCase()).join(', '),
              max: maxSize,
              count: rules.maxFiles,
            })}
          </Text>
        </Stack>
      </Box>
      {error && (
        <Text size="sm" c="red.9" role="alert">
          {error}
        </Text>
      )}
      {rejections.length > 0 && (
        <List size="sm" c="red.9" role="alert" spacing={2}>
          {rejections.map((message) => (
            <List.Item key={message}>{message}</List.Item>
          ))}
        </List>
      )}
      {files.length > 0 && (
        <List listStyleType="none" spacing="xs" aria-labelledby="files-label">
          {files.map((file) => (
            <List.Item key={file.name}>
              <Group gap="sm" wrap="nowrap">
                <IconFile size={18} aria-hidden />
                <Text size="sm" style={{ wordBreak: 'break-all' }}>
                  {file.name}
                </Text>
                <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                  {formatBytes(file.size, locale)}
                </Text>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  disabled={disabled}
                  aria-label={t('documents.files.remove', { name: file.name })}
                  onClick={() => {
                    onChange(files.filter((candidate) => candidate !== file));
                  }}
                >
                  <IconX size={16} aria-hidden />
                </ActionIcon>
              </Group>
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}
