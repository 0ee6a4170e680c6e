import {
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlayerPlay } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type {
  ColumnMapping,
  ColumnMappingInput,
  DetectedFile,
  ImportDetail,
  ImportField,
} from '../../../../shared/api/imports';
import { ErrorAlert } from '../../../components/error-alert';
import { detailValue, isApiError } from '../../../lib/api-error';
import { focusField, focusFirstError } from '../../../lib/form-errors';
import { useParseImport } from '../api/parse-import';
import { useSetMapping } from '../api/set-mapping';
import { SampleTable } from './detected-file';
import { mappingFields, requiredFields } from './import-fields';

type Values = {
  columns: Record<ImportField, string>;
  decimalSeparator: ColumnMapping['decimalSeparator'];
  dateFormat: ColumnMapping['dateFormat'];
  stornoValues: string;
  correctionValues: string;
  renewalYesValues: string;
  remember: boolean;
};

const problemsSchema = z.array(
  z.object({ field: z.string(), problem: z.enum(['not_mapped', 'column_missing']) }),
);

function initialValues(mapping: ColumnMapping | null, suggested: ImportDetail['suggestedColumns']): Values {
  // Without a mapping (the policy number or commission column was not recognised), whatever was recognised.
  const columns = Object.fromEntries(
    mappingFields.map((field) => [field, (mapping ? mapping.columns[field] : suggested[field]) ?? '']),
  ) as Record<ImportField, string>;
  return {
    columns,
    decimalSeparator: mapping?.decimalSeparator ?? 'auto',
    dateFormat: mapping?.dateFormat ?? 'auto',
    stornoValues: (mapping?.stornoValues ?? ['storno', 'zwrot', 'anulowanie']).join(', '),
    correctionValues: (mapping?.correctionValues ?? ['korekta']).join(', '),
    renewalYesValues: (mapping?.renewalYesValues ?? ['tak', 't', 'yes', 'y', '1', 'wznowienie']).join(', '),
    remember: true,
  };
}

function listOf(text: string): string[] {
  return text
    .split(',')
    .map((value) => value.trim().toLowerCase())
    .filter((value) => value !== '');
}

function mappingOf(values: Values): ColumnMappingInput {
  const columns: Partial<Record<ImportField, string>> = {};
  for (const field of mappingFields) {
    if (values.columns[field] !== '') {
      columns[field] = values.columns[field];
    }
  }
  return {
    columns: { ...columns, policyNumber: values.columns.policyNumber, commission: values.columns.commission },
    decimalSeparator: values.decimalSeparator,
    dateFormat: values.dateFormat,
    stornoValues: listOf(values.stornoValues),
    correctionValues: listOf(values.correctionValues),
    renewalYesValues: listOf(values.renewalYesValues),
  };
}

type MappingFormProps = { detail: ImportDetail; detected: DetectedFile; onParseStarted?: () => void };

