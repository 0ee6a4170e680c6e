import { Anchor, Button, Group, Stack, Table, Text } from '@mantine/core';
import { IconArrowLeft, IconCircleCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../../../shared/format';
import { sumAmounts } from '../../../../shared/money';
import { EmptyState } from '../../../components/empty-state';
import { MoneyText } from '../../../components/money-text';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/query-state';
import { useLocale } from '../../../lib/i18n';
import { useUnmatched } from '../api/get-unmatched';
import { AssignModal, type AssignTarget } from '../components/assign-modal';

/** The exception queue: committed lines no agent code led to a collaborator, grouped by code. */
export function UnmatchedPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const groups = useUnmatched();
  const [assigning, setAssigning] = useState<AssignTarget | null>(null);
  return (
    <>
      <PageHeader
        title={t('unmatched.title')}
        description={t('unmatched.description')}
        back={
          <Anchor component={Link} to="/imports" size="sm">
            <Group gap={4}>
              <IconArrowLeft size={14} aria-hidden />
              {t('imports.back')}
            </Group>
          </Anchor>
        }
      />
      <QueryState query={groups}>
        {(list) =>
          list.length === 0 ? (
            <EmptyState
              icon={<IconCircleCheck size={26} />}
              title={t('unmatched.empty')}
              description={t('unmatched.emptyText')}
            />
          ) : (
            <Stack gap="sm">
              <Text size="sm" c="dimmed">
                {t('unmatched.summary', {
                  count: list.reduce((sum, group) => sum + group.lineCount, 0),
                })}{' '}
                <MoneyText grosze={sumAmounts(list.map((group) => group.commissionTotal))} size="sm" />
              </Text>
              <Table.ScrollContainer minWidth={860}>
                <Table striped aria-label={t('unmatched.tableLabel')}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('agentCodes.insurer')}</Table.Th>
                      <Table.Th scope="col">{t('agentCodes.code')}</Table.Th>
                      <Table.Th scope="col" ta="right">
                        {t('unmatched.lines')}
                      </Table.Th>
                      <Table.Th scope="col" ta="right">
                        {t('imports.fields.commission')}
                      </Table.Th>
                      <Table.Th scope="col">{t('unmatched.dates')}</Table.Th>
                      <Table.Th scope="col">{t('common.actions')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {list.map((group) => {
                      const code = group.agentCode ?? t('unmatched.noCode');
                      return (
                        <Table.Tr key={`${group.insurerId}-${group.agentCode ?? ''}`}>
                          <Table.Td>{group.insurerName}</Table.Td>
                          <Table.Td className={group.agentCode ? 'code-text' : undefined}>{code}</Table.Td>
                          <Table.Td ta="right" className="tabular">
                            {group.lineCount}
                          </Table.Td>
                          <Table.Td ta="right">
                            <MoneyText grosze={group.commissionTotal} size="sm" />
                          </Table.Td>
                          <Table.Td className="tabular" style={{ whiteSpace: 'nowrap' }}>
                            {formatDate(group.firstLineDate, locale)} –{' '}
                            {formatDate(group.lastLineDate, locale)}
                          </Table.Td>
                          <Table.Td>
                            <Button
                              size="xs"
                              aria-label={t('unmatched.assignLabel', { insurer: group.insurerName, code })}
                              onClick={() => {
                                setAssigning(group);
                              }}
                            >
                              {t('unmatched.assign')}
                            </Button>
                          </Table.Td>
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Stack>
          )
        }
      </QueryState>
      <AssignModal
        group={assigning}
        onClose={() => {
          setAssigning(null);
        }}
      />
    </>
  );
}
