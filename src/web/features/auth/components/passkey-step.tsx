import { Button, Stack, Text } from '@mantine/core';
import { IconFingerprint } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../../../components/error-alert';
import { homePathOf } from '../../../lib/session';
import { useVerifyPasskey } from '../api/verify-passkey';

export function PasskeyStep() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const verify = useVerifyPasskey();
  return (
    <Stack gap="md">
      {verify.isError && <ErrorAlert error={verify.error} focusOnShow />}
      <Text>{t('secondFactor.passkeyText')}</Text>
      <Button
        size="md"
        leftSection={<IconFingerprint size={20} aria-hidden />}
        loading={verify.isPending}
        onClick={() => {
          verify.mutate(undefined, {
            onSuccess: (session) => {
              void navigate(homePathOf(session), { replace: true });
            },
          });
        }}
      >
        {t('secondFactor.passkeyButton')}
      </Button>
    </Stack>
  );
}
