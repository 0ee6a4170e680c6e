import { Alert, Anchor, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconInfoCircle } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ErrorAlert } from '../../../components/error-alert';
import { AuthLayout } from '../../../components/layouts/auth-layout';

import { focusFirstError } from '../../../lib/form-errors';
import { homePathOf } from '../../../lib/session';
import { clearLoginNotice, peekLoginNotice } from '../../../lib/session-events';
import { usePageTitle } from '../../../lib/use-page-title';
import { useLogin } from '../api/login';

function LoginNotice() {
  const { t } = useTranslation();
  // Read once: the notice explains this visit to the login page, not the next one.
  const [notice] = useState(peekLoginNotice);
  useEffect(() => {
    clearLoginNotice();
  }, []);
  if (notice === null) {
    return null;
  }
  return (
    <Alert
      color={notice === 'logged_out' ? 'teal' : 'yellow'}
      variant="light"
      icon={<IconInfoCircle aria-hidden />}
      title={t(`login.notice.${notice}.title`)}
      role="status"
    >
      {t(`login.notice.${notice}.text`)}
    </Alert>
  );
}

export function LoginPage() {
  const { t } = useTranslation();
  usePageTitle(t('login.title'));
  const navigate = useNavigate();
  const login = useLogin();
  const form = useForm({
    name: 'login',
    initialValues: { email: '', password: '' },
    validate: {
      email: (value) => (value.trim() ? null : t('login.emailRequired')),
      password: (value) => (value ? null : t('login.passwordRequired')),
    },
  });

  const submit = form.onSubmit((values) => {
    login.mutate(values, {
      onSuccess: (session) => {
        void navigate(homePathOf(session), { replace: true });
      },
      onError: () => {
        form.setFieldValue('password', '');
      },
    });
  }, focusFirstError(form));

  return (
    <AuthLayout>
      <Stack gap="lg">
        <Stack gap={4}>
          <Title order={1} size="h2" data-page-heading tabIndex={-1}>
            {t('login.title')}
          </Title>
          <Text c="dimmed">{t('login.subtitle')}</Text>
        </Stack>
        <LoginNotice />
        <Paper withBorder p="lg" radius="md">
          <form onSubmit={submit} noValidate>
            <Stack gap="md">
              {login.isError && <ErrorAlert error={login.error} focusOnShow />}
              <TextInput
                label={t('login.email')}
                type="email"
                autoComplete="username"
                required
                {...form.getInputProps('email')}
              />
              <PasswordInput
                label={t('login.password')}
                autoComplete="current-password"
                required
                {...form.getInputProps('password')}
              />
              <Button type="submit" size="md" loading={login.isPending} fullWidth>
                {t('login.submit')}
              </Button>
            </Stack>
          </form>
        </Paper>
        <Paper withBorder p="md" radius="md">
          <Stack gap={4}>
            <Text fw={600}>{t('login.invitationQuestion')}</Text>
            <Anchor component={Link} to="/invitation">
              {t('login.invitationLink')}
            </Anchor>
          </Stack>
        </Paper>
        <Text size="sm" c="dimmed">
          {t('login.safetyNote')}
        </Text>
      </Stack>
    </AuthLayout>
  );
}
