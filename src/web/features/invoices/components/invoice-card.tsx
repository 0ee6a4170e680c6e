import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Invoice } from '../../../../shared/api/invoices';
import { formatDate } from '../../../../shared/format';
import { DateText } from '../../../components/date-text';
import { DetailList } from '../../../components/detail-list';
import { MoneyText } from '../../../components/money-text';
import { useLocale } from '../../../lib/i18n';
import { FindingsTable } from './findings-table';

const statusColors: Record<Invoice['status'], string> = {
  submitted: 'grape',
  awaiting_approval: 'orange',
  approved: 'green',
  void: 'gray',
};

export function InvoiceStatusBadge({ status }: { status: Invoice['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={statusColors[status]} variant="light" radius="sm" style={{ textTransform: 'none' }}>
      {t(`invoices.status.${status}`)}
    </Badge>
  );
}

type InvoiceCardProps = {
  invoice: Invoice;
  /** Where a file of the invoice's document is downloaded (staff and panel differ). */
  fileUrl: (documentId: string, fileId: string) => string;
  actions?: ReactNode;
  size?: 'sm' | 'lg';
};

/** An invoice or bill: what kind, its number, date and amount, its files and what the check found. */
export function InvoiceCard({ invoice, fileUrl, actions, size = 'sm' }: InvoiceCardProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const documentId = invoice.documentId;
  return (
    <Stack gap="sm">
      <Group gap="xs">
        <Text fw={700}>{t(`invoices.kinds.${invoice.kind}`)}</Text>
        <InvoiceStatusBadge status={invoice.status} />
      </Group>
      <DetailList
        labelWidth={size === 'lg' ? 140 : 160}
        items={[
          { label: t('invoices.number'), value: <span className="tabular">{invoice.number}</span> },
          {
            label: t('invoices.issueDate'),
            value: <span className="tabular">{formatDate(invoice.issueDate, locale)}</span>,
          },
          { label: t('invoices.amount'), value: <MoneyText grosze={invoice.amount} fw={700} /> },
          ...(invoice.ksefNumber
            ? [
                {
                  label: t('invoices.ksefNumber'),
                  value: <span className="code-text">{invoice.ksefNumber}</span>,
                },
              ]
            : []),
          ...(invoice.differenceReason
            ? [{ label: t('invoices.differenceReason'), value: invoice.differenceReason }]
            : []),
          ...(invoice.approvedAt
            ? [{ label: t('invoices.approvedAt'), value: <DateText value={invoice.approvedAt} withTime /> }]
            : []),
          { label: t('invoices.createdAt'), value: <DateText value={invoice.createdAt} withTime /> },
        ]}
      />
      {documentId && invoice.files.length > 0 && (
        <Stack component="ul" gap="xs" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {invoice.files.map((file) => (
            <li key={file.id}>
              <Button
                component="a"
                href={fileUrl(documentId, file.id)}
                download
                variant="default"
                size={size === 'lg' ? 'md' : 'sm'}
                fullWidth={size === 'lg'}
                leftSection={<IconDownload size={16} aria-hidden />}
                aria-label={t('invoices.downloadFile', { name: file.fileName })}
                styles={{ label: { whiteSpace: 'normal', wordBreak: 'break-all' } }}
              >
                {file.fileName}
              </Button>
            </li>
          ))}
        </Stack>
      )}
      {invoice.findings.length > 0 && (
        <Stack gap={4}>
          <Text size="sm" fw={600}>
            {t('invoices.findings.title')}
          </Text>
          <FindingsTable findings={invoice.findings} layout={size === 'lg' ? 'list' : 'table'} />
        </Stack>
      )}
      {actions}
    </Stack>
  );
}
