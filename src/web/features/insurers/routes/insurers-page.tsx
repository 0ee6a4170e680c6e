import { Button, Drawer, SegmentedControl, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBuildingBank, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Insurer } from '../../../../shared/api/insurers';
import { useConfirm } from '../../../components/confirm-modal';
import { EmptyState } from '../../../components/empty-state';
import { ErrorAlert } from '../../../components/error-alert';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/query-state';
import { useInsurers } from '../api/get-insurers';
import { useUpdateInsurer } from '../api/update-insurer';
import { AgentCodesSection } from '../components/agent-codes-section';
import { InsurerNameModal } from '../components/insurer-name-modal';
import { InsurersTable } from '../components/insurers-table';

type Shown = 'active' | 'archived' | 'all';

export function InsurersPage() {
  const { t } = useTranslation();
  const confirm = useConfirm();
  const insurers = useInsurers();
  const update = useUpdateInsurer();
  const [params, setParams] = useSearchParams();
  const [shown, setShown] = useState<Shown>('active');
  const [editing, setEditing] = useState<Insurer | 'new' | null>(null);
  const codesFor = params.get('codes');

  const setCodesFor = (id: string | null) => {
    setParams(id ? { codes: id } : {}, { replace: true });
  };

  const toggleArchived = (insurer: Insurer) => {
    const run = () => {
      update.mutate(
        { id: insurer.id, isArchived: !insurer.isArchived },
        {
          onSuccess: (saved) => {
            notifications.show({
              message: saved.isArchived
                ? t('insurers.archivedNotice', { name: saved.name })
                : t('insurers.restoredNotice', { name: saved.name }),
            });
          },
        },
      );
    };
    if (insurer.isArchived) {
      run();
      return;
    }
    confirm({
      title: t('insurers.archiveTitle', { name: insurer.name }),
      message: t('insurers.archiveText'),
      confirmLabel: t('insurers.archive'),
      onConfirm: run,
    });
  };

  const selected = insurers.data?.find((insurer) => insurer.id === codesFor) ?? null;

  return (
    <>
      <PageHeader
        title={t('insurers.title')}
        description={t('insurers.description')}
        actions={
          <Button
            leftSection={<IconPlus size={18} aria-hidden />}
            onClick={() => {
              setEditing('new');
            }}
          >
            {t('insurers.add')}
          </Button>
        }
      />
      <Stack gap="md">
        <SegmentedControl
          w="fit-content"
          aria-label={t('insurers.show')}
          value={shown}
          onChange={(value) => {
            setShown(value === 'archived' || value === 'all' ? value : 'active');
          }}
          data={[
            { value: 'active', label: t('insurers.showActive') },
            { value: 'archived', label: t('insurers.showArchived') },
            { value: 'all', label: t('insurers.showAll') },
          ]}
        />
        {update.isError && <ErrorAlert error={update.error} focusOnShow />}
        <QueryState query={insurers}>
          {(list) => {
            const visible = list.filter((insurer) =>
              shown === 'all' ? true : shown === 'archived' ? insurer.isArchived : !insurer.isArchived,
            );
            if (visible.length === 0) {
              return (
                <EmptyState
                  icon={<IconBuildingBank size={26} />}
                  title={t('insurers.empty')}
                  description={t('insurers.emptyText')}
                />
              );
            }
            return (
              <>
                <Text size="sm" c="dimmed">
                  {t('insurers.count', { count: visible.length })}
                </Text>
                <InsurersTable
                  insurers={visible}
                  pendingId={update.isPending ? update.variables.id : null}
                  onRename={setEditing}
                  onCodes={(insurer) => {
                    setCodesFor(insurer.id);
                  }}
                  onToggleArchived={toggleArchived}
                />
              </>
            );
          }}
        </QueryState>
      </Stack>
      <InsurerNameModal
        opened={editing !== null}
        insurer={editing === 'new' ? null : editing}
        onClose={() => {
          setEditing(null);
        }}
      />
      <Drawer
        opened={selected !== null}
        onClose={() => {
          setCodesFor(null);
        }}
        position="right"
        size="lg"
        title={selected ? t('insurers.codesTitle', { name: selected.name }) : ''}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {selected && (
          <Stack gap="md">
            <Text size="sm" c="dimmed">
              {t('insurers.codesText')}
            </Text>
            <AgentCodesSection insurerId={selected.id} isReadOnly={selected.isArchived} />
          </Stack>
        )}
      </Drawer>
    </>
  );
}
