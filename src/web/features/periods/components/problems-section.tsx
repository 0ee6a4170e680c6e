import { Alert, Button, Group, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PeriodSettlement } from '../../../../shared/api/periods';
import { MoneyText } from '../../../components/money-text';

/** Lines that would block the lock, each with the place where it is resolved. */
export function ProblemsSection({
  periodId,
  settlement,
}: {
  periodId: string;
  settlement: PeriodSettlement;
}) {
  const { t } = useTranslation();
  const problems = settlement.problems.filter((problem) => problem.lineCount > 0);
  if (problems.length === 0) {
    return (
      <Group gap="xs">
        <IconCircleCheck size={20} color="var(--mantine-color-green-9)" aria-hidden />
        <Text>{t('periods.problems.none')}</Text>
      </Group>
    );
  }
  return (
    <Stack gap="sm">
      {settlement.period.status === 'open' && (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />}>
          {t('periods.problems.blocking')}
        </Alert>
      )}
      <Table.ScrollContainer minWidth={640}>
        <Table aria-label={t('periods.problems.tableLabel')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('periods.problems.problem')}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t('periods.columns.lines')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('periods.columns.commission')}
              </Table.Th>
              <Table.Th scope="col">{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {problems.map((problem) => (
              <Table.Tr key={problem.problem}>
                <Table.Th scope="row" fw={500}>
                  {t(`periods.problems.kinds.${problem.problem}`)}
                </Table.Th>
                <Table.Td ta="right" className="tabular">
                  {problem.lineCount}
                </Table.Td>
                <Table.Td ta="right">
                  <MoneyText grosze={problem.commission} size="sm" />
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Button
                      component={Link}
                      to={`/periods/${periodId}/lines?problem=${problem.problem}`}
                      size="xs"
                      variant="default"
                    >
                      {t('periods.problems.showLines')}
                    </Button>
                    {problem.problem === 'unattributed' && (
                      <Button component={Link} to="/imports/unmatched" size="xs" variant="light">
                        {t('unmatched.title')}
                      </Button>
                    )}
                    {problem.problem === 'no_rule' && (
                      <Button component={Link} to="/rules" size="xs" variant="light">
                        {t('periods.problems.toRules')}
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
