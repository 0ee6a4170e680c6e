import { Button, Group, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPercentage, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { z } from 'zod';
import type { SplitRule } from '../../../../shared/api/rules';
import { useConfirm } from '../../../components/confirm-modal';
import { EmptyState } from '../../../components/empty-state';
import { ErrorAlert } from '../../../components/error-alert';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/query-state';
import { useCollaborators } from '../../collaborators/api/get-collaborators';
import { useInsurers } from '../../insurers/api/get-insurers';
import { useRules } from '../api/get-rules';
import { useRetireRule } from '../api/retire-rule';
import { RuleModal } from '../components/rule-form';
import { RuleVersionsModal } from '../components/rule-versions-modal';
import { RulesTable } from '../components/rules-table';

const scopeSchema = z.enum(['all', 'agency', 'collaborators']).catch('all');

export function RulesPage() {
  const { t } = useTranslation();
  const confirm = useConfirm();
  const [params, setParams] = useSearchParams();
  const collaboratorId = params.get('collaboratorId');
  const insurerId = params.get('insurerId');
  const scope = scopeSchema.parse(params.get('scope') ?? 'all');
  const rules = useRules({ collaboratorId, insurerId, scope });
  const collaborators = useCollaborators({ status: 'all' });
  const insurers = useInsurers();
  const retire = useRetireRule();
  const [editing, setEditing] = useState<SplitRule | 'new' | null>(null);
  const [history, setHistory] = useState<SplitRule | null>(null);

  const setParam = (key: string, value: string | null) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === null || value === '' || (key === 'scope' && value === 'all')) {
          next.delete(key);
        } else {
          next.set(key, value);
        }
        return next;
      },
      { replace: true },
    );
  };
  const isFiltered = collaboratorId !== null || insurerId !== null || scope !== 'all';

  return (
    <>
      <PageHeader
        title={t('rules.title')}
        description={t('rules.description')}
        actions={
          <Button
            leftSection={<IconPlus size={18} aria-hidden />}
            onClick={() => {
              setEditing('new');
            }}
          >
            {t('rules.add')}
          </Button>
        }
      />
      <Stack gap="md">
        <Group gap="md" align="flex-end" wrap="wrap" role="search" aria-label={t('rules.filters')}>
          <Select
            label={t('rules.form.collaborator')}
            placeholder={t('common.all')}
            searchable
            clearable
            data={(collaborators.data ?? []).map((c) => ({
              value: c.id,
              label: `${c.fullName} · ${c.knfNumber}`,
            }))}
            value={collaboratorId}
            onChange={(value) => {
              setParam('collaboratorId', value);
            }}
            nothingFoundMessage={t('agentCodes.nothingFound')}
            w={320}
          />
          <Select
            label={t('rules.form.insurer')}
            placeholder={t('common.all')}
            searchable
            clearable
            data={(insurers.data ?? []).map((insurer) => ({ value: insurer.id, label: insurer.name }))}
            value={insurerId}
            onChange={(value) => {
              setParam('insurerId', value);
            }}
            w={240}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="rule-scope-label">
              {t('rules.scopeFilter')}
            </Text>
            <SegmentedControl
              aria-labelledby="rule-scope-label"
              value={scope}
              onChange={(value) => {
                setParam('scope', value);
              }}
              data={[
                { value: 'all', label: t('rules.scopes.all') },
                { value: 'agency', label: t('rules.scopes.agency') },
                { value: 'collaborators', label: t('rules.scopes.collaborators') },
              ]}
            />
          </Stack>
        </Group>
        <Text size="sm" c="dimmed">
          {t('rules.precedence')}
        </Text>
        {retire.isError && <ErrorAlert error={retire.error} focusOnShow />}
        <QueryState query={rules}>
          {(list) =>
            list.length === 0 ? (
              <EmptyState
                icon={<IconPercentage size={26} />}
                title={isFiltered ? t('rules.emptyFiltered') : t('rules.empty')}
                description={t('rules.emptyText')}
                action={
                  <Button
                    onClick={() => {
                      setEditing('new');
                    }}
                  >
                    {t('rules.add')}
                  </Button>
                }
              />
            ) : (
              <>
                <Text size="sm" c="dimmed">
                  {t('rules.count', { count: list.length })}
                </Text>
                <RulesTable
                  rules={list}
                  onEdit={setEditing}
                  onHistory={setHistory}
                  onRetire={(rule) => {
                    confirm({
                      title: t('rules.retireTitle'),
                      message: t('rules.retireText', {
                        name: rule.collaboratorName ?? t('rules.agencyDefault'),
                      }),
                      confirmLabel: t('rules.retire'),
                      isDanger: true,
                      onConfirm: () => {
                        retire.mutate(rule.id, {
                          onSuccess: () => {
                            notifications.show({ message: t('rules.retired') });
                          },
                        });
                      },
                    });
                  }}
                />
              </>
            )
          }
        </QueryState>
      </Stack>
      <RuleModal
        opened={editing !== null}
        rule={editing === 'new' ? null : editing}
        defaultCollaboratorId={collaboratorId}
        onClose={() => {
          setEditing(null);
        }}
      />
      <RuleVersionsModal
        rule={history}
        onClose={() => {
          setHistory(null);
        }}
      />
    </>
  );
}
