import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isValidEmail } from '../../../../shared/identifiers';
import { ErrorAlert } from '../../../components/error-alert';
import { useAppConfig } from '../../../lib/app-config';
import { useDescribeError } from '../../../lib/error-message';
import { applyApiError, focusFirstError } from '../../../lib/form-errors';
import { useInviteStaff } from '../../invitations/api/invite-staff';

const codeFields = { invitation_pending_exists: 'email', membership_exists: 'email' } as const;

export function InviteStaffModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const describe = useDescribeError();
  const config = useAppConfig();
  const invite = useInviteStaff();
  const [summaryError, setSummaryError] = useState<unknown>(null);
  const form = useForm({
    name: 'invite-staff',
    initialValues: { fullName: '', email: '' },
    validate: {
      fullName: (value) => (value.trim().length >= 2 ? null : t('collaborators.form.fullNameRequired')),
      email: (value) => (isValidEmail(value) ? null : t('errors.invalid_email')),
    },
  });
  const close = () => {
    form.reset();
    setSummaryError(null);
    onClose();
  };
  const submit = form.onSubmit((values) => {
    setSummaryError(null);
    invite.mutate(
      { fullName: values.fullName.trim(), email: values.email.trim() },
      {
        onSuccess: (invitation) => {
          notifications.show({
            color: 'teal',
            title: t('collaborators.invitation.sent', { email: invitation.email }),
            message: config.data?.devOutbox ? t('collaborators.invitation.devOutboxHint') : undefined,
          });
          close();
        },
        onError: (error) => {
          if (!applyApiError(form, error, describe, { fields: ['fullName', 'email'], codeFields })) {
            setSummaryError(error);
          }
        },
      },
    );
  }, focusFirstError(form));

  return (
    <Modal opened={opened} onClose={close} title={t('team.inviteTitle')} centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm">{t('team.inviteText')}</Text>
          {summaryError !== null && <ErrorAlert error={summaryError} focusOnShow />}
          <TextInput
            label={t('team.columns.name')}
            required
            data-autofocus
            {...form.getInputProps('fullName')}
          />
          <TextInput label={t('team.columns.email')} type="email" required {...form.getInputProps('email')} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={invite.isPending}>
              {t('team.inviteSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
