import { Button, Fieldset, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isValidEmail, isValidNip, isValidRegon } from '../../../../shared/identifiers';
import { ErrorAlert } from '../../../components/error-alert';
import { NipInput } from '../../../components/nip-input';
import { NewPasswordField } from '../../../components/password-field';
import { useDescribeError } from '../../../lib/error-message';
import { applyApiError, focusFirstError } from '../../../lib/form-errors';
import { useLocale } from '../../../lib/i18n';
import { passwordMinLength } from '../../../lib/password-strength';
import { useCreateAgency } from '../api/create-agency';

const fields = ['agencyName', 'nip', 'regon', 'fullName', 'email', 'password'] as const;
const fieldMap = {
  'agency.name': 'agencyName',
  'agency.nip': 'nip',
  'agency.regon': 'regon',
  'owner.fullName': 'fullName',
  'owner.email': 'email',
  'owner.password': 'password',
};
const passwordCodes = {
  password_too_short: 'password',
  password_too_common: 'password',
  password_too_weak: 'password',
  password_too_long: 'password',
  email_taken: 'email',
} as const;

export function SetupForm({ token }: { token: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const describe = useDescribeError();
  const createAgency = useCreateAgency();
  const [summaryError, setSummaryError] = useState<unknown>(null);
  const form = useForm({
    name: 'setup',
    initialValues: { agencyName: '', nip: '', regon: '', fullName: '', email: '', password: '' },
    validate: {
      agencyName: (value) => (value.trim().length >= 2 ? null : t('setup.agencyNameRequired')),
      nip: (value) => (isValidNip(value) ? null : t('errors.invalid_nip')),
      regon: (value) => (value.trim() === '' || isValidRegon(value) ? null : t('errors.invalid_regon')),
      fullName: (value) => (value.trim().length >= 2 ? null : t('setup.fullNameRequired')),
      email: (value) => (isValidEmail(value) ? null : t('errors.invalid_email')),
      password: (value) =>
        Array.from(value).length >= passwordMinLength ? null : t('errors.password_too_short'),
    },
  });

  const submit = form.onSubmit((values) => {
    setSummaryError(null);
    createAgency.mutate(
      {
        token,
        agency: { name: values.agencyName, nip: values.nip, regon: values.regon },
        owner: { fullName: values.fullName, email: values.email, password: values.password },
        locale,
      },
      {
        onSuccess: () => {
          void navigate('/enrol', { replace: true });
        },
        onError: (error) => {
          if (!applyApiError(form, error, describe, { fields, fieldMap, codeFields: passwordCodes })) {
            setSummaryError(error);
          }
        },
      },
    );
  }, focusFirstError(form));

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        {summaryError !== null && <ErrorAlert error={summaryError} focusOnShow />}
        <Fieldset legend={t('setup.agencySection')}>
          <Stack gap="md">
            <TextInput label={t('setup.agencyName')} required {...form.getInputProps('agencyName')} />
            <NipInput
              label={t('setup.nip')}
              required
              {...form.getInputProps('nip')}
              value={form.values.nip}
            />
            <TextInput
              label={t('setup.regon')}
              description={t('common.optional')}
              inputMode="numeric"
              {...form.getInputProps('regon')}
            />
          </Stack>
        </Fieldset>
        <Fieldset legend={t('setup.ownerSection')}>
          <Stack gap="md">
            <TextInput
              label={t('setup.fullName')}
              autoComplete="name"
              required
              {...form.getInputProps('fullName')}
            />
            <TextInput
              label={t('setup.email')}
              type="email"
              autoComplete="username"
              required
              {...form.getInputProps('email')}
            />
            <NewPasswordField
              label={t('setup.password')}
              required
              {...form.getInputProps('password')}
              value={form.values.password}
            />
          </Stack>
        </Fieldset>
        <Button type="submit" size="md" loading={createAgency.isPending}>
          {t('setup.submit')}
        </Button>
      </Stack>
    </form>
  );
}
