import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { StatementLine } from '../../../../shared/api/statements';
import { formatDate } from '../../../../shared/format';
import { formatAmount } from '../../../../shared/money';
import { MoneyText } from '../../../components/money-text';
import { formatRate } from '../../../lib/amount-field';
import { useLocale } from '../../../lib/i18n';
import { LineTypeText } from '../../imports/components/line-type-text';

export function StatementLinesTable({ lines }: { lines: readonly StatementLine[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const none = t('common.none');
  return (
    <Table.ScrollContainer minWidth={1100}>
      <Table striped aria-label={t('statements.lines.tableLabel')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('agentCodes.insurer')}</Table.Th>
            <Table.Th scope="col">{t('imports.fields.policyNumber')}</Table.Th>
            <Table.Th scope="col">{t('imports.fields.product')}</Table.Th>
            <Table.Th scope="col">{t('imports.lines.date')}</Table.Th>
            <Table.Th scope="col">{t('imports.lines.type')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('imports.fields.commission')}
            </Table.Th>
            <Table.Th scope="col">{t('periods.lines.basis')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('periods.lines.rate')}
            </Table.Th>
            <Table.Th scope="col">{t('periods.lines.rule')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('periods.lines.share')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lines.map((line) => (
            <Table.Tr key={line.id}>
              <Table.Td>{line.insurerName}</Table.Td>
              <Table.Td className="tabular">
                {line.policyNumber}
                {line.policyholder && (
                  <Text size="xs" c="dimmed">
                    {line.policyholder}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{line.product ?? none}</Table.Td>
              <Table.Td className="tabular" style={{ whiteSpace: 'nowrap' }}>
                {formatDate(line.lineDate, locale)}
              </Table.Td>
              <Table.Td>
                <LineTypeText lineType={line.lineType} />
              </Table.Td>
              <Table.Td ta="right">
                <MoneyText grosze={line.commission} size="sm" />
              </Table.Td>
              <Table.Td>{line.basis ? t(`rules.bases.${line.basis}`) : none}</Table.Td>
              <Table.Td ta="right" className="tabular" style={{ whiteSpace: 'nowrap' }}>
                {line.rate === null ? none : formatRate(line.rate, locale)}
              </Table.Td>
              <Table.Td>
                {line.ruleVersion === null
                  ? none
                  : t('periods.lines.ruleVersion', { version: line.ruleVersion })}
              </Table.Td>
              <Table.Td ta="right">
                <MoneyText grosze={line.share} size="sm" fw={600} />
                {line.correctedFrom !== null && (
                  <Text size="xs" c="dimmed">
                    {t('statements.lines.correctedFrom', { amount: formatAmount(line.correctedFrom) })}
                    {line.correctionReason ? ` – ${line.correctionReason}` : ''}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
