import { Modal, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SplitRule } from '../../../../shared/api/rules';
import { DateText } from '../../../components/date-text';
import { QueryState } from '../../../components/query-state';
import { useRuleVersions } from '../api/get-rule-versions';
import { RuleShareText, RuleValidityText } from './rule-text';

function Versions({ rule }: { rule: SplitRule }) {
  const { t } = useTranslation();
  const versions = useRuleVersions(rule.id);
  return (
    <QueryState query={versions}>
      {(list) => (
        <Table.ScrollContainer minWidth={760}>
          <Table striped aria-label={t('rules.versions.tableLabel')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col" ta="right">
                  {t('rules.columns.version')}
                </Table.Th>
                <Table.Th scope="col">{t('rules.columns.basis')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('rules.columns.share')}
                </Table.Th>
                <Table.Th scope="col">{t('rules.columns.validity')}</Table.Th>
                <Table.Th scope="col">{t('rules.versions.createdAt')}</Table.Th>
                <Table.Th scope="col">{t('rules.versions.until')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((version) => (
                <Table.Tr key={version.version}>
                  <Table.Td ta="right" className="tabular">
                    {version.version}
                  </Table.Td>
                  <Table.Td>{t(`rules.bases.${version.basis}`)}</Table.Td>
                  <Table.Td ta="right">
                    <RuleShareText rule={version} />
                  </Table.Td>
                  <Table.Td>
                    <RuleValidityText rule={version} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      <DateText value={version.createdAt} withTime />
                    </Text>
                    <Text size="xs" c="dimmed">
                      {version.createdByName}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {version.supersededAt ? (
                      <DateText value={version.supersededAt} withTime />
                    ) : (
                      t('rules.versions.current')
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </QueryState>
  );
}

export function RuleVersionsModal({ rule, onClose }: { rule: SplitRule | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={rule !== null}
      onClose={onClose}
      size="xl"
      title={t('rules.versions.title', { name: rule?.collaboratorName ?? t('rules.agencyDefault') })}
    >
      {rule && <Versions rule={rule} />}
    </Modal>
  );
}
