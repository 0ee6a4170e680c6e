import { Button, Stack } from '@mantine/core';
import { IconLogout } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/query-state';
import { useLogout } from '../../../lib/session-actions';
import { useAccount } from '../api/get-account';
import { DevicesSection } from '../components/devices-section';
import { PasswordSection } from '../components/password-section';
import { ProfileSection } from '../components/profile-section';
import { RecoveryCodesSection } from '../components/recovery-codes-section';
import { SecondFactorsSection } from '../components/second-factors-section';
import { SessionsSection } from '../components/sessions-section';

/** Everything about the person's own account, for every role. */
export function AccountPage() {
  const { t } = useTranslation();
  const account = useAccount();
  const logout = useLogout();
  const navigate = useNavigate();
  const { hash } = useLocation();

  useEffect(() => {
    if (hash && account.isSuccess) {
      const target = document.getElementById(hash.slice(1));
      target?.scrollIntoView({ block: 'start' });
      target?.focus({ preventScroll: true });
    }
  }, [hash, account.isSuccess]);

  return (
    <>
      <PageHeader
        title={t('account.title')}
        actions={
          <Button
            variant="default"
            leftSection={<IconLogout size={18} aria-hidden />}
            loading={logout.isPending}
            onClick={() => {
              logout.mutate(undefined, {
                onSettled: () => {
                  void navigate('/login');
                },
              });
            }}
          >
            {t('common.logout')}
          </Button>
        }
      />
      <QueryState query={account}>
        {(data) => (
          <Stack gap="lg" maw={960}>
            <ProfileSection account={data} />
            <PasswordSection email={data.email} />
            <SecondFactorsSection account={data} />
            <RecoveryCodesSection account={data} />
            <SessionsSection />
            <DevicesSection />
          </Stack>
        )}
      </QueryState>
    </>
  );
}
