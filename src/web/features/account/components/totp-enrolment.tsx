import { Box, Button, Group, Image, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { enrolmentResultSchema } from '../../../../shared/api/account';
import { CopyTextButton } from '../../../components/copy-button';
import { ErrorAlert } from '../../../components/error-alert';
import { OneTimeCodeInput } from '../../../components/one-time-code-input';
import { LoadingState } from '../../../components/query-state';
import { useConfirmTotp } from '../api/confirm-totp';
import { useStartTotp } from '../api/start-totp';

export type EnrolmentResult = z.output<typeof enrolmentResultSchema>;

function groupSecret(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}

/** Scan the QR code (or type the secret), then prove it works with the first code. */
export function TotpEnrolment({
  onEnrolled,
  withLabel = false,
}: {
  onEnrolled: (result: EnrolmentResult) => void;
  withLabel?: boolean;
}) {
  const { t } = useTranslation();
  const start = useStartTotp();
  const confirm = useConfirmTotp();
  const [code, setCode] = useState('');
  const [label, setLabel] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const isStarted = useRef(false);

  useEffect(() => {
    // One pending authenticator per visit, also under StrictMode's double effects.
    if (!isStarted.current) {
      isStarted.current = true;
      start.mutate();
    }
  }, [start]);

  if (start.isPending || start.isIdle) {
    return <LoadingState />;
  }
  if (start.isError) {
    return (
      <ErrorAlert
        error={start.error}
        onRetry={() => {
          start.mutate();
        }}
      />
    );
  }
  const enrolment = start.data;

  const submit = (value: string) => {
    if (value.length !== 6) {
      setCodeError(t('secondFactor.codeRequired'));
      return;
    }
    setCodeError(null);
    confirm.mutate(
      { factorId: enrolment.factorId, code: value, ...(label.trim() ? { label: label.trim() } : {}) },
      {
        onSuccess: onEnrolled,
        onError: () => {
          setCode('');
        },
      },
    );
  };

  return (
    <Stack gap="md">
      <Text>{t('enrol.totp.step1')}</Text>
      <Group align="flex-start" gap="lg">
        <Image src={enrolment.qrCodeDataUrl} alt={t('enrol.totp.qrAlt')} w={200} h={200} radius="sm" />
        <Stack gap={6} maw={320}>
          <Text size="sm">{t('enrol.totp.manual')}</Text>
          <Group gap={4} wrap="nowrap">
            <Box
              component="code"
              className="code-text"
              fz="md"
              fw={600}
              aria-label={t('enrol.totp.secretLabel')}
            >
              {groupSecret(enrolment.secret)}
            </Box>
            <CopyTextButton value={enrolment.secret} label={t('enrol.totp.copySecret')} compact />
          </Group>
        </Stack>
      </Group>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit(code);
        }}
      >
        <Stack gap="md">
          {confirm.isError && <ErrorAlert error={confirm.error} focusOnShow />}
          {withLabel && (
            <TextInput
              label={t('enrol.totp.label')}
              description={t('enrol.totp.labelHint')}
              value={label}
              maxLength={80}
              onChange={(event) => {
                setLabel(event.currentTarget.value);
              }}
            />
          )}
          <OneTimeCodeInput
            label={t('enrol.totp.codeLabel')}
            description={t('enrol.totp.codeHint')}
            value={code}
            onChange={setCode}
            onComplete={submit}
            error={codeError}
            disabled={confirm.isPending}
          />
          <Button type="submit" loading={confirm.isPending} w="fit-content">
            {t('enrol.totp.confirm')}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
