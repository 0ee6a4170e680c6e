import { Button, Group, Select, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/error-alert';
import { useDescribeError } from '../../../lib/error-message';
import { applyApiError, focusFirstError } from '../../../lib/form-errors';
import { useCollaborators } from '../../collaborators/api/get-collaborators';
import { useCreateAgentCode } from '../api/create-agent-code';
import { useInsurers } from '../api/get-insurers';

type AgentCodeFormProps =
  { insurerId: string; collaboratorId?: undefined } | { collaboratorId: string; insurerId?: undefined };

/** Adds a code: the side that is not fixed by the page is chosen from a searchable list. */
export function AgentCodeForm(props: AgentCodeFormProps) {
  const { t } = useTranslation();
  const describe = useDescribeError();
  const create = useCreateAgentCode();
  const isForInsurer = props.insurerId !== undefined;
  const collaborators = useCollaborators({ status: 'current' });
  const insurers = useInsurers();
  const [summaryError, setSummaryError] = useState<unknown>(null);
  const form = useForm({
    initialValues: { code: '', other: null as string | null },
    validate: {
      code: (value) => (value.trim() === '' ? t('agentCodes.codeRequired') : null),
      other: (value) =>
        value === null
          ? isForInsurer
            ? t('agentCodes.collaboratorRequired')
            : t('agentCodes.insurerRequired')
          : null,
    },
  });
  const options = isForInsurer
    ? (collaborators.data ?? []).map((c) => ({ value: c.id, label: `${c.fullName} · ${c.knfNumber}` }))
    : (insurers.data ?? []).filter((i) => !i.isArchived).map((i) => ({ value: i.id, label: i.name }));

  const submit = form.onSubmit((values) => {
    setSummaryError(null);
    const other = values.other ?? '';
    const input = isForInsurer
      ? { insurerId: props.insurerId, collaboratorId: other, code: values.code.trim() }
      : { insurerId: other, collaboratorId: props.collaboratorId, code: values.code.trim() };
    create.mutate(input, {
      onSuccess: (saved) => {
        notifications.show({
          color: 'teal',
          message: t('agentCodes.added', { code: saved.code, name: saved.collaboratorName }),
        });
        form.reset();
      },
      onError: (error) => {
        if (
          !applyApiError(form, error, describe, {
            fields: ['code', 'other'],
            codeFields: { agent_code_taken: 'code', agent_code_invalid: 'code' },
            fieldMap: isForInsurer ? { collaboratorId: 'other' } : { insurerId: 'other' },
          })
        ) {
          setSummaryError(error);
        }
      },
    });
  }, focusFirstError(form));

  return (
    <form onSubmit={submit} noValidate>
      {summaryError !== null && <ErrorAlert error={summaryError} focusOnShow />}
      <Group align="flex-start" gap="sm" wrap="wrap">
        <Select
          label={isForInsurer ? t('agentCodes.collaborator') : t('agentCodes.insurer')}
          placeholder={
            isForInsurer ? t('agentCodes.collaboratorPlaceholder') : t('agentCodes.insurerPlaceholder')
          }
          searchable
          required
          data={options}
          nothingFoundMessage={t('agentCodes.nothingFound')}
          w={320}
          {...form.getInputProps('other')}
        />
        <TextInput
          label={t('agentCodes.code')}
          description={t('agentCodes.codeHint')}
          required
          autoComplete="off"
          w={220}
          classNames={{ input: 'code-text' }}
          {...form.getInputProps('code')}
        />
        <Button
          type="submit"
          mt={24}
          loading={create.isPending}
          leftSection={<IconPlus size={16} aria-hidden />}
        >
          {t('agentCodes.add')}
        </Button>
      </Group>
    </form>
  );
}
