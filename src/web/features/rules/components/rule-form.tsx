import {
  Button,
  Checkbox,
  Group,
  Modal,
  NativeSelect,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SplitBasis, SplitRule, SplitRuleInput } from '../../../../shared/api/rules';
import { ErrorAlert } from '../../../components/error-alert';
import { MoneyInput } from '../../../components/money-input';
import { amountFieldProblem, amountFieldText, isRateText, parseAmountField } from '../../../lib/amount-field';
import { useDescribeError } from '../../../lib/error-message';
import { applyApiError, focusFirstError } from '../../../lib/form-errors';
import { useCollaborators } from '../../collaborators/api/get-collaborators';
import { useInsurers } from '../../insurers/api/get-insurers';
import { useSaveRule } from '../api/save-rule';

export const bases = [
  'agency_commission',
  'collected_premium',
  'written_premium',
  'fixed_per_policy',
] as const;

type Values = {
  collaboratorId: string | null;
  insurerId: string | null;
  product: string;
  risk: string;
  policyNumber: string;
  validFrom: string;
  validTo: string;
  renewalsOnly: boolean;
  basis: SplitBasis;
  rate: string;
  fixedAmount: string;
  clawback: 'follow' | 'agency_bears';
  note: string;
};

const fields = [
  'collaboratorId',
  'insurerId',
  'product',
  'risk',
  'policyNumber',
  'validFrom',
  'validTo',
  'renewalsOnly',
  'basis',
  'rate',
  'fixedAmount',
  'clawback',
  'note',
] as const;

function initialValues(rule: SplitRule | null, defaults: { collaboratorId: string | null }): Values {
  return {
    collaboratorId: rule ? rule.collaboratorId : defaults.collaboratorId,
    insurerId: rule?.insurerId ?? null,
    product: rule?.product ?? '',
    risk: rule?.risk ?? '',
    policyNumber: rule?.policyNumber ?? '',
    validFrom: rule?.validFrom ?? '',
    validTo: rule?.validTo ?? '',
    renewalsOnly: rule?.renewalsOnly ?? false,
    basis: rule?.basis ?? 'agency_commission',
    rate: rule?.rate?.replace('.', ',') ?? '',
    fixedAmount:
      rule?.fixedAmount !== null && rule?.fixedAmount !== undefined ? amountFieldText(rule.fixedAmount) : '',
    clawback: rule?.clawback ?? 'follow',
    note: rule?.note ?? '',
  };
}

function inputOf(values: Values): SplitRuleInput {
  const isFixed = values.basis === 'fixed_per_policy';
  return {
    collaboratorId: values.collaboratorId,
    insurerId: values.insurerId,
    product: values.product.trim() || null,
    risk: values.risk.trim() || null,
    policyNumber: values.policyNumber.trim() || null,
    validFrom: values.validFrom || null,
    validTo: values.validTo || null,
    renewalsOnly: values.renewalsOnly,
    basis: values.basis,
    rate: isFixed ? null : values.rate.trim().replace(/\s*%$/, ''),
    fixedAmount: isFixed ? parseAmountField(values.fixedAmount) : null,
    clawback: values.clawback,
    note: values.note.trim() || null,
  };
}

type RuleFormProps = {
  rule: SplitRule | null;
  defaultCollaboratorId: string | null;
  onClose: () => void;
};

