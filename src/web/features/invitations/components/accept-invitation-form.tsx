import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../../shared/api/auth';
import { ErrorAlert } from '../../../components/error-alert';
import { NewPasswordField } from '../../../components/password-field';
import { useDescribeError } from '../../../lib/error-message';
import { applyApiError, focusFirstError } from '../../../lib/form-errors';
import { useLocale } from '../../../lib/i18n';
import { passwordMinLength } from '../../../lib/password-strength';
import { useAcceptInvitation } from '../api/accept-invitation';
import type { CheckedInvitation } from './check-invitation-form';

const codeFields = {
  password_too_short: 'password',
  password_too_common: 'password',
  password_too_weak: 'password',
  password_too_long: 'password',
  invalid_credentials: 'password',
} as const;

type AcceptInvitationFormProps = {
  invitation: CheckedInvitation;
  onAccepted: (session: SessionInfo) => void;
};

/** Step 2: a new password, or the existing account's password for someone already in Sejf. */
export function AcceptInvitationForm({ invitation, onAccepted }: AcceptInvitationFormProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const describe = useDescribeError();
  const accept = useAcceptInvitation();
  const [summaryError, setSummaryError] = useState<unknown>(null);
  const isExisting = invitation.existingAccount;
  const form = useForm({
    name: 'invitation-accept',
    initialValues: { fullName: invitation.fullName, password: '', repeat: '' },
    validate: {
      fullName: (value) => (isExisting || value.trim().length >= 2 ? null : t('setup.fullNameRequired')),
      password: (value) => {
        if (isExisting) {
          return value ? null : t('login.passwordRequired');
        }
        return Array.from(value).length >= passwordMinLength ? null : t('errors.password_too_short');
      },
      repeat: (value, values) =>
        isExisting || value === values.password ? null : t('invitation.repeatMismatch'),
    },
  });

  const submit = form.onSubmit((values) => {
    setSummaryError(null);
    accept.mutate(
      {
        email: invitation.email,
        code: invitation.code,
        password: values.password,
        locale,
        ...(isExisting ? {} : { fullName: values.fullName.trim() }),
      },
      {
        onSuccess: onAccepted,
        onError: (error) => {
          if (!applyApiError(form, error, describe, { fields: ['fullName', 'password'], codeFields })) {
            setSummaryError(error);
          }
        },
      },
    );
  }, focusFirstError(form));

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {summaryError !== null && <ErrorAlert error={summaryError} focusOnShow />}
        <TextInput
          label={t('invitation.loginEmail')}
          value={invitation.email}
          readOnly
          autoComplete="username"
        />
        {isExisting ? (
          <PasswordInput
            label={t('invitation.existingPassword')}
            description={t('invitation.existingPasswordHint')}
            autoComplete="current-password"
            required
            {...form.getInputProps('password')}
          />
        ) : (
          <>
            <TextInput
              label={t('invitation.fullName')}
              autoComplete="name"
              required
              {...form.getInputProps('fullName')}
            />
            <NewPasswordField
              label={t('invitation.newPassword')}
              required
              {...form.getInputProps('password')}
              value={form.values.password}
            />
            <PasswordInput
              label={t('invitation.repeatPassword')}
              autoComplete="new-password"
              required
              {...form.getInputProps('repeat')}
            />
          </>
        )}
        <Button type="submit" size="md" loading={accept.isPending}>
          {isExisting ? t('invitation.joinExisting') : t('invitation.createAccount')}
        </Button>
      </Stack>
    </form>
  );
}
