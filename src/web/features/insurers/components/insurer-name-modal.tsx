import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Insurer } from '../../../../shared/api/insurers';
import { ErrorAlert } from '../../../components/error-alert';
import { useDescribeError } from '../../../lib/error-message';
import { applyApiError, focusFirstError } from '../../../lib/form-errors';
import { useCreateInsurer } from '../api/create-insurer';
import { useUpdateInsurer } from '../api/update-insurer';

type InsurerNameModalProps = {
  opened: boolean;
  onClose: () => void;
  /** Renaming this insurer; null adds a new one. */
  insurer: Insurer | null;
};

function InsurerNameForm({ insurer, onClose }: { insurer: Insurer | null; onClose: () => void }) {
  const { t } = useTranslation();
  const describe = useDescribeError();
  const create = useCreateInsurer();
  const update = useUpdateInsurer();
  const [summaryError, setSummaryError] = useState<unknown>(null);
  const form = useForm({
    initialValues: { name: insurer?.name ?? '' },
    validate: { name: (value) => (value.trim() === '' ? t('insurers.form.nameRequired') : null) },
  });
  const isPending = create.isPending || update.isPending;
  const onError = (error: unknown) => {
    if (
      !applyApiError(form, error, describe, {
        fields: ['name'],
        codeFields: { insurer_name_taken: 'name' },
      })
    ) {
      setSummaryError(error);
    }
  };
  const submit = form.onSubmit(({ name }) => {
    setSummaryError(null);
    const trimmed = name.trim();
    const onSuccess = () => {
      notifications.show({ color: 'teal', message: t('insurers.form.saved', { name: trimmed }) });
      onClose();
    };
    if (insurer) {
      update.mutate({ id: insurer.id, name: trimmed }, { onSuccess, onError });
    } else {
      create.mutate(trimmed, { onSuccess, onError });
    }
  }, focusFirstError(form));
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {summaryError !== null && <ErrorAlert error={summaryError} focusOnShow />}
        <TextInput
          label={t('insurers.form.name')}
          required
          data-autofocus
          autoComplete="off"
          {...form.getInputProps('name')}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={isPending}>
            {insurer ? t('common.save') : t('insurers.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function InsurerNameModal({ opened, onClose, insurer }: InsurerNameModalProps) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      centered
      title={insurer ? t('insurers.form.renameTitle', { name: insurer.name }) : t('insurers.form.addTitle')}
    >
      {opened && <InsurerNameForm insurer={insurer} onClose={onClose} />}
    </Modal>
  );
}
