import { Button, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../../../components/error-alert';
import { OneTimeCodeInput } from '../../../components/one-time-code-input';
import { homePathOf } from '../../../lib/session';
import { useVerifyTotp } from '../api/verify-totp';

export function TotpStep() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const verify = useVerifyTotp();
  const [code, setCode] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);

  const submit = (value: string) => {
    if (value.length !== 6) {
      setFieldError(t('secondFactor.codeRequired'));
      return;
    }
    setFieldError(null);
    verify.mutate(value, {
      onSuccess: (session) => {
        void navigate(homePathOf(session), { replace: true });
      },
      onError: () => {
        setCode('');
      },
    });
  };

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit(code);
      }}
    >
      <Stack gap="md">
        {verify.isError && <ErrorAlert error={verify.error} focusOnShow />}
        <OneTimeCodeInput
          label={t('secondFactor.totpLabel')}
          description={t('secondFactor.totpDescription')}
          value={code}
          onChange={setCode}
          onComplete={submit}
          error={fieldError}
          disabled={verify.isPending}
          data-autofocus
          autoFocus
        />
        <Button type="submit" size="md" loading={verify.isPending}>
          {t('secondFactor.verify')}
        </Button>
      </Stack>
    </form>
  );
}
