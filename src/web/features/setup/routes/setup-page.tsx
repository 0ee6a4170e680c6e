import { Alert, Anchor, Stack, Text, Title } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AuthLayout } from '../../../components/layouts/auth-layout';
import { QueryState } from '../../../components/query-state';
import { usePageTitle } from '../../../lib/use-page-title';
import { useSetupStatus } from '../api/get-setup-status';
import { SetupForm } from '../components/setup-form';

/** The token is in the fragment, which browsers never send to a server or in a Referer. */
function readTokenFromHash(): string | null {
  const params = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const token = params.get('token');
  return token && token.length >= 10 ? token : null;
}

export function SetupPage() {
  const { t } = useTranslation();
  usePageTitle(t('setup.title'));
  const status = useSetupStatus();
  const [token] = useState(readTokenFromHash);

  return (
    <AuthLayout size={620}>
      <Stack gap="lg">
        <Stack gap={4}>
          <Title order={1} size="h2" data-page-heading tabIndex={-1}>
            {t('setup.title')}
          </Title>
          <Text c="dimmed">{t('setup.subtitle')}</Text>
        </Stack>
        <QueryState query={status}>
          {({ setupRequired }) =>
            !setupRequired ? (
              <Alert
                color="sejf"
                variant="light"
                icon={<IconInfoCircle aria-hidden />}
                title={t('setup.doneTitle')}
              >
                <Stack gap="xs">
                  <Text size="sm">{t('setup.doneText')}</Text>
                  <Anchor component={Link} to="/login" size="sm">
                    {t('setup.goToLogin')}
                  </Anchor>
                </Stack>
              </Alert>
            ) : token === null ? (
              <Alert
                color="yellow"
                variant="light"
                icon={<IconInfoCircle aria-hidden />}
                title={t('setup.noTokenTitle')}
              >
                {t('setup.noTokenText')}
              </Alert>
            ) : (
              <SetupForm token={token} />
            )
          }
        </QueryState>
      </Stack>
    </AuthLayout>
  );
}
