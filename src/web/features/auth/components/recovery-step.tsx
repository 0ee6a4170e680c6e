import { Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../../../components/error-alert';
import { focusFirstError } from '../../../lib/form-errors';
import { homePathOf, useSetSession } from '../../../lib/session';
import { useVerifyRecoveryCode } from '../api/verify-recovery-code';

/** Codes left after this one at which the person is urged to generate new ones. */
const lowRecoveryCodes = 3;

export function RecoveryStep() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const setSession = useSetSession();
  const verify = useVerifyRecoveryCode();
  const form = useForm({
    name: 'recovery',
    initialValues: { code: '' },
    validate: { code: (value) => (value.trim() ? null : t('secondFactor.recoveryRequired')) },
  });

  const submit = form.onSubmit(({ code }) => {
    verify.mutate(code.trim(), {
      onSuccess: ({ remainingRecoveryCodes, ...session }) => {
        const isLow = remainingRecoveryCodes <= lowRecoveryCodes;
        notifications.show({
          color: isLow ? 'orange' : 'teal',
          autoClose: isLow ? false : 8000,
          title: t('secondFactor.recoveryRemaining', { count: remainingRecoveryCodes }),
          message: isLow ? (
            <Stack gap={4}>
              <Text size="sm">{t('secondFactor.recoveryRegenerate')}</Text>
              <Anchor href="/account#recovery-codes" size="sm">
                {t('secondFactor.recoveryRegenerateLink')}
              </Anchor>
            </Stack>
          ) : undefined,
        });
        setSession(session);
        void navigate(homePathOf(session), { replace: true });
      },
      onError: () => {
        form.setFieldValue('code', '');
      },
    });
  }, focusFirstError(form));

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {verify.isError && <ErrorAlert error={verify.error} focusOnShow />}
        <TextInput
          label={t('secondFactor.recoveryLabel')}
          description={t('secondFactor.recoveryDescription')}
          autoComplete="one-time-code"
          autoCapitalize="characters"
          spellCheck={false}
          classNames={{ input: 'code-text' }}
          size="md"
          {...form.getInputProps('code')}
        />
        <Button type="submit" size="md" loading={verify.isPending}>
          {t('secondFactor.verify')}
        </Button>
      </Stack>
    </form>
  );
}