/** One select per field with the file's own column names; the file's first rows show what each holds. */
export function MappingForm({ detail, detected, onParseStarted }: MappingFormProps) {
  const { t } = useTranslation();
  const setMapping = useSetMapping(detail.id);
  const parse = useParseImport(detail.id);
  const [summaryError, setSummaryError] = useState<unknown>(null);
  const problemText = (problem: 'not_mapped' | 'column_missing') =>
    problem === 'not_mapped' ? t('imports.mapping.notMapped') : t('imports.mapping.columnMissing');
  const form = useForm<Values>({
    initialValues: initialValues(detail.mapping, detail.suggestedColumns),
    initialErrors: Object.fromEntries(
      detail.mappingProblems.map((p) => [`columns.${p.field}`, problemText(p.problem)]),
    ),
    validate: {
      columns: {
        policyNumber: (value) => (value === '' ? t('imports.mapping.required') : null),
        commission: (value) => (value === '' ? t('imports.mapping.required') : null),
      },
    },
  });
  const headers = useMemo(() => [...new Set(detected.headers)], [detected.headers]);
  const mapped = useMemo(() => {
    const byHeader = new Map<string, ImportField[]>();
    for (const field of mappingFields) {
      const header = form.values.columns[field];
      if (header !== '') {
        byHeader.set(header, [...(byHeader.get(header) ?? []), field]);
      }
    }
    return byHeader;
  }, [form.values.columns]);
  const isPending = setMapping.isPending || parse.isPending;

  const submit = form.onSubmit((values) => {
    setSummaryError(null);
    setMapping.mutate(
      { mapping: mappingOf(values), remember: values.remember },
      {
        onSuccess: () => {
          parse.mutate(undefined, { onSuccess: onParseStarted, onError: setSummaryError });
        },
        onError: (error) => {
          const problems = isApiError(error)
            ? problemsSchema.safeParse(detailValue(error, 'problems'))
            : null;
          if (problems?.success && problems.data.length > 0) {
            for (const problem of problems.data) {
              form.setFieldError(`columns.${problem.field}`, problemText(problem.problem));
            }
            const first = problems.data[0];
            if (first) {
              focusField(form, `columns.${first.field}`);
            }
            return;
          }
          setSummaryError(error);
        },
      },
    );
  }, focusFirstError(form));

  const columnOptions = (current: string) => [
    ...headers.map((header) => ({ value: header, label: header })),
    // A template's column this file does not have stays visible until it is changed.
    ...(current !== '' && !headers.includes(current)
      ? [{ value: current, label: t('imports.mapping.missingColumn', { column: current }) }]
      : []),
  ];

  return (
    <form onSubmit={submit} noValidate aria-labelledby="mapping-heading">
      <Stack gap="lg">
        <Stack gap={4}>
          <Title order={2} size="h4" id="mapping-heading">
            {t('imports.mapping.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {detail.mappingSource
              ? t(`imports.mapping.source.${detail.mappingSource}`)
              : t('imports.mapping.description')}
          </Text>
        </Stack>
        {summaryError !== null && <ErrorAlert error={summaryError} focusOnShow />}
        <SampleTable detected={detected} mapped={mapped} />
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" verticalSpacing="sm">
          {mappingFields.map((field) => (
            <Select
              key={field}
              label={t(`imports.fields.${field}`)}
              required={requiredFields.includes(field)}
              clearable={!requiredFields.includes(field)}
              // Choosing the chosen column again keeps it; the clear button empties an optional field.
              allowDeselect={false}
              searchable
              placeholder={
                requiredFields.includes(field) ? t('imports.mapping.choose') : t('imports.mapping.none')
              }
              nothingFoundMessage={t('agentCodes.nothingFound')}
              data={columnOptions(form.values.columns[field])}
              {...form.getInputProps(`columns.${field}`)}
              value={form.values.columns[field] === '' ? null : form.values.columns[field]}
              onChange={(value: string | null) => {
                form.setFieldValue(`columns.${field}`, value ?? '');
              }}
            />
          ))}
        </SimpleGrid>
        <Group gap="md" align="flex-start" wrap="wrap">
          <NativeSelect
            label={t('imports.mapping.decimalSeparator')}
            data={[
              { value: 'auto', label: t('imports.mapping.decimal.auto') },
              { value: ',', label: t('imports.mapping.decimal.comma') },
              { value: '.', label: t('imports.mapping.decimal.dot') },
            ]}
            w={260}
            {...form.getInputProps('decimalSeparator')}
          />
          <NativeSelect
            label={t('imports.mapping.dateFormat')}
            data={[
              { value: 'auto', label: t('imports.mapping.dates.auto') },
              { value: 'DD.MM.YYYY', label: 'DD.MM.RRRR' },
              { value: 'YYYY-MM-DD', label: 'RRRR-MM-DD' },
            ]}
            w={260}
            {...form.getInputProps('dateFormat')}
          />
        </Group>
        {form.values.columns.lineType !== '' && (
          <Group gap="md" align="flex-start" wrap="wrap">
            <TextInput
              label={t('imports.mapping.stornoValues')}
              description={t('imports.mapping.valuesHint')}
              w={320}
              {...form.getInputProps('stornoValues')}
            />
            <TextInput
              label={t('imports.mapping.correctionValues')}
              description={t('imports.mapping.valuesHint')}
              w={320}
              {...form.getInputProps('correctionValues')}
            />
          </Group>
        )}
        {form.values.columns.renewal !== '' && (
          <TextInput
            label={t('imports.mapping.renewalYesValues')}
            description={t('imports.mapping.valuesHint')}
            w={320}
            {...form.getInputProps('renewalYesValues')}
          />
        )}
        <Checkbox
          label={t('imports.mapping.remember', { insurer: detail.insurerName })}
          description={t('imports.mapping.rememberHint')}
          {...form.getInputProps('remember', { type: 'checkbox' })}
        />
        <Group>
          <Button
            type="submit"
            size="md"
            loading={isPending}
            leftSection={<IconPlayerPlay size={18} aria-hidden />}
          >
            {t('imports.mapping.parse')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
