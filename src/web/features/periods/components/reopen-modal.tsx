import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { Period } from '../../../../shared/api/periods';
import { ErrorAlert } from '../../../components/error-alert';
import { focusFirstError } from '../../../lib/form-errors';
import { useReopenPeriod } from '../api/reopen-period';

function ReopenForm({ period, onClose }: { period: Period; onClose: () => void }) {
  const { t } = useTranslation();
  const reopen = useReopenPeriod(period.id);
  const form = useForm({
    initialValues: { reason: '' },
    validate: {
      reason: (value) => (value.trim().length >= 10 ? null : t('periods.actions.reopenReasonShort')),
    },
  });
  const submit = form.onSubmit((values) => {
    reopen.mutate(
      { revision: period.revision, reason: values.reason.trim() },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('periods.actions.reopened') });
          onClose();
        },
      },
    );
  }, focusFirstError(form));
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm">{t('periods.actions.reopenText')}</Text>
        {reopen.isError && <ErrorAlert error={reopen.error} focusOnShow />}
        <Textarea
          label={t('periods.actions.reopenReason')}
          description={t('periods.actions.reopenReasonHint')}
          required
          autosize
          minRows={3}
          data-autofocus
          {...form.getInputProps('reason')}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" color="red.9" loading={reopen.isPending}>
            {t('periods.actions.reopen')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function ReopenModal({
  period,
  opened,
  onClose,
}: {
  period: Period;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} centered title={t('periods.actions.reopenTitle')}>
      {opened && <ReopenForm period={period} onClose={onClose} />}
    </Modal>
  );
}
