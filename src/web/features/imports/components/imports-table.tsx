import { Anchor, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ImportSummary } from '../../../../shared/api/imports';
import { formatDate } from '../../../../shared/format';
import { DateText } from '../../../components/date-text';
import { MoneyText } from '../../../components/money-text';
import { useLocale } from '../../../lib/i18n';
import { ImportStatusBadge } from './import-status-badge';

export function ImportsTable({ imports }: { imports: readonly ImportSummary[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Table.ScrollContainer minWidth={1080}>
      <Table striped aria-label={t('imports.tableLabel')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('imports.columns.file')}</Table.Th>
            <Table.Th scope="col">{t('imports.columns.insurer')}</Table.Th>
            <Table.Th scope="col">{t('imports.columns.statementDate')}</Table.Th>
            <Table.Th scope="col">{t('common.status')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('imports.columns.lines')}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t('imports.columns.commission')}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t('imports.columns.errors')}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t('imports.columns.unmatched')}
            </Table.Th>
            <Table.Th scope="col">{t('imports.columns.createdAt')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {imports.map((item) => (
            <Table.Tr key={item.id}>
              <Table.Td>
                <Anchor
                  component={Link}
                  to={`/imports/${item.id}`}
                  fw={600}
                  style={{ wordBreak: 'break-all' }}
                >
                  {item.fileName}
                </Anchor>
              </Table.Td>
              <Table.Td>{item.insurerName}</Table.Td>
              <Table.Td className="tabular">{formatDate(item.statementDate, locale)}</Table.Td>
              <Table.Td>
                <ImportStatusBadge status={item.status} />
              </Table.Td>
              <Table.Td ta="right" className="tabular">
                {item.lineCount}
              </Table.Td>
              <Table.Td ta="right">
                <MoneyText grosze={item.commissionTotal} size="sm" />
              </Table.Td>
              <Table.Td ta="right" className="tabular">
                <Text
                  span
                  size="sm"
                  c={item.errorCount > 0 ? 'red.9' : undefined}
                  fw={item.errorCount > 0 ? 700 : undefined}
                >
                  {item.errorCount}
                </Text>
              </Table.Td>
              <Table.Td ta="right" className="tabular">
                <Text span size="sm" fw={item.unmatchedCount > 0 ? 700 : undefined}>
                  {item.unmatchedCount}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  <DateText value={item.createdAt} withTime />
                </Text>
                <Text size="xs" c="dimmed">
                  {item.createdByName}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
