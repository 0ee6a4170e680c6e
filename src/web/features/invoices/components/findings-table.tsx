import { Badge, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { InvoiceFinding } from '../../../../shared/api/invoices';
import { formatDate, type Locale } from '../../../../shared/format';
import { formatNip } from '../../../../shared/identifiers';
import { formatAmount, parseAmount } from '../../../../shared/money';
import { useLocale } from '../../../lib/i18n';

const knownFields = [
  'sellerNip',
  'buyerNip',
  'total',
  'exemption',
  'currency',
  'period',
  'kind',
  'selfBilling',
  'ksefNumber',
] as const;
type KnownField = (typeof knownFields)[number];

function isKnownField(field: string): field is KnownField {
  return (knownFields as readonly string[]).includes(field);
}

function formatDateValue(value: string, locale: Locale): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(value, locale) : value;
}

/** The server sends machine forms (NIP digits, `1234.56`, ISO intervals, P_17 `1`/`2`); people read Polish ones. */
export function useFormatFindingValue(): (field: string, value: string | null) => string {
  const { t } = useTranslation();
  const locale = useLocale();
  return (field, value) => {
    if (value === null || value === '') {
      return t('invoices.findings.missing');
    }
    switch (field) {
      case 'sellerNip':
      case 'buyerNip':
        return formatNip(value);
      case 'total':
        try {
          return formatAmount(parseAmount(value, { decimalSeparator: '.' }));
        } catch {
          return value;
        }
      case 'period':
        return value
          .split('/')
          .map((part) => formatDateValue(part, locale))
          .join(' – ');
      case 'selfBilling':
        return value === '1' ? t('common.yes') : value === '2' ? t('common.no') : value;
      default:
        return value;
    }
  };
}

function SeverityBadge({ severity }: { severity: InvoiceFinding['severity'] }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={severity === 'mismatch' ? 'red' : 'yellow'}
      variant="light"
      radius="sm"
      style={{ textTransform: 'none', flexShrink: 0 }}
    >
      {t(`invoices.findings.severities.${severity}`)}
    </Badge>
  );
}

/** Field by field: what the statement expects and what the invoice says; as cards on a phone. */
export function FindingsTable({
  findings,
  layout = 'table',
}: {
  findings: readonly InvoiceFinding[];
  layout?: 'table' | 'list';
}) {
  const { t } = useTranslation();
  const formatValue = useFormatFindingValue();
  const fieldName = (field: string) => (isKnownField(field) ? t(`invoices.findings.fields.${field}`) : field);
  if (layout === 'list') {
    return (
      <Stack
        component="ul"
        gap="xs"
        aria-label={t('invoices.findings.tableLabel')}
        style={{ listStyle: 'none', margin: 0, padding: 0 }}
      >
        {findings.map((finding, index) => (
          <Paper component="li" key={`${finding.field}-${String(index)}`} withBorder p="sm" radius="md">
            <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
              <Text fw={700}>{fieldName(finding.field)}</Text>
              <SeverityBadge severity={finding.severity} />
            </Group>
            <Text size="sm">
              {t('invoices.findings.expected')}:{' '}
              <span className="tabular">{formatValue(finding.field, finding.expected)}</span>
            </Text>
            <Text size="sm" fw={700} c={finding.severity === 'mismatch' ? 'red.9' : undefined}>
              {t('invoices.findings.actual')}:{' '}
              <span className="tabular">{formatValue(finding.field, finding.actual)}</span>
            </Text>
          </Paper>
        ))}
      </Stack>
    );
  }
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table aria-label={t('invoices.findings.tableLabel')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('invoices.findings.field')}</Table.Th>
            <Table.Th scope="col">{t('invoices.findings.expected')}</Table.Th>
            <Table.Th scope="col">{t('invoices.findings.actual')}</Table.Th>
            <Table.Th scope="col">{t('invoices.findings.severity')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {findings.map((finding, index) => (
            <Table.Tr key={`${finding.field}-${String(index)}`}>
              <Table.Th scope="row" fw={600}>
                {fieldName(finding.field)}
              </Table.Th>
              <Table.Td className="tabular">{formatValue(finding.field, finding.expected)}</Table.Td>
              <Table.Td
                className="tabular"
                c={finding.severity === 'mismatch' ? 'red.9' : undefined}
                fw={600}
              >
                {formatValue(finding.field, finding.actual)}
              </Table.Td>
              <Table.Td>
                <SeverityBadge severity={finding.severity} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
