import { Button, Checkbox, Group, Modal, Radio, Select, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Grosze } from '../../../../shared/money';
import { ErrorAlert } from '../../../components/error-alert';
import { MoneyText } from '../../../components/money-text';
import { focusFirstError } from '../../../lib/form-errors';
import { useCollaborators } from '../../collaborators/api/get-collaborators';
import { useAssignLines } from '../api/assign-lines';

export type AssignTarget = {
  insurerId: string;
  insurerName: string;
  agentCode: string | null;
  lineCount?: number;
  commissionTotal?: Grosze;
  /** Only this import's lines (its preview); otherwise every unsettled line with the code. */
  importId?: string;
};

type Values = { target: 'collaborator' | 'agency'; collaboratorId: string | null; remember: boolean };

function AssignForm({ group, onClose }: { group: AssignTarget; onClose: () => void }) {
  const { t } = useTranslation();
  const assign = useAssignLines();
  const collaborators = useCollaborators({ status: 'current' });
  const [summaryError, setSummaryError] = useState<unknown>(null);
  const form = useForm<Values>({
    initialValues: { target: 'collaborator', collaboratorId: null, remember: group.agentCode !== null },
    validate: {
      collaboratorId: (value, values) =>
        values.target === 'collaborator' && value === null ? t('agentCodes.collaboratorRequired') : null,
    },
  });
  const canRemember = group.agentCode !== null && form.values.target === 'collaborator';
  const submit = form.onSubmit((values) => {
    setSummaryError(null);
    assign.mutate(
      {
        insurerId: group.insurerId,
        agentCode: group.agentCode,
        target:
          values.target === 'agency' ? { agency: true } : { collaboratorId: values.collaboratorId ?? '' },
        remember: canRemember && values.remember,
        ...(group.importId ? { importId: group.importId } : {}),
      },
      {
        onSuccess: ({ assigned }) => {
          notifications.show({ color: 'teal', message: t('unmatched.assigned', { count: assigned }) });
          onClose();
        },
        onError: setSummaryError,
      },
    );
  }, focusFirstError(form));
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm">
          {group.agentCode === null
            ? t('unmatched.withoutCode', { insurer: group.insurerName })
            : t('unmatched.withCode', { insurer: group.insurerName, code: group.agentCode })}
          {group.lineCount !== undefined && <> · {t('unmatched.lineCount', { count: group.lineCount })}</>}
          {group.commissionTotal !== undefined && (
            <>
              {' · '}
              <MoneyText grosze={group.commissionTotal} size="sm" />
            </>
          )}
        </Text>
        {summaryError !== null && <ErrorAlert error={summaryError} focusOnShow />}
        <Radio.Group label={t('unmatched.assignTo')} {...form.getInputProps('target')}>
          <Stack gap="xs" mt="xs">
            <Radio value="collaborator" label={t('unmatched.toCollaborator')} />
            <Radio value="agency" label={t('unmatched.toAgency')} />
          </Stack>
        </Radio.Group>
        {form.values.target === 'collaborator' && (
          <Select
            label={t('agentCodes.collaborator')}
            placeholder={t('agentCodes.collaboratorPlaceholder')}
            searchable
            required
            data-autofocus
            data={(collaborators.data ?? []).map((c) => ({
              value: c.id,
              label: `${c.fullName} · ${c.knfNumber}`,
            }))}
            nothingFoundMessage={t('agentCodes.nothingFound')}
            {...form.getInputProps('collaboratorId')}
          />
        )}
        {canRemember && (
          <Checkbox
            label={t('unmatched.remember', { code: group.agentCode ?? '' })}
            description={t('unmatched.rememberHint', { insurer: group.insurerName })}
            {...form.getInputProps('remember', { type: 'checkbox' })}
          />
        )}
        {form.values.target === 'agency' && (
          <Text size="sm" c="dimmed">
            {t('unmatched.agencyHint')}
          </Text>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={assign.isPending}>
            {t('unmatched.assign')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function AssignModal({ group, onClose }: { group: AssignTarget | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={group !== null} onClose={onClose} centered size="lg" title={t('unmatched.assignTitle')}>
      {group && <AssignForm group={group} onClose={onClose} />}
    </Modal>
  );
}
