import { Alert, Button, FileInput, Group, Progress, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle, IconFileSpreadsheet, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportDetail } from '../../../../shared/api/imports';
import { previousMonth } from '../../../lib/calendar';
import { focusFirstError } from '../../../lib/form-errors';
import { useInsurers } from '../../insurers/api/get-insurers';
import { useUploadImport } from '../api/upload-import';
import { useDescribeImportError } from './import-errors';

/** The last day of the month before the current one: the date most insurer statements carry. */
export function defaultStatementDate(now: Date = new Date()): string {
  const [year = 1970, month = 1] = previousMonth(now).split('-').map(Number);
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

const allowedExtensions = ['csv', 'xlsx'];

type Values = { insurerId: string | null; statementDate: string; file: File | null };

export function UploadImportForm({ onUploaded }: { onUploaded: (detail: ImportDetail) => void }) {
  const { t } = useTranslation();
  const describe = useDescribeImportError();
  const insurers = useInsurers();
  const upload = useUploadImport();
  const [percent, setPercent] = useState<number | null>(null);
  const form = useForm<Values>({
    initialValues: { insurerId: null, statementDate: defaultStatementDate(), file: null },
    validate: {
      insurerId: (value) => (value ? null : t('imports.upload.insurerRequired')),
      statementDate: (value) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? null : t('imports.upload.dateRequired')),
      file: (value) => {
        if (!value) {
          return t('imports.upload.fileRequired');
        }
        const extension = value.name.split('.').pop()?.toLowerCase() ?? '';
        return allowedExtensions.includes(extension) ? null : t('imports.upload.fileType');
      },
    },
  });

  const submit = form.onSubmit((values) => {
    if (!values.insurerId || !values.file) {
      return;
    }
    setPercent(0);
    upload.mutate(
      {
        insurerId: values.insurerId,
        statementDate: values.statementDate,
        file: values.file,
        onProgress: ({ loaded, total }) => {
          setPercent(total > 0 ? Math.round((loaded / total) * 100) : 0);
        },
      },
      {
        onSuccess: onUploaded,
        onSettled: () => {
          setPercent(null);
        },
      },
    );
  }, focusFirstError(form));

  const options = (insurers.data ?? [])
    .filter((insurer) => !insurer.isArchived)
    .map((insurer) => ({ value: insurer.id, label: insurer.name }));

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md" maw={560}>
        {upload.isError && (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlertCircle aria-hidden />}
            title={t('errors.title')}
            role="alert"
          >
            <Text size="sm">{describe(upload.error)}</Text>
          </Alert>
        )}
        <Select
          label={t('imports.upload.insurer')}
          placeholder={t('imports.upload.insurerPlaceholder')}
          searchable
          required
          data={options}
          nothingFoundMessage={t('agentCodes.nothingFound')}
          {...form.getInputProps('insurerId')}
        />
        <TextInput
          type="date"
          label={t('imports.upload.statementDate')}
          description={t('imports.upload.statementDateHint')}
          required
          maw={240}
          {...form.getInputProps('statementDate')}
        />
        <FileInput
          label={t('imports.upload.file')}
          description={t('imports.upload.fileHint')}
          placeholder={t('imports.upload.filePlaceholder')}
          accept=".csv,.xlsx"
          required
          clearable
          leftSection={<IconFileSpreadsheet size={18} aria-hidden />}
          {...form.getInputProps('file')}
        />
        {percent !== null && (
          <Stack gap={4}>
            <Progress value={percent} aria-label={t('imports.upload.progress')} animated />
            <Text size="sm" c="dimmed" aria-live="polite">
              {t('imports.upload.progressText', { percent })}
            </Text>
          </Stack>
        )}
        <Group>
          <Button type="submit" loading={upload.isPending} leftSection={<IconUpload size={18} aria-hidden />}>
            {t('imports.upload.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
