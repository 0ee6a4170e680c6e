import {
  Alert,
  Button,
  FileInput,
  Group,
  Progress,
  Radio,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import type { QueryKey } from '@tanstack/react-query';
import { IconAlertCircle, IconFileInvoice, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { invoiceFindingSchema, type Invoice } from '../../../../shared/api/invoices';
import type { Grosze } from '../../../../shared/money';
import { ErrorAlert } from '../../../components/error-alert';
import { MoneyInput } from '../../../components/money-input';
import { amountFieldProblem, amountFieldText, parseAmountField } from '../../../lib/amount-field';
import { detailValue, isApiError } from '../../../lib/api-error';
import { useDescribeError } from '../../../lib/error-message';
import { applyApiError, focusFirstError } from '../../../lib/form-errors';
import { useUploadInvoice } from '../api/upload-invoice';
import { FindingsTable } from './findings-table';

const findingsSchema = z.array(invoiceFindingSchema);

type Values = {
  kind: 'document' | 'ksef_xml';
  number: string;
  issueDate: string;
  amount: string;
  ksefNumber: string;
  differenceReason: string;
  file: File | null;
};

function today(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Warsaw' }).format(new Date());
}

function extensionOf(file: File): string {
  return file.name.split('.').pop()?.toLowerCase() ?? '';
}

type InvoiceUploadFormProps = {
  url: string;
  refreshKeys: readonly QueryKey[];
  amountDue: Grosze;
  /** The owner records an invoice that differs from the statement, with the reason. */
  withDifferenceReason?: boolean;
  size?: 'md' | 'lg';
  onUploaded?: (invoice: Invoice) => void;
};

/**
 * An invoice as a PDF or photo with its number, date and amount typed in (the amount starts as the
 * statement's), or a KSeF FA(3) XML that the server reads and checks field by field.
 */
export function InvoiceUploadForm({
  url,
  refreshKeys,
  amountDue,
  withDifferenceReason = false,
  size = 'md',
  onUploaded,
}: InvoiceUploadFormProps) {
  const { t } = useTranslation();
  const describe = useDescribeError();
  const upload = useUploadInvoice(url, refreshKeys);
  const [summaryError, setSummaryError] = useState<unknown>(null);
  const [findings, setFindings] = useState<z.infer<typeof findingsSchema> | null>(null);
  const [percent, setPercent] = useState<number | null>(null);
  const form = useForm<Values>({
    initialValues: {
      kind: 'document',
      number: '',
      issueDate: today(),
      amount: amountFieldText(amountDue),
      ksefNumber: '',
      differenceReason: '',
      file: null,
    },
    validate: {
      number: (value, values) =>
        values.kind === 'document' && value.trim() === '' ? t('invoices.upload.numberRequired') : null,
      issueDate: (value, values) =>
        values.kind === 'document' && !/^\d{4}-\d{2}-\d{2}$/.test(value)
          ? t('invoices.upload.dateRequired')
          : null,
      amount: (value, values) => {
        if (values.kind !== 'document') {
          return null;
        }
        const problem = amountFieldProblem(value, { rule: 'positive' });
        return problem ? t(problem) : null;
      },
      differenceReason: (value) =>
        withDifferenceReason && value.trim().length < 5 ? t('invoices.upload.differenceReasonShort') : null,
      file: (value, values) => {
        if (!value) {
          return t('invoices.upload.fileRequired');
        }
        const allowed = values.kind === 'document' ? ['pdf', 'jpg', 'jpeg', 'png'] : ['xml'];
        return allowed.includes(extensionOf(value))
          ? null
          : values.kind === 'document'
            ? t('invoices.upload.fileTypeDocument')
            : t('invoices.upload.fileTypeXml');
      },
    },
  });
  const isDocument = form.values.kind === 'document';
  const inputSize = size === 'lg' ? 'md' : 'sm';

  const submit = form.onSubmit((values) => {
    if (!values.file) {
      return;
    }
    setSummaryError(null);
    setFindings(null);
    setPercent(0);
    const differenceReason = withDifferenceReason ? values.differenceReason.trim() : undefined;
    upload.mutate(
      {
        fields:
          values.kind === 'document'
            ? {
                kind: 'document',
                number: values.number.trim(),
                issueDate: values.issueDate,
                amount: parseAmountField(values.amount) ?? 0,
                ...(differenceReason ? { differenceReason } : {}),
              }
            : {
                kind: 'ksef_xml',
                ...(values.ksefNumber.trim() ? { ksefNumber: values.ksefNumber.trim() } : {}),
                ...(differenceReason ? { differenceReason } : {}),
              },
        file: values.file,
        onProgress: ({ loaded, total }) => {
          setPercent(total > 0 ? Math.round((loaded / total) * 100) : 0);
        },
      },
      {
        onSuccess: (invoice) => {
          form.reset();
          onUploaded?.(invoice);
        },
        onError: (error) => {
          if (isApiError(error) && error.code === 'invoice_mismatch') {
            const parsed = findingsSchema.safeParse(detailValue(error, 'findings'));
            setFindings(parsed.success ? parsed.data : []);
            if (
              parsed.success &&
              values.kind === 'document' &&
              parsed.data.some((f) => f.field === 'total')
            ) {
              form.setFieldError('amount', t('invoices.upload.amountMismatch'));
            }
            return;
          }
          if (
            !applyApiError(form, error, describe, {
              fields: ['number', 'issueDate', 'amount', 'ksefNumber', 'differenceReason', 'file'],
            })
          ) {
            setSummaryError(error);
          }
        },
        onSettled: () => {
          setPercent(null);
        },
      },
    );
  }, focusFirstError(form));

  return (
    <form onSubmit={submit} noValidate aria-label={t('invoices.upload.formLabel')}>
      <Stack gap="md">
        {findings !== null && (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlertCircle aria-hidden />}
            title={t('invoices.upload.refusedTitle')}
            role="alert"
          >
            <Stack gap="sm">
              <Text size="sm">{t('invoices.upload.refusedText')}</Text>
              {findings.length > 0 && (
                <FindingsTable findings={findings} layout={size === 'lg' ? 'list' : 'table'} />
              )}
            </Stack>
          </Alert>
        )}
        {summaryError !== null && <ErrorAlert error={summaryError} focusOnShow />}
        <Radio.Group label={t('invoices.upload.kind')} {...form.getInputProps('kind')}>
          <Stack gap="xs" mt="xs">
            <Radio value="document" label={t('invoices.upload.kindDocument')} />
            <Radio value="ksef_xml" label={t('invoices.upload.kindXml')} />
          </Stack>
        </Radio.Group>
        {isDocument ? (
          <>
            <TextInput
              label={t('invoices.number')}
              description={t('invoices.upload.numberHint')}
              required
              size={inputSize}
              autoComplete="off"
              {...form.getInputProps('number')}
            />
            <TextInput
              type="date"
              label={t('invoices.issueDate')}
              required
              size={inputSize}
              maw={260}
              {...form.getInputProps('issueDate')}
            />
            <MoneyInput
              label={t('invoices.upload.amount')}
              description={t('invoices.upload.amountHint')}
              required
              size={inputSize}
              maw={260}
              {...form.getInputProps('amount')}
            />
          </>
        ) : (
          <TextInput
            label={t('invoices.ksefNumber')}
            description={t('invoices.upload.ksefNumberHint')}
            size={inputSize}
            autoComplete="off"
            classNames={{ input: 'code-text' }}
            {...form.getInputProps('ksefNumber')}
          />
        )}
        {withDifferenceReason && (
          <Textarea
            label={t('invoices.differenceReason')}
            description={t('invoices.upload.differenceReasonHint')}
            required
            autosize
            minRows={2}
            {...form.getInputProps('differenceReason')}
          />
        )}
        <FileInput
          label={isDocument ? t('invoices.upload.fileDocument') : t('invoices.upload.fileXml')}
          description={isDocument ? t('invoices.upload.fileDocumentHint') : t('invoices.upload.fileXmlHint')}
          placeholder={t('imports.upload.filePlaceholder')}
          accept={
            isDocument
              ? '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png'
              : '.xml,text/xml,application/xml'
          }
          required
          clearable
          size={inputSize}
          leftSection={<IconFileInvoice size={18} aria-hidden />}
          {...form.getInputProps('file')}
        />
        {percent !== null && <Progress value={percent} aria-label={t('imports.upload.progress')} animated />}
        <Group>
          <Button
            type="submit"
            size={size}
            fullWidth={size === 'lg'}
            loading={upload.isPending}
            leftSection={<IconUpload size={18} aria-hidden />}
          >
            {withDifferenceReason ? t('invoices.upload.submitDifferent') : t('invoices.upload.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
