import { Alert, Anchor, Group, List, Stack, Text } from '@mantine/core';
import { IconArrowLeft, IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { PeriodDetail } from '../../../../shared/api/periods';
import { DateText } from '../../../components/date-text';
import { EmptyState } from '../../../components/empty-state';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/query-state';
import { SectionCard } from '../../../components/section-card';
import { useLocale } from '../../../lib/i18n';
import { periodLabel } from '../../../lib/period-label';
import { useActiveSession } from '../../../lib/session';
import { usePeriod } from '../api/get-period';
import { useSettlement } from '../api/get-settlement';
import { AdjustmentsSection } from '../components/adjustments-section';
import { BalancesTable } from '../components/balances-table';
import { InsurersBreakdown } from '../components/insurers-breakdown';
import { PeriodActions } from '../components/period-actions';
import { PeriodStatusBadge, PeriodStepper } from '../components/period-status';
import { ProblemsSection } from '../components/problems-section';
import { Reconciliation } from '../components/reconciliation';
import { StatementsBoard } from '../components/statements-board';

function PeriodView({ period }: { period: PeriodDetail }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const session = useActiveSession();
  const settlement = useSettlement(period.id);
  const label = periodLabel(period, locale);
  return (
    <>
      <PageHeader
        title={t('periods.detail.title', { period: label })}
        back={
          <Anchor component={Link} to="/periods" size="sm">
            <Group gap={4}>
              <IconArrowLeft size={14} aria-hidden />
              {t('periods.back')}
            </Group>
          </Anchor>
        }
        description={<PeriodStatusBadge status={period.status} />}
      />
      <Stack gap="lg">
        <SectionCard title={t('periods.detail.progress')}>
          <PeriodStepper status={period.status} />
          <Text size="sm" c="dimmed">
            {t(`periods.detail.next.${period.status}`)}
          </Text>
          {period.reopenings.length > 0 && (
            <Stack gap={4}>
              <Text size="sm" c="dimmed">
                {t('periods.detail.reopenCount', { count: period.reopenCount })}
              </Text>
              <List size="sm" spacing={2}>
                {period.reopenings.map((reopening) => (
                  <List.Item key={reopening.at.toISOString()}>
                    <DateText value={reopening.at} withTime /> · {reopening.by} · {reopening.reason}
                  </List.Item>
                ))}
              </List>
            </Stack>
          )}
          <PeriodActions
            period={period}
            settlement={settlement.data}
            isOwner={session.agency?.role === 'owner'}
          />
        </SectionCard>
        {period.status !== 'open' && (
          <SectionCard title={t('periods.board.title')} description={t('periods.board.description')}>
            <StatementsBoard period={period} canPay={session.agency?.role === 'owner'} />
          </SectionCard>
        )}
        <QueryState query={settlement}>
          {(data) => (
            <Stack gap="lg">
              {period.status === 'open' && (
                <Alert color="sejf" variant="light" icon={<IconInfoCircle aria-hidden />}>
                  {t('periods.detail.preview')}
                </Alert>
              )}
              <SectionCard
                title={t('periods.reconciliation.title')}
                description={t('periods.reconciliation.description')}
              >
                <Reconciliation settlement={data} />
              </SectionCard>
              <SectionCard title={t('periods.problems.title')}>
                <ProblemsSection periodId={period.id} settlement={data} />
              </SectionCard>
              <SectionCard
                title={t('periods.balances.title')}
                description={t('periods.balances.description')}
              >
                {data.collaborators.length === 0 ? (
                  <EmptyState
                    headingOrder={3}
                    title={t('periods.balances.empty')}
                    description={t('periods.balances.emptyText')}
                  />
                ) : (
                  <BalancesTable periodId={period.id} balances={data.collaborators} />
                )}
              </SectionCard>
              <SectionCard title={t('periods.insurers.title')}>
                {data.insurers.length === 0 ? (
                  <Text c="dimmed">{t('periods.insurers.empty')}</Text>
                ) : (
                  <InsurersBreakdown insurers={data.insurers} />
                )}
              </SectionCard>
            </Stack>
          )}
        </QueryState>
        <SectionCard
          title={t('periods.adjustments.title')}
          description={
            period.status === 'open' ? t('periods.adjustments.description') : t('periods.adjustments.locked')
          }
        >
          <AdjustmentsSection periodId={period.id} isOpen={period.status === 'open'} />
        </SectionCard>
      </Stack>
    </>
  );
}

export function PeriodPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const period = usePeriod(id);
  if (period.isSuccess) {
    return <PeriodView key={id} period={period.data} />;
  }
  return (
    <>
      <PageHeader title={t('periods.detail.pageTitle')} />
      <QueryState query={period}>{() => null}</QueryState>
    </>
  );
}
