import { Alert, Anchor, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { z } from 'zod';
import { ErrorAlert } from '../../../components/error-alert';
import { AuthLayout } from '../../../components/layouts/auth-layout';

import { focusFirstError } from '../../../lib/form-errors';
import { homePathOf } from '../../../lib/session';
import { usePageTitle } from '../../../lib/use-page-title';
import { useLogin } from '../api/login';

const noticeSchema = z.object({ notice: z.enum(['expired', 'signed_out', 'logged_out']) });

function LoginNotice() {
  const { t } = useTranslation();
  const location = useLocation();
  const parsed = noticeSchema.safeParse(location.state);
  if (!parsed.success) {
    return null;
  }
  const notice = parsed.data.notice;
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
