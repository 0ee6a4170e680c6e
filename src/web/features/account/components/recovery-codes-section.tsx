import { Alert, Button, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../../../shared/api/account';
import { ErrorAlert } from '../../../components/error-alert';
import { SectionCard } from '../../../components/section-card';
import { useDescribeError } from '../../../lib/error-message';
import { applyApiError, focusFirstError } from '../../../lib/form-errors';
import { useRegenerateRecoveryCodes } from '../api/regenerate-recovery-codes';
import { RecoveryCodesDisplay } from './recovery-codes-display';

const lowRecoveryCodes = 3;

function RegenerateForm({ onDone }: { onDone: (codes: string[]) => void }) {
  const { t } = useTranslation();
  const describe = useDescribeError();
  const regenerate = useRegenerateRecoveryCodes();
  const [summaryError, setSummaryError] = useState<unknown>(null);
  const form = useForm({
    name: 'regenerate',
    initialValues: { password: '' },
    validate: { password: (value) => (value ? null : t('login.passwordRequired')) },
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit(({ password }) => {
        setSummaryError(null);
        regenerate.mutate(password, {
          onSuccess: ({ recoveryCodes }) => {
            onDone(recoveryCodes);
          },
          onError: (error) => {
            if (
              !applyApiError(form, error, describe, {
                fields: ['password'],
                codeFields: { current_password_wrong: 'password' },
              })
            ) {
              setSummaryError(error);
            }
          },
        });
      }, focusFirstError(form))}
    >
      <Stack gap="md">
        <Text size="sm">{t('account.recovery.confirmText')}</Text>
        {summaryError !== null && <ErrorAlert error={summaryError} focusOnShow />}
        <PasswordInput
          label={t('account.password.current')}
          autoComplete="current-password"
          required
          data-autofocus
          {...form.getInputProps('password')}
        />
        <Button type="submit" loading={regenerate.isPending} w="fit-content">
          {t('account.recovery.generate')}
        </Button>
      </Stack>
    </form>
  );
}

export function RecoveryCodesSection({ account }: { account: Account }) {
  const { t } = useTranslation();
  const [isOpen, setIsOpen] = useState(false);
  const [codes, setCodes] = useState<string[] | null>(null);
  const remaining = account.recoveryCodesRemaining;
  const close = () => {
    setIsOpen(false);
    setCodes(null);
  };
  return (
    <SectionCard
      id="recovery-codes"
      title={t('recoveryCodes.heading')}
      description={t('account.recovery.description')}
      actions={
        <Button
          variant="default"
          leftSection={<IconRefresh size={16} aria-hidden />}
          onClick={() => {
            setIsOpen(true);
          }}
        >
          {t('account.recovery.regenerate')}
        </Button>
      }
    >
      <Text>{t('account.recovery.remaining', { count: remaining })}</Text>
      {remaining <= lowRecoveryCodes && (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />}>
          {t('account.recovery.low')}
        </Alert>
      )}
      <Modal
        opened={isOpen}
        onClose={close}
        size="lg"
        title={codes ? t('recoveryCodes.title') : t('account.recovery.regenerate')}
        closeOnClickOutside={codes === null}
      >
        {codes ? (
          <RecoveryCodesDisplay codes={codes} continueLabel={t('account.recovery.done')} onContinue={close} />
        ) : (
          <RegenerateForm onDone={setCodes} />
        )}
      </Modal>
    </SectionCard>
  );
}
