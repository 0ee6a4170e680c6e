import { Button, Group, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch, IconUserPlus, IconUsers } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { z } from 'zod';
import { EmptyState } from '../../../components/empty-state';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/query-state';
import { useCollaborators } from '../api/get-collaborators';
import { CollaboratorDrawer } from '../components/collaborator-drawer';
import { displayStatusOf, type DisplayStatus } from '../components/collaborator-status-badge';
import { CollaboratorsTable } from '../components/collaborators-table';

const statusSchema = z.enum(['current', 'archived', 'all']).catch('current');
const stateSchema = z.enum(['not_invited', 'invited', 'expired', 'active']).nullable().catch(null);

export function CollaboratorsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const status = statusSchema.parse(params.get('status') ?? 'current');
  const state = stateSchema.parse(params.get('state'));
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [debouncedSearch] = useDebouncedValue(search, 300);
  const collaborators = useCollaborators({ q: debouncedSearch, status });
  const isDrawerOpen = params.get('new') === '1';

  const setParam = (key: string, value: string | null) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === null || value === '') {
          next.delete(key);
        } else {
          next.set(key, value);
        }
        return next;
      },
      { replace: true },
    );
  };

  const stateOptions: { value: DisplayStatus; label: string }[] = [
    { value: 'not_invited', label: t('collaborators.status.not_invited') },
    { value: 'invited', label: t('collaborators.status.invited') },
    { value: 'expired', label: t('collaborators.status.expired') },
    { value: 'active', label: t('collaborators.status.active') },
  ];

  return (
    <>
      <PageHeader
        title={t('collaborators.title')}
        description={t('collaborators.description')}
        actions={
          <Button
            leftSection={<IconUserPlus size={18} aria-hidden />}
            onClick={() => {
              setParam('new', '1');
            }}
          >
            {t('dashboard.addCollaborator')}
          </Button>
        }
      />
      <Stack gap="md">
        <Group gap="md" align="flex-end" wrap="wrap" role="search" aria-label={t('collaborators.filters')}>
          <TextInput
            label={t('common.search')}
            placeholder={t('collaborators.searchPlaceholder')}
            leftSection={<IconSearch size={16} aria-hidden />}
            value={search}
            onChange={(event) => {
              setSearch(event.currentTarget.value);
              setParam('q', event.currentTarget.value);
            }}
            w={340}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="collaborator-status-label">
              {t('collaborators.statusFilter')}
            </Text>
            <SegmentedControl
              aria-labelledby="collaborator-status-label"
              value={status}
              onChange={(value) => {
                setParam('status', value === 'current' ? null : value);
              }}
              data={[
                { value: 'current', label: t('collaborators.statusFilterOptions.current') },
                { value: 'archived', label: t('collaborators.statusFilterOptions.archived') },
                { value: 'all', label: t('collaborators.statusFilterOptions.all') },
              ]}
            />
          </Stack>
          <Select
            label={t('collaborators.stateFilter')}
            placeholder={t('common.all')}
            data={stateOptions}
            value={state}
            clearable
            onChange={(value) => {
              setParam('state', value);
            }}
            w={240}
          />
        </Group>
        <QueryState query={collaborators}>
          {(list) => {
            const visible = state ? list.filter((c) => displayStatusOf(c) === state) : list;
            if (visible.length === 0) {
              const isFiltered = debouncedSearch.trim() !== '' || state !== null || status !== 'current';
              return (
                <EmptyState
                  icon={<IconUsers size={26} />}
                  title={isFiltered ? t('collaborators.emptyFiltered') : t('collaborators.empty')}
                  description={
                    isFiltered ? t('collaborators.emptyFilteredText') : t('collaborators.emptyText')
                  }
                  action={
                    isFiltered ? undefined : (
                      <Button
                        onClick={() => {
                          setParam('new', '1');
                        }}
                      >
                        {t('dashboard.addCollaborator')}
                      </Button>
                    )
                  }
                />
              );
            }
            return (
              <>
                <Text size="sm" c="dimmed" aria-live="polite">
                  {t('collaborators.count', { count: visible.length })}
                </Text>
                <CollaboratorsTable collaborators={visible} />
              </>
            );
          }}
        </QueryState>
      </Stack>
      <CollaboratorDrawer
        opened={isDrawerOpen}
        collaborator={null}
        onClose={() => {
          setParam('new', null);
        }}
        onSaved={(saved) => {
          void navigate(`/collaborators/${saved.id}`);
        }}
      />
    </>
  );
}