function RuleForm({ rule, defaultCollaboratorId, onClose }: RuleFormProps) {
  const { t } = useTranslation();
  const describe = useDescribeError();
  const save = useSaveRule();
  const collaborators = useCollaborators({ status: 'current' });
  const insurers = useInsurers();
  const [summaryError, setSummaryError] = useState<unknown>(null);
  const form = useForm<Values>({
    initialValues: initialValues(rule, { collaboratorId: defaultCollaboratorId }),
    validate: {
      rate: (value, values) =>
        values.basis === 'fixed_per_policy' || isRateText(value) ? null : t('rules.form.rateInvalid'),
      fixedAmount: (value, values) => {
        if (values.basis !== 'fixed_per_policy') {
          return null;
        }
        const problem = amountFieldProblem(value, { rule: 'nonNegative' });
        return problem ? t(problem) : null;
      },
      validTo: (value, values) =>
        value && values.validFrom && value < values.validFrom ? t('rules.form.validToBeforeFrom') : null,
      // Put on the field just typed: focusing the insurer list would unfold it over the form.
      policyNumber: (value, values) =>
        value.trim() !== '' && values.insurerId === null ? t('rules.form.insurerForPolicy') : null,
    },
  });
  const isFixed = form.values.basis === 'fixed_per_policy';

  const submit = form.onSubmit((values) => {
    setSummaryError(null);
    save.mutate(
      { id: rule?.id ?? null, input: inputOf(values) },
      {
        onSuccess: (saved) => {
          notifications.show({
            color: 'teal',
            message: rule ? t('rules.form.changed', { version: saved.version }) : t('rules.form.created'),
          });
          onClose();
        },
        onError: (error) => {
          if (!applyApiError(form, error, describe, { fields })) {
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
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <Select
            label={t('rules.form.collaborator')}
            description={t('rules.form.collaboratorHint')}
            placeholder={t('rules.agencyDefault')}
            searchable
            clearable
            data={(collaborators.data ?? []).map((c) => ({
              value: c.id,
              label: `${c.fullName} · ${c.knfNumber}`,
            }))}
            nothingFoundMessage={t('agentCodes.nothingFound')}
            {...form.getInputProps('collaboratorId')}
          />
          <Select
            label={t('rules.form.insurer')}
            description={t('rules.form.insurerHint')}
            placeholder={t('rules.allInsurers')}
            searchable
            clearable
            data={(insurers.data ?? [])
              .filter((insurer) => !insurer.isArchived || insurer.id === form.values.insurerId)
              .map((insurer) => ({ value: insurer.id, label: insurer.name }))}
            nothingFoundMessage={t('agentCodes.nothingFound')}
            {...form.getInputProps('insurerId')}
          />
          <TextInput
            label={t('rules.form.product')}
            description={t('rules.form.anyHint')}
            {...form.getInputProps('product')}
          />
          <TextInput
            label={t('rules.form.risk')}
            description={t('rules.form.anyHint')}
            {...form.getInputProps('risk')}
          />
          <TextInput
            label={t('rules.form.policyNumber')}
            description={t('rules.form.policyHint')}
            {...form.getInputProps('policyNumber')}
          />
          <Group grow gap="sm" align="flex-start">
            <TextInput type="date" label={t('rules.form.validFrom')} {...form.getInputProps('validFrom')} />
            <TextInput type="date" label={t('rules.form.validTo')} {...form.getInputProps('validTo')} />
          </Group>
          <NativeSelect
            label={t('rules.form.basis')}
            required
            data={bases.map((basis) => ({ value: basis, label: t(`rules.bases.${basis}`) }))}
            {...form.getInputProps('basis')}
          />
          {isFixed ? (
            <MoneyInput
              label={t('rules.form.fixedAmount')}
              description={t('rules.form.fixedAmountHint')}
              required
              {...form.getInputProps('fixedAmount')}
            />
          ) : (
            <TextInput
              label={t('rules.form.rate')}
              description={t('rules.form.rateHint')}
              required
              inputMode="decimal"
              autoComplete="off"
              classNames={{ input: 'tabular' }}
              rightSection="%"
              {...form.getInputProps('rate')}
            />
          )}
        </SimpleGrid>
        <Checkbox
          label={t('rules.form.renewalsOnly')}
          description={t('rules.form.renewalsOnlyHint')}
          {...form.getInputProps('renewalsOnly', { type: 'checkbox' })}
        />
        <Radio.Group label={t('rules.form.clawback')} {...form.getInputProps('clawback')}>
          <Stack gap="xs" mt="xs">
            <Radio value="follow" label={t('rules.clawback.follow')} />
            <Radio value="agency_bears" label={t('rules.clawback.agency_bears')} />
          </Stack>
        </Radio.Group>
        <Textarea
          label={t('rules.form.note')}
          description={t('common.optional')}
          autosize
          minRows={2}
          {...form.getInputProps('note')}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {rule ? t('rules.form.saveVersion') : t('rules.form.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

type RuleModalProps = {
  opened: boolean;
  rule: SplitRule | null;
  defaultCollaboratorId: string | null;
  onClose: () => void;
};

export function RuleModal({ opened, rule, defaultCollaboratorId, onClose }: RuleModalProps) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      size="xl"
      title={rule ? t('rules.form.editTitle', { version: rule.version }) : t('rules.form.createTitle')}
    >
      {opened && <RuleForm rule={rule} defaultCollaboratorId={defaultCollaboratorId} onClose={onClose} />}
    </Modal>
  );
}
