import { Button, Group, Progress, Stack, Text, TextInput } from '@mantine/core';
import { MonthPickerInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { IconLock } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CollaboratorListItem } from '../../../../shared/api/collaborators';
import type { DocumentListItem } from '../../../../shared/api/documents';
import { ErrorAlert } from '../../../components/error-alert';
import { useDescribeError } from '../../../lib/error-message';
import { applyApiError, focusFirstError } from '../../../lib/form-errors';
import { monthFromPicker, monthToPicker, previousMonth } from '../../../lib/calendar';
import type { UploadProgress } from '../../../lib/upload';
import { useUploadDocument } from '../api/upload-document';
import { FilePicker, type FileRules } from './file-picker';

type Values = { title: string; month: string | null; files: File[] };

type DocumentDetailsStepProps = {
  recipient: CollaboratorListItem;
  rules: FileRules;
  onBack: () => void;
  onSent: (document: DocumentListItem) => void;
};

/** Step 3: what the document is, for which month, the files; then the encrypted upload. */
export function DocumentDetailsStep({ recipient, rules, onBack, onSent }: DocumentDetailsStepProps) {
  const { t } = useTranslation();
  const describe = useDescribeError();
  const upload = useUploadDocument();
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [summaryError, setSummaryError] = useState<unknown>(null);
  const form = useForm<Values>({
    name: 'document',
    initialValues: { title: '', month: monthToPicker(previousMonth()), files: [] },
    validate: {
      title: (value) => (value.trim() ? null : t('documents.send.titleRequired')),
      month: (value) => (monthFromPicker(value) ? null : t('documents.send.monthRequired')),
      files: (value) => (value.length > 0 ? null : t('documents.send.filesRequired')),
    },
  });

  const submit = form.onSubmit((values) => {
    const month = monthFromPicker(values.month);
    if (!month) {
      return;
    }
    setSummaryError(null);
    setProgress({ loaded: 0, total: values.files.reduce((sum, file) => sum + file.size, 0) });
    upload.mutate(
      {
        fields: { collaboratorId: recipient.id, title: values.title.trim(), periodMonth: month },
        files: values.files,
        onProgress: setProgress,
      },
      {
        onSuccess: onSent,
        onError: (error) => {
          setProgress(null);
          if (
            !applyApiError(form, error, describe, {
              fields: ['title', 'month'],
              fieldMap: { periodMonth: 'month' },
            })
          ) {
            setSummaryError(error);
          }
        },
      },
    );
  }, focusFirstError(form));

  const percent = progress && progress.total > 0 ? Math.round((progress.loaded / progress.total) * 100) : 0;
  const isSending = upload.isPending;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md" maw={640}>
        {summaryError !== null && <ErrorAlert error={summaryError} focusOnShow />}
        <TextInput
          label={t('documents.send.title')}
          description={t('documents.send.titleHint')}
          required
          maxLength={200}
          disabled={isSending}
          data-step-focus
          {...form.getInputProps('title')}
        />
        <MonthPickerInput
          label={t('documents.send.month')}
          required
          disabled={isSending}
          valueFormat="MMMM YYYY"
          maw={280}
          {...form.getInputProps('month')}
        />
        <FilePicker
          files={form.values.files}
          onChange={(files) => {
            form.setFieldValue('files', files);
          }}
          rules={rules}
          error={typeof form.errors.files === 'string' ? form.errors.files : null}
          disabled={isSending}
        />
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <IconLock size={18} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
          <Text size="sm">{t('documents.send.encryptedFor', { name: recipient.fullName })}</Text>
        </Group>
        {isSending && progress && (
          <Stack gap={4} role="status" aria-live="polite">
            <Text size="sm">
              {percent < 100 ? t('documents.send.uploading', { percent }) : t('documents.send.processing')}
            </Text>
            <Progress
              value={percent}
              size="lg"
              animated={percent >= 100}
              aria-label={t('documents.send.progressLabel')}
            />
          </Stack>
        )}
        <Group gap="sm">
          <Button variant="default" size="md" onClick={onBack} disabled={isSending}>
            {t('common.back')}
          </Button>
          <Button type="submit" size="md" loading={isSending}>
            {t('documents.send.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
