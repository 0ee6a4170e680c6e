import { Button, Divider, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { SessionInfo } from '../../../../shared/api/auth';
import { AuthLayout } from '../../../components/layouts/auth-layout';
import { useSession } from '../../../lib/session';
import { useLogout } from '../../../lib/session-actions';
import { usePageTitle } from '../../../lib/use-page-title';
import { PasskeyStep } from '../components/passkey-step';
import { RecoveryStep } from '../components/recovery-step';
import { TotpStep } from '../components/totp-step';

type Method = SessionInfo['methods'][number];

const switchLabels = {
  totp: 'secondFactor.useTotp',
  passkey: 'secondFactor.usePasskey',
  recovery_code: 'secondFactor.useRecovery',
} as const;

function preferredMethod(methods: readonly Method[]): Method {
  return (
    methods.find((method) => method === 'totp') ?? methods.find((m) => m === 'passkey') ?? 'recovery_code'
  );
}

export function SecondFactorPage() {
  const { t } = useTranslation();
  usePageTitle(t('secondFactor.title'));
  const { data: session } = useSession();
  const navigate = useNavigate();
  const logout = useLogout();
  const methods = session && session.state !== 'anonymous' ? session.methods : [];
  const [method, setMethod] = useState<Method>(() => preferredMethod(methods));
  const email = session && session.state !== 'anonymous' ? session.user.email : '';
  const others = methods.filter((candidate) => candidate !== method);

  return (
    <AuthLayout>
      <Stack gap="lg">
        <Stack gap={4}>
          <Title order={1} size="h2" data-page-heading tabIndex={-1}>
            {t('secondFactor.title')}
          </Title>
          <Text c="dimmed">{t('secondFactor.subtitle', { email })}</Text>
        </Stack>
        <Paper withBorder p="lg" radius="md">
          {method === 'totp' && <TotpStep />}
          {method === 'passkey' && <PasskeyStep />}
          {method === 'recovery_code' && <RecoveryStep />}
          {others.length > 0 && (
            <>
              <Divider my="lg" label={t('secondFactor.otherMethods')} labelPosition="center" />
              <Stack gap="xs">
                {others.map((other) => (
                  <Button
                    key={other}
                    variant="default"
                    onClick={() => {
                      setMethod(other);
                    }}
                  >
                    {t(switchLabels[other])}
                  </Button>
                ))}
              </Stack>
            </>
          )}
        </Paper>
        <Button
          variant="subtle"
          color="dark"
          w="fit-content"
          loading={logout.isPending}
          onClick={() => {
            logout.mutate(undefined, {
              onSettled: () => {
                void navigate('/login', { replace: true });
              },
            });
          }}
        >
          {t('secondFactor.cancel')}
        </Button>
      </Stack>
    </AuthLayout>
  );
}
