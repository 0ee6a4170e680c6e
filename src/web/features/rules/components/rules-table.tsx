import { Button, Group, Table, Text } from '@mantine/core';
import { IconEdit, IconHistory, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { SplitRule } from '../../../../shared/api/rules';
import { RuleShareText, RuleValidityText } from './rule-text';

type RulesTableProps = {
  rules: readonly SplitRule[];
  onEdit: (rule: SplitRule) => void;
  onHistory: (rule: SplitRule) => void;
  onRetire: (rule: SplitRule) => void;
};

export function RulesTable({ rules, onEdit, onHistory, onRetire }: RulesTableProps) {
  const { t } = useTranslation();
  const any = t('rules.any');
  return (
    <Table.ScrollContainer minWidth={1280}>
      <Table striped aria-label={t('rules.tableLabel')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('rules.columns.scope')}</Table.Th>
            <Table.Th scope="col">{t('rules.columns.insurer')}</Table.Th>
            <Table.Th scope="col">{t('rules.columns.product')}</Table.Th>
            <Table.Th scope="col">{t('rules.columns.risk')}</Table.Th>
            <Table.Th scope="col">{t('rules.columns.policy')}</Table.Th>
            <Table.Th scope="col">{t('rules.columns.validity')}</Table.Th>
            <Table.Th scope="col">{t('rules.columns.basis')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('rules.columns.share')}
            </Table.Th>
            <Table.Th scope="col">{t('rules.columns.renewals')}</Table.Th>
            <Table.Th scope="col">{t('rules.columns.clawback')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('rules.columns.version')}
            </Table.Th>
            <Table.Th scope="col">{t('common.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rules.map((rule) => {
            const name = rule.collaboratorName ?? t('rules.agencyDefault');
            return (
              <Table.Tr key={rule.id}>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {name}
                  </Text>
                  {rule.note && (
                    <Text size="xs" c="dimmed">
                      {rule.note}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{rule.insurerName ?? any}</Table.Td>
                <Table.Td>{rule.product ?? any}</Table.Td>
                <Table.Td>{rule.risk ?? any}</Table.Td>
                <Table.Td className="tabular">{rule.policyNumber ?? any}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <RuleValidityText rule={rule} />
                </Table.Td>
                <Table.Td>{t(`rules.bases.${rule.basis}`)}</Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  <RuleShareText rule={rule} />
                </Table.Td>
                <Table.Td>{rule.renewalsOnly ? t('common.yes') : t('common.no')}</Table.Td>
                <Table.Td>{t(`rules.clawbackShort.${rule.clawback}`)}</Table.Td>
                <Table.Td ta="right" className="tabular">
                  {rule.version}
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Button
                      size="xs"
                      variant="default"
                      leftSection={<IconEdit size={14} aria-hidden />}
                      aria-label={t('rules.editLabel', { name })}
                      onClick={() => {
                        onEdit(rule);
                      }}
                    >
                      {t('common.edit')}
                    </Button>
                    <Button
                      size="xs"
                      variant="subtle"
                      leftSection={<IconHistory size={14} aria-hidden />}
                      aria-label={t('rules.historyLabel', { name })}
                      onClick={() => {
                        onHistory(rule);
                      }}
                    >
                      {t('rules.history')}
                    </Button>
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      leftSection={<IconTrash size={14} aria-hidden />}
                      aria-label={t('rules.retireLabel', { name })}
                      onClick={() => {
                        onRetire(rule);
                      }}
                    >
                      {t('rules.retire')}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
