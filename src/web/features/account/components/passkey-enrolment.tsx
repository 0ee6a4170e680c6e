import { Button, Stack, Text, TextInput } from '@mantine/core';
import { IconFingerprint } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/error-alert';
import { useRegisterPasskey } from '../api/register-passkey';
import type { EnrolmentResult } from './totp-enrolment';

export function PasskeyEnrolment({ onEnrolled }: { onEnrolled: (result: EnrolmentResult) => void }) {
  const { t } = useTranslation();
  const register = useRegisterPasskey();
  const [label, setLabel] = useState(() => t('enrol.passkey.defaultLabel'));
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        register.mutate(label, { onSuccess: onEnrolled });
      }}
    >
      <Stack gap="md">
        <Text>{t('enrol.passkey.text')}</Text>
        {register.isError && <ErrorAlert error={register.error} focusOnShow />}
        <TextInput
          label={t('enrol.passkey.label')}
          description={t('enrol.passkey.labelHint')}
          value={label}
          maxLength={80}
          onChange={(event) => {
            setLabel(event.currentTarget.value);
          }}
        />
        <Button
          type="submit"
          leftSection={<IconFingerprint size={18} aria-hidden />}
          loading={register.isPending}
          w="fit-content"
        >
          {t('enrol.passkey.create')}
        </Button>
      </Stack>
    </form>
  );
}
