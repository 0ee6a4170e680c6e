import { Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImportLine } from '../../../../shared/api/imports';
import { formatDate } from '../../../../shared/format';
import { MoneyText } from '../../../components/money-text';
import { useLocale } from '../../../lib/i18n';
import { LineTypeText } from './line-type-text';

export function ImportLinesTable({ lines, label }: { lines: readonly ImportLine[]; label: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table striped aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" ta="right">
              {t('imports.lines.row')}
            </Table.Th>
            <Table.Th scope="col">{t('imports.fields.policyNumber')}</Table.Th>
            <Table.Th scope="col">{t('imports.fields.policyholder')}</Table.Th>
            <Table.Th scope="col">{t('imports.fields.product')}</Table.Th>
            <Table.Th scope="col">{t('imports.lines.date')}</Table.Th>
            <Table.Th scope="col">{t('imports.lines.type')}</Table.Th>
            <Table.Th scope="col">{t('imports.fields.agentCode')}</Table.Th>
            <Table.Th scope="col">{t('imports.lines.collaborator')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('imports.fields.commission')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lines.map((line) => (
            <Table.Tr key={line.id}>
              <Table.Td ta="right" className="tabular">
                {line.rowNumber}
              </Table.Td>
              <Table.Td className="tabular">{line.policyNumber}</Table.Td>
              <Table.Td>{line.policyholder ?? t('common.none')}</Table.Td>
              <Table.Td>{line.product ?? t('common.none')}</Table.Td>
              <Table.Td className="tabular" style={{ whiteSpace: 'nowrap' }}>
                {formatDate(line.lineDate, locale)}
              </Table.Td>
              <Table.Td>
                <LineTypeText lineType={line.lineType} />
              </Table.Td>
              <Table.Td className="code-text">{line.agentCode ?? t('common.none')}</Table.Td>
              <Table.Td>
                {line.attributedBy === 'agency' ? (
                  <Text size="sm">{t('imports.lines.agency')}</Text>
                ) : line.collaboratorName ? (
                  <Text size="sm">{line.collaboratorName}</Text>
                ) : (
                  <Badge color="orange" variant="light" radius="sm" style={{ textTransform: 'none' }}>
                    {t('imports.lines.noCollaborator')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td ta="right">
                <MoneyText grosze={line.commission} size="sm" />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
