import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/error-alert';
import { focusFirstError } from '../../../lib/form-errors';
import { useRejectDispute } from '../api/reject-dispute';

function RejectForm({
  statementId,
  disputeId,
  onClose,
}: {
  statementId: string;
  disputeId: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const reject = useRejectDispute(statementId);
  const form = useForm({
    initialValues: { resolution: '' },
    validate: {
      resolution: (value) => (value.trim().length < 3 ? t('statements.correction.resolutionRequired') : null),
    },
  });
  const submit = form.onSubmit((values) => {
    reject.mutate(
      { disputeId, resolution: values.resolution.trim() },
      {
        onSuccess: () => {
          notifications.show({ message: t('statements.disputes.rejected') });
          onClose();
        },
      },
    );
  }, focusFirstError(form));
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm">{t('statements.disputes.rejectText')}</Text>
        {reject.isError && <ErrorAlert error={reject.error} focusOnShow />}
        <Textarea
          label={t('statements.disputes.rejectResolution')}
          required
          autosize
          minRows={3}
          data-autofocus
          {...form.getInputProps('resolution')}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" color="red.9" loading={reject.isPending}>
            {t('statements.disputes.reject')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

type RejectDisputeModalProps = { statementId: string; disputeId: string | null; onClose: () => void };

export function RejectDisputeModal({ statementId, disputeId, onClose }: RejectDisputeModalProps) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={disputeId !== null}
      onClose={onClose}
      centered
      title={t('statements.disputes.rejectTitle')}
    >
      {disputeId && <RejectForm statementId={statementId} disputeId={disputeId} onClose={onClose} />}
    </Modal>
  );
}
