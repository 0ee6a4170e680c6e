import { Button, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLogout } from '../lib/session-actions';
import { usePageTitle } from '../lib/use-page-title';
import { AuthLayout } from './layouts/auth-layout';

export function NotFoundPage() {
  const { t } = useTranslation();
  usePageTitle(t('common.pageNotFound'));
  return (
    <AuthLayout>
      <Stack gap="md">
        <Title order={1} size="h2" data-page-heading tabIndex={-1}>
          {t('common.pageNotFound')}
        </Title>
        <Text>{t('common.pageNotFoundText')}</Text>
        <Button component={Link} to="/" w="fit-content">
          {t('common.goHome')}
        </Button>
      </Stack>
    </AuthLayout>
  );
}

export function NoAgencyPage() {
  const { t } = useTranslation();
  const logout = useLogout();
  usePageTitle(t('common.noAgency'));
  return (
    <AuthLayout>
      <Stack gap="md">
        <Title order={1} size="h2">
          {t('common.noAgency')}
        </Title>
        <Text>{t('common.noAgencyText')}</Text>
        <Button
          variant="default"
          w="fit-content"
          loading={logout.isPending}
          onClick={() => {
            logout.mutate();
          }}
        >
          {t('common.logout')}
        </Button>
      </Stack>
    </AuthLayout>
  );
}
