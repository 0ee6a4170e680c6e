import { Button, Group, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { agencySchema } from '../../../../shared/api/agency';
import { formatNip, isValidNip, isValidRegon } from '../../../../shared/identifiers';
import { ErrorAlert } from '../../../components/error-alert';
import { MoneyInput } from '../../../components/money-input';
import { NipInput } from '../../../components/nip-input';
import { amountFieldProblem, amountFieldText, parseAmountField } from '../../../lib/amount-field';
import { useDescribeError } from '../../../lib/error-message';
import { applyApiError, focusFirstError } from '../../../lib/form-errors';
import { useUpdateAgency } from '../api/update-agency';

type Agency = z.output<typeof agencySchema>;

function valuesOf(agency: Agency) {
  return {
    name: agency.name,
    nip: formatNip(agency.nip),
    regon: agency.regon ?? '',
    address: agency.address ?? '',
    minimumPayout: amountFieldText(agency.minimumPayout),
  };
}

export function AgencyForm({ agency }: { agency: Agency }) {
  const { t } = useTranslation();
  const describe = useDescribeError();
  const update = useUpdateAgency();
  const [summaryError, setSummaryError] = useState<unknown>(null);
  const form = useForm({
    name: 'agency',
    initialValues: valuesOf(agency),
    validate: {
      name: (value) => (value.trim().length >= 2 ? null : t('setup.agencyNameRequired')),
      nip: (value) => (isValidNip(value) ? null : t('errors.invalid_nip')),
      regon: (value) => (value.trim() === '' || isValidRegon(value) ? null : t('errors.invalid_regon')),
      minimumPayout: (value) => {
        const problem = amountFieldProblem(value, { rule: 'nonNegative' });
        return problem ? t(problem) : null;
      },
    },
  });

  const submit = form.onSubmit((values) => {
    setSummaryError(null);
    update.mutate(
      {
        name: values.name.trim(),
        nip: values.nip.trim(),
        regon: values.regon.trim() === '' ? null : values.regon.trim(),
        address: values.address.trim() === '' ? null : values.address.trim(),
        minimumPayout: parseAmountField(values.minimumPayout) ?? 0,
      },
      {
        onSuccess: (saved) => {
          form.resetDirty(valuesOf(saved));
          form.setValues(valuesOf(saved));
          notifications.show({ color: 'teal', message: t('common.saved') });
        },
        onError: (error) => {
          if (
            !applyApiError(form, error, describe, {
              fields: ['name', 'nip', 'regon', 'address', 'minimumPayout'],
            })
          ) {
            setSummaryError(error);
          }
        },
      },
    );
  }, focusFirstError(form));

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md" maw={520}>
        {summaryError !== null && <ErrorAlert error={summaryError} focusOnShow />}
        <TextInput label={t('setup.agencyName')} required {...form.getInputProps('name')} />
        <NipInput label={t('settings.nip')} required {...form.getInputProps('nip')} value={form.values.nip} />
        <TextInput
          label={t('setup.regon')}
          description={t('common.optional')}
          inputMode="numeric"
          {...form.getInputProps('regon')}
        />
        <Textarea
          label={t('settings.address')}
          description={t('settings.addressHint')}
          autosize
          minRows={2}
          {...form.getInputProps('address')}
        />
        <MoneyInput
          label={t('settings.minimumPayout')}
          description={t('settings.minimumPayoutHint')}
          maw={240}
          {...form.getInputProps('minimumPayout')}
        />
        <Group>
          <Button type="submit" loading={update.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
