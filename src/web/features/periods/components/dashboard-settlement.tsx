import { Button, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconReceipt, IconUserQuestion } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { sumAmounts } from '../../../../shared/money';
import { MoneyText } from '../../../components/money-text';
import { QueryState } from '../../../components/query-state';
import { useLocale } from '../../../lib/i18n';
import { periodLabel } from '../../../lib/period-label';
import { useUnmatched } from '../../imports/api/get-unmatched';
import { usePeriods } from '../api/get-periods';
import { PeriodStepper } from './period-status';

/** The dashboard's settlement block: where the latest period stands, and lines waiting for a collaborator. */
export function DashboardSettlement() {
  const { t } = useTranslation();
  const locale = useLocale();
  const periods = usePeriods();
  const unmatched = useUnmatched();
  const unmatchedLines = unmatched.data?.reduce((sum, group) => sum + group.lineCount, 0) ?? 0;
  return (
    <section aria-labelledby="settlement-heading">
      <Title order={2} size="h3" id="settlement-heading" mb="sm">
        {t('dashboard.settlement')}
      </Title>
      <Stack gap="sm">
        {unmatched.data && unmatchedLines > 0 && (
          <Paper withBorder p="md" radius="md">
            <Group justify="space-between" wrap="nowrap" gap="md">
              <Group gap="md" wrap="nowrap">
                <ThemeIcon size={40} radius="md" variant="light" color="orange" aria-hidden>
                  <IconUserQuestion size={22} />
                </ThemeIcon>
                <Text fw={600}>
                  {t('dashboard.unmatched', { count: unmatchedLines })}{' '}
                  <MoneyText
                    grosze={sumAmounts(unmatched.data.map((group) => group.commissionTotal))}
                    fw={600}
                  />
                </Text>
              </Group>
              <Button component={Link} to="/imports/unmatched" variant="light" style={{ flexShrink: 0 }}>
                {t('dashboard.unmatchedAction')}
              </Button>
            </Group>
          </Paper>
        )}
        <QueryState query={periods}>
          {(list) => {
            const latest = [...list].sort((a, b) => b.dateFrom.localeCompare(a.dateFrom))[0];
            if (!latest) {
              return (
                <Paper withBorder p="md" radius="md">
                  <Group justify="space-between" gap="md">
                    <Text fw={600}>{t('dashboard.noPeriod')}</Text>
                    <Button component={Link} to="/periods" variant="light">
                      {t('dashboard.noPeriodAction')}
                    </Button>
                  </Group>
                </Paper>
              );
            }
            return (
              <Paper withBorder p="md" radius="md">
                <Stack gap="sm">
                  <Group justify="space-between" gap="md">
                    <Group gap="md" wrap="nowrap">
                      <ThemeIcon size={40} radius="md" variant="light" aria-hidden>
                        <IconReceipt size={22} />
                      </ThemeIcon>
                      <Text fw={700}>
                        {t('periods.detail.title', { period: periodLabel(latest, locale) })}
                      </Text>
                    </Group>
                    <Button component={Link} to={`/periods/${latest.id}`} variant="light">
                      {t('dashboard.openPeriod')}
                    </Button>
                  </Group>
                  <PeriodStepper status={latest.status} />
                  <Text size="sm" c="dimmed">
                    {t(`periods.detail.next.${latest.status}`)}
                  </Text>
                </Stack>
              </Paper>
            );
          }}
        </QueryState>
      </Stack>
    </section>
  );
}
