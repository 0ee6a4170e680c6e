import { Button, Stack, Text } from '@mantine/core';
import { IconCalendarPlus, IconReceipt } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { EmptyState } from '../../../components/empty-state';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/query-state';
import { SectionCard } from '../../../components/section-card';
import { CommissionCharts } from '../../reports/components/commission-charts';
import { usePeriods } from '../api/get-periods';
import { CreatePeriodModal } from '../components/create-period-modal';
import { PeriodsTable } from '../components/periods-table';

export function PeriodsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const periods = usePeriods();
  const [isCreating, setIsCreating] = useState(false);
  const create = (
    <Button
      leftSection={<IconCalendarPlus size={18} aria-hidden />}
      onClick={() => {
        setIsCreating(true);
      }}
    >
      {t('periods.new')}
    </Button>
  );
  return (
    <>
      <PageHeader title={t('periods.title')} description={t('periods.description')} actions={create} />
      <Stack gap="xl">
        <QueryState query={periods}>
          {(list) =>
            list.length === 0 ? (
              <EmptyState
                icon={<IconReceipt size={26} />}
                title={t('periods.empty')}
                description={t('periods.emptyText')}
                action={create}
              />
            ) : (
              <Stack gap="xs">
                <Text size="sm" c="dimmed">
                  {t('periods.count', { count: list.length })}
                </Text>
                <PeriodsTable periods={[...list].sort((a, b) => b.dateFrom.localeCompare(a.dateFrom))} />
              </Stack>
            )
          }
        </QueryState>
        <SectionCard title={t('reports.title')} description={t('reports.description')}>
          <CommissionCharts />
        </SectionCard>
      </Stack>
      <CreatePeriodModal
        opened={isCreating}
        onClose={() => {
          setIsCreating(false);
        }}
        onCreated={(period) => {
          setIsCreating(false);
          void navigate(`/periods/${period.id}`);
        }}
      />
    </>
  );
}
