import { Button, Group, Radio, Stack, Switch, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Collaborator, TaxMode } from '../../../../shared/api/collaborators';
import {
  formatNip,
  isValidEmail,
  isValidIban,
  isValidKnfNumber,
  isValidNip,
  isValidPesel,
  normalizePhone,
} from '../../../../shared/identifiers';
import { isApiError } from '../../../lib/api-error';
import { formatBankAccount } from '../../../lib/bank-account';
import { ErrorAlert } from '../../../components/error-alert';
import { NipInput } from '../../../components/nip-input';
import { useDescribeError } from '../../../lib/error-message';
import { apiErrorField, applyApiError, focusField, focusFirstError } from '../../../lib/form-errors';
import { useCreateCollaborator } from '../api/create-collaborator';
import { useUpdateCollaborator } from '../api/update-collaborator';

const fields = [
  'fullName',
  'email',
  'phone',
  'knfNumber',
  'taxMode',
  'nip',
  'pesel',
  'address',
  'iban',
  'selfBilling',
] as const;
const codeFields = {
  nip_required_for_invoice: 'nip',
  pesel_required_for_bill: 'pesel',
  invalid_iban: 'iban',
  self_billing_requires_invoice: 'selfBilling',
} as const;

type Values = {
  fullName: string;
  email: string;
  phone: string;
  knfNumber: string;
  taxMode: TaxMode;
  nip: string;
  pesel: string;
  address: string;
  iban: string;
  selfBilling: boolean;
};

function initialValuesOf(collaborator: Collaborator | null): Values {
  return {
    fullName: collaborator?.fullName ?? '',
    email: collaborator?.email ?? '',
    phone: collaborator?.phone ?? '',
    knfNumber: collaborator?.knfNumber ?? '',
    taxMode: collaborator?.taxMode ?? 'invoice',
    nip: collaborator?.nip ? formatNip(collaborator.nip) : '',
    pesel: collaborator?.pesel ?? '',
    address: collaborator?.address ?? '',
    iban: collaborator?.iban ? formatBankAccount(collaborator.iban) : '',
    selfBilling: collaborator?.selfBilling ?? false,
  };
}

type CollaboratorFormProps = {
  collaborator: Collaborator | null;
  onSaved: (collaborator: Collaborator) => void;
  onCancel: () => void;
};

