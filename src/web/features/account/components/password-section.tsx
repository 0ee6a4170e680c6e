import { Button, Group, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/error-alert';
import { NewPasswordField } from '../../../components/password-field';
import { SectionCard } from '../../../components/section-card';
import { useDescribeError } from '../../../lib/error-message';
import { applyApiError, focusFirstError } from '../../../lib/form-errors';
import { passwordMinLength } from '../../../lib/password-strength';
import { useChangePassword } from '../api/change-password';

const codeFields = {
  current_password_wrong: 'currentPassword',
  password_too_short: 'newPassword',
  password_too_common: 'newPassword',
  password_too_weak: 'newPassword',
  password_too_long: 'newPassword',
} as const;

export function PasswordSection({ email }: { email: string }) {
  const { t } = useTranslation();
  const describe = useDescribeError();
  const change = useChangePassword();
  const [summaryError, setSummaryError] = useState<unknown>(null);
  const form = useForm({
    name: 'password',
    initialValues: { currentPassword: '', newPassword: '', repeat: '' },
    validate: {
      currentPassword: (value) => (value ? null : t('login.passwordRequired')),
      newPassword: (value, values) => {
        if (Array.from(value).length < passwordMinLength) {
          return t('errors.password_too_short');
        }
        return value === values.currentPassword ? t('account.password.same') : null;
      },
      repeat: (value, values) => (value === values.newPassword ? null : t('invitation.repeatMismatch')),
    },
  });

  const submit = form.onSubmit(({ currentPassword, newPassword }) => {
    setSummaryError(null);
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: ({ revoked }) => {
          form.reset();
          notifications.show({
            color: 'teal',
            title: t('account.password.changed'),
            message: t('account.password.revoked', { count: revoked }),
          });
        },
        onError: (error) => {
          const handled = applyApiError(form, error, describe, {
            fields: ['currentPassword', 'newPassword'],
            codeFields,
            fieldMap: { newPassword: 'newPassword' },
          });
          if (!handled) {
            setSummaryError(error);
          }
        },
      },
    );
  }, focusFirstError(form));

  return (
    <SectionCard title={t('account.password.title')} description={t('account.password.description')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md" maw={480}>
          {summaryError !== null && <ErrorAlert error={summaryError} focusOnShow />}
          {/* Lets password managers file the new password under the right login. */}
          <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
          <PasswordInput
            label={t('account.password.current')}
            autoComplete="current-password"
            required
            {...form.getInputProps('currentPassword')}
          />
          <NewPasswordField
            label={t('account.password.new')}
            required
            {...form.getInputProps('newPassword')}
            value={form.values.newPassword}
          />
          <PasswordInput
            label={t('invitation.repeatPassword')}
            autoComplete="new-password"
            required
            {...form.getInputProps('repeat')}
          />
          <Group>
            <Button type="submit" loading={change.isPending}>
              {t('account.password.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </SectionCard>
  );
}
