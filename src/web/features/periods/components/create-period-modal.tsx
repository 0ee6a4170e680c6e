import { Button, Group, Modal, NativeSelect, Radio, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Period } from '../../../../shared/api/periods';
import { currentMonth, formatMonth } from '../../../../shared/format';
import { ErrorAlert } from '../../../components/error-alert';
import { previousMonth } from '../../../lib/calendar';
import { useDescribeError } from '../../../lib/error-message';
import { applyApiError, focusFirstError } from '../../../lib/form-errors';
import { useLocale } from '../../../lib/i18n';
import { recentMonths } from '../../../lib/period-label';
import { useCreatePeriod } from '../api/create-period';

type Values = { kind: 'month' | 'range'; month: string; dateFrom: string; dateTo: string };

function CreatePeriodForm({
  onCreated,
  onClose,
}: {
  onCreated: (period: Period) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const describe = useDescribeError();
  const create = useCreatePeriod();
  const [summaryError, setSummaryError] = useState<unknown>(null);
  const form = useForm<Values>({
    initialValues: { kind: 'month', month: previousMonth(), dateFrom: '', dateTo: '' },
    validate: {
      dateFrom: (value, values) =>
        values.kind === 'range' && value === '' ? t('periods.create.dateRequired') : null,
      dateTo: (value, values) => {
        if (values.kind !== 'range') {
          return null;
        }
        if (value === '') {
          return t('periods.create.dateRequired');
        }
        return values.dateFrom !== '' && value < values.dateFrom ? t('periods.create.endBeforeStart') : null;
      },
    },
  });
  const submit = form.onSubmit((values) => {
    setSummaryError(null);
    create.mutate(
      values.kind === 'month'
        ? { month: values.month }
        : { dateFrom: values.dateFrom, dateTo: values.dateTo },
      {
        onSuccess: onCreated,
        onError: (error) => {
          if (
            !applyApiError(form, error, describe, {
              fields: ['month', 'dateFrom', 'dateTo'],
              codeFields:
                values.kind === 'month' ? { period_overlap: 'month' } : { period_overlap: 'dateFrom' },
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
      <Stack gap="md">
        {summaryError !== null && <ErrorAlert error={summaryError} focusOnShow />}
        <Radio.Group label={t('periods.create.kind')} {...form.getInputProps('kind')}>
          <Group gap="lg" mt="xs">
            <Radio value="month" label={t('periods.create.wholeMonth')} />
            <Radio value="range" label={t('periods.create.dateRange')} />
          </Group>
        </Radio.Group>
        {form.values.kind === 'month' ? (
          <NativeSelect
            label={t('periods.create.month')}
            data={recentMonths(currentMonth(new Date())).map((month) => ({
              value: month,
              label: formatMonth(month, locale),
            }))}
            {...form.getInputProps('month')}
          />
        ) : (
          <Group grow align="flex-start">
            <TextInput
              type="date"
              label={t('periods.create.dateFrom')}
              required
              {...form.getInputProps('dateFrom')}
            />
            <TextInput
              type="date"
              label={t('periods.create.dateTo')}
              required
              {...form.getInputProps('dateTo')}
            />
          </Group>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('periods.create.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

type CreatePeriodModalProps = { opened: boolean; onClose: () => void; onCreated: (period: Period) => void };

export function CreatePeriodModal({ opened, onClose, onCreated }: CreatePeriodModalProps) {
  const { t } = useTranslation();
  return (
    // The new period's page takes over: focus goes to its heading, not back to the button.
    <Modal opened={opened} onClose={onClose} centered returnFocus={false} title={t('periods.create.title')}>
      {opened && <CreatePeriodForm onCreated={onCreated} onClose={onClose} />}
    </Modal>
  );
}