/** Add or edit a collaborator. The same identifier checks as the server run before sending. */
export function CollaboratorForm({ collaborator, onSaved, onCancel }: CollaboratorFormProps) {
  const { t } = useTranslation();
  const describe = useDescribeError();
  const create = useCreateCollaborator();
  const update = useUpdateCollaborator(collaborator?.id ?? '');
  const [summaryError, setSummaryError] = useState<unknown>(null);
  const form = useForm<Values>({
    name: 'collaborator',
    initialValues: initialValuesOf(collaborator),
    validate: {
      fullName: (value) => (value.trim().length >= 2 ? null : t('collaborators.form.fullNameRequired')),
      email: (value) => (isValidEmail(value) ? null : t('errors.invalid_email')),
      phone: (value) =>
        value.trim() === '' || normalizePhone(value) !== null ? null : t('errors.invalid_phone'),
      knfNumber: (value) => (isValidKnfNumber(value) ? null : t('errors.invalid_knf_number')),
      nip: (value, values) => {
        if (value.trim() === '') {
          return values.taxMode === 'invoice' ? t('errors.nip_required_for_invoice') : null;
        }
        return isValidNip(value) ? null : t('errors.invalid_nip');
      },
      pesel: (value, values) => {
        if (value.trim() === '') {
          return values.taxMode === 'bill' ? t('errors.pesel_required_for_bill') : null;
        }
        return isValidPesel(value) ? null : t('errors.invalid_pesel');
      },
      iban: (value) => (value.trim() === '' || isValidIban(value) ? null : t('errors.invalid_iban')),
    },
  });
  const mutation = collaborator ? update : create;

  const handleError = (error: unknown) => {
    if (isApiError(error) && error.code === 'collaborator_duplicate') {
      const field = apiErrorField(error) === 'knfNumber' ? 'knfNumber' : 'email';
      form.setFieldError(field, t(`collaborators.form.duplicate.${field}`));
      focusField(form, field);
      return;
    }
    if (!applyApiError(form, error, describe, { fields, codeFields })) {
      setSummaryError(error);
    }
  };

  const submit = form.onSubmit((values) => {
    setSummaryError(null);
    const input = {
      fullName: values.fullName.trim(),
      email: values.email.trim(),
      phone: values.phone.trim(),
      knfNumber: values.knfNumber.trim().toUpperCase(),
      taxMode: values.taxMode,
      nip: values.nip.trim(),
      pesel: values.pesel.trim(),
      address: values.address.trim(),
      iban: values.iban.replace(/\s/g, '').toUpperCase(),
      selfBilling: values.taxMode === 'invoice' && values.selfBilling,
    };
    mutation.mutate(input, { onSuccess: onSaved, onError: handleError });
  }, focusFirstError(form));

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {summaryError !== null && <ErrorAlert error={summaryError} focusOnShow />}
        <TextInput
          label={t('collaborators.form.fullName')}
          required
          autoComplete="off"
          {...form.getInputProps('fullName')}
        />
        <TextInput
          label={t('collaborators.form.email')}
          type="email"
          required
          autoComplete="off"
          {...form.getInputProps('email')}
        />
        <TextInput
          label={t('collaborators.form.phone')}
          description={t('common.optional')}
          type="tel"
          autoComplete="off"
          {...form.getInputProps('phone')}
        />
        <TextInput
          label={t('collaborators.form.knfNumber')}
          description={t('collaborators.form.knfHint')}
          required
          autoComplete="off"
          {...form.getInputProps('knfNumber')}
        />
        <Radio.Group label={t('collaborators.form.taxMode')} required {...form.getInputProps('taxMode')}>
          <Stack gap="xs" mt="xs">
            <Radio value="invoice" label={t('collaborators.taxMode.invoice')} />
            <Radio value="bill" label={t('collaborators.taxMode.bill')} />
          </Stack>
        </Radio.Group>
        <NipInput
          label={t('collaborators.form.nip')}
          required={form.values.taxMode === 'invoice'}
          description={form.values.taxMode === 'invoice' ? undefined : t('common.optional')}
          {...form.getInputProps('nip')}
          value={form.values.nip}
        />
        <TextInput
          label={t('collaborators.form.pesel')}
          required={form.values.taxMode === 'bill'}
          description={form.values.taxMode === 'bill' ? undefined : t('common.optional')}
          inputMode="numeric"
          autoComplete="off"
          {...form.getInputProps('pesel')}
        />
        {form.values.taxMode === 'invoice' && (
          <Switch
            label={t('collaborators.form.selfBilling')}
            description={t('collaborators.form.selfBillingHint')}
            {...form.getInputProps('selfBilling', { type: 'checkbox' })}
          />
        )}
        <Textarea
          label={t('collaborators.form.address')}
          description={t('collaborators.form.addressHint')}
          autosize
          minRows={2}
          autoComplete="off"
          {...form.getInputProps('address')}
        />
        <TextInput
          label={t('collaborators.form.iban')}
          description={t('collaborators.form.ibanHint')}
          autoComplete="off"
          classNames={{ input: 'tabular' }}
          {...form.getInputProps('iban')}
          onBlur={(event) => {
            const value = event.currentTarget.value;
            if (isValidIban(value)) {
              form.setFieldValue('iban', formatBankAccount(value));
            }
          }}
        />
        <Group justify="flex-end" gap="sm" mt="sm">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {collaborator ? t('common.save') : t('collaborators.form.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
