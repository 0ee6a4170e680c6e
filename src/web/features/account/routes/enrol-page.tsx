import { Button, Paper, SimpleGrid, Stack, Text, ThemeIcon, Title, UnstyledButton } from '@mantine/core';
import { IconDeviceMobile, IconFingerprint } from '@tabler/icons-react';
import { useState, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { AuthLayout } from '../../../components/layouts/auth-layout';
import { homePathOf, useSession, useSetSession } from '../../../lib/session';
import { useLogout } from '../../../lib/session-actions';
import { usePageTitle } from '../../../lib/use-page-title';
import { PasskeyEnrolment } from '../components/passkey-enrolment';
import { RecoveryCodesDisplay } from '../components/recovery-codes-display';
import { TotpEnrolment, type EnrolmentResult } from '../components/totp-enrolment';

type Method = 'totp' | 'passkey';

function MethodButton(props: {
  icon: ComponentType<{ size?: number }>;
  title: string;
  text: string;
  onClick: () => void;
}) {
  const Icon = props.icon;
  return (
    <UnstyledButton onClick={props.onClick} style={{ display: 'block' }}>
      <Paper withBorder p="lg" radius="md" h="100%">
        <Stack gap="xs">
          <ThemeIcon size={44} radius="md" variant="light" aria-hidden>
            <Icon size={26} />
          </ThemeIcon>
          <Text fw={700} size="lg">
            {props.title}
          </Text>
          <Text size="sm" c="dimmed">
            {props.text}
          </Text>
        </Stack>
      </Paper>
    </UnstyledButton>
  );
}

/** The mandatory first second factor: nothing else in Sejf opens before it is set up. */
export function EnrolPage() {
  const { t } = useTranslation();
  usePageTitle(t('enrol.title'));
  const navigate = useNavigate();
  const setSession = useSetSession();
  const session = useSession();
  const logout = useLogout();
  const [method, setMethod] = useState<Method | null>(null);
  const [result, setResult] = useState<EnrolmentResult | null>(null);

  const finish = (enrolled: EnrolmentResult) => {
    setSession(enrolled.session);
    void navigate(homePathOf(enrolled.session), { replace: true });
  };
  const onEnrolled = (enrolled: EnrolmentResult) => {
    if (enrolled.recoveryCodes && enrolled.recoveryCodes.length > 0) {
      setResult(enrolled);
    } else {
      finish(enrolled);
    }
  };

  const codes = result?.recoveryCodes;
  // Reached again after enrolment (another tab, the back button): nothing left to do here.
  if (session.data?.state === 'active' && result === null) {
    return <Navigate to={homePathOf(session.data)} replace />;
  }
  return (
    <AuthLayout size={720}>
      <Stack gap="lg">
        <Stack gap={4}>
          <Title order={1} size="h2" data-page-heading tabIndex={-1}>
            {result ? t('recoveryCodes.title') : t('enrol.title')}
          </Title>
          <Text c="dimmed">{result ? t('recoveryCodes.subtitle') : t('enrol.subtitle')}</Text>
        </Stack>
        <Paper withBorder p="lg" radius="md">
          {result && codes ? (
            <RecoveryCodesDisplay
              codes={codes}
              continueLabel={t('recoveryCodes.continue')}
              onContinue={() => {
                finish(result);
              }}
            />
          ) : method === null ? (
            <Stack gap="md">
              <Title order={2} size="h4">
                {t('enrol.choose')}
              </Title>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <MethodButton
                  icon={IconDeviceMobile}
                  title={t('enrol.totp.title')}
                  text={t('enrol.totp.text')}
                  onClick={() => {
                    setMethod('totp');
                  }}
                />
                <MethodButton
                  icon={IconFingerprint}
                  title={t('enrol.passkey.title')}
                  text={t('enrol.passkey.intro')}
                  onClick={() => {
                    setMethod('passkey');
                  }}
                />
              </SimpleGrid>
            </Stack>
          ) : (
            <Stack gap="md">
              <Title order={2} size="h4">
                {method === 'totp' ? t('enrol.totp.title') : t('enrol.passkey.title')}
              </Title>
              {method === 'totp' ? (
                <TotpEnrolment onEnrolled={onEnrolled} />
              ) : (
                <PasskeyEnrolment onEnrolled={onEnrolled} />
              )}
              <Button
                variant="subtle"
                w="fit-content"
                onClick={() => {
                  setMethod(null);
                }}
              >
                {t('enrol.otherMethod')}
              </Button>
            </Stack>
          )}
        </Paper>
        {!result && (
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
            {t('common.logout')}
          </Button>
        )}
      </Stack>
    </AuthLayout>
  );
}
