import { Button, Group, Select, Stack, Text } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { IconListDetails } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { auditEventNames, type AuditEventName } from '../../../../shared/audit-events';
import { EmptyState } from '../../../components/empty-state';
import { ErrorAlert } from '../../../components/error-alert';
import { PageHeader } from '../../../components/page-header';
import { LoadingState } from '../../../components/query-state';
import { warsawEndOfDay, warsawStartOfDay } from '../../../lib/calendar';
import { useAuditActors } from '../api/get-audit-actors';
import { useAuditEvents } from '../api/get-audit-events';
import { AuditTable } from '../components/audit-table';

function isEventName(value: string | null): value is AuditEventName {
  return value !== null && (auditEventNames as readonly string[]).includes(value);
}

/** The agency's append-only audit trail: every login, change, upload, view and download. */
export function AuditPage() {
  const { t } = useTranslation();
  const actors = useAuditActors();
  const [actorUserId, setActorUserId] = useState<string | null>(null);
  const [event, setEvent] = useState<AuditEventName | null>(null);
  const [range, setRange] = useState<[string | null, string | null]>([null, null]);
  const [fromDay, toDay] = range;
  const events = useAuditEvents({
    actorUserId,
    event,
    from: fromDay ? warsawStartOfDay(fromDay) : null,
    to: toDay ? warsawEndOfDay(toDay) : fromDay ? warsawEndOfDay(fromDay) : null,
  });
  const rows = events.data?.pages.flatMap((page) => page.events) ?? [];
  const isFiltered = actorUserId !== null || event !== null || fromDay !== null;

  return (
    <>
      <PageHeader title={t('audit.title')} description={t('audit.description')} />
      <Stack gap="md">
        <Group gap="md" align="flex-end" wrap="wrap" role="search" aria-label={t('audit.filters')}>
          <Select
            label={t('audit.filterActor')}
            placeholder={t('audit.allActors')}
            searchable
            clearable
            data={(actors.data ?? []).map((actor) => ({ value: actor.userId, label: actor.name }))}
            value={actorUserId}
            onChange={setActorUserId}
            w={260}
          />
          <Select
            label={t('audit.filterEvent')}
            placeholder={t('audit.allEvents')}
            searchable
            clearable
            data={auditEventNames.map((name) => ({ value: name, label: t(`audit.events.${name}`) }))}
            value={event}
            onChange={(value) => {
              setEvent(isEventName(value) ? value : null);
            }}
            w={300}
          />
          <DatePickerInput
            type="range"
            label={t('audit.filterDates')}
            placeholder={t('audit.anyDate')}
            clearable
            allowSingleDateInRange
            valueFormat="DD.MM.YYYY"
            value={range}
            onChange={setRange}
            w={260}
          />
        </Group>
        {events.isPending ? (
          <LoadingState />
        ) : events.isError ? (
          <ErrorAlert
            error={events.error}
            onRetry={() => {
              void events.refetch();
            }}
          />
        ) : rows.length === 0 ? (
          <EmptyState
            icon={<IconListDetails size={26} />}
            title={isFiltered ? t('audit.emptyFiltered') : t('audit.empty')}
            description={isFiltered ? t('collaborators.emptyFilteredText') : undefined}
          />
        ) : (
          <>
            <Text size="sm" c="dimmed" aria-live="polite">
              {t('audit.shown', { count: rows.length })}
            </Text>
            <AuditTable events={rows} />
            {events.hasNextPage && (
              <Button
                variant="default"
                w="fit-content"
                loading={events.isFetchingNextPage}
                onClick={() => {
                  void events.fetchNextPage();
                }}
              >
                {t('audit.older')}
              </Button>
            )}
          </>
        )}
      </Stack>
    </>
  );
}
