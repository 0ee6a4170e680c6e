import { Button, Group, NativeSelect, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adjustmentKindSchema, type AdjustmentKind } from '../../../../shared/api/periods';
import { formatAmount } from '../../../../shared/money';
import { useConfirm } from '../../../components/confirm-modal';
import { DateText } from '../../../components/date-text';
import { ErrorAlert } from '../../../components/error-alert';
import { MoneyInput } from '../../../components/money-input';
import { MoneyText } from '../../../components/money-text';
import { QueryState } from '../../../components/query-state';
import { amountFieldProblem, parseAmountField } from '../../../lib/amount-field';
import { useDescribeError } from '../../../lib/error-message';
import { applyApiError, focusFirstError } from '../../../lib/form-errors';
import { useCollaborators } from '../../collaborators/api/get-collaborators';
import { useAddAdjustment } from '../api/add-adjustment';
import { useDeleteAdjustment } from '../api/delete-adjustment';
import { useAdjustments } from '../api/get-adjustments';

type Values = { collaboratorId: string | null; kind: AdjustmentKind; amount: string; reason: string };

/** A bonus adds, a deduction or an advance takes away: the person types the amount, the kind gives the sign. */
export function signedAmount(kind: AdjustmentKind, grosze: number): number {
  switch (kind) {
    case 'bonus':
      return Math.abs(grosze);
    case 'deduction':
    case 'advance':
      return -Math.abs(grosze);
    case 'correction':
      return grosze;
  }
}

function AdjustmentForm({ periodId }: { periodId: string }) {
  const { t } = useTranslation();
  const describe = useDescribeError();
  const add = useAddAdjustment(periodId);
  const collaborators = useCollaborators({ status: 'current' });
  const [summaryError, setSummaryError] = useState<unknown>(null);
  const form = useForm<Values>({
    initialValues: { collaboratorId: null, kind: 'bonus', amount: '', reason: '' },
    validate: {
      collaboratorId: (value) => (value ? null : t('agentCodes.collaboratorRequired')),
      amount: (value, values) => {
        const problem = amountFieldProblem(value, {
          rule: values.kind === 'correction' ? 'any' : 'positive',
        });
        if (problem) {
          return t(problem);
        }
        return parseAmountField(value) === 0 ? t('money.mustBePositive') : null;
      },
      reason: (value) => (value.trim().length >= 3 ? null : t('periods.adjustments.reasonRequired')),
    },
  });
  const submit = form.onSubmit((values) => {
    setSummaryError(null);
    add.mutate(
      {
        collaboratorId: values.collaboratorId ?? '',
        kind: values.kind,
        amount: signedAmount(values.kind, parseAmountField(values.amount) ?? 0),
        reason: values.reason.trim(),
      },
      {
        onSuccess: (saved) => {
          notifications.show({
            color: 'teal',
            message: t('periods.adjustments.added', {
              name: saved.collaboratorName,
              amount: formatAmount(saved.amount),
            }),
          });
          // The next adjustment is often for the same person.
          form.setValues({ amount: '', reason: '' });
          form.resetTouched();
        },
        onError: (error) => {
          if (
            !applyApiError(form, error, describe, {
              fields: ['collaboratorId', 'kind', 'amount', 'reason'],
              codeFields: { adjustment_invalid: 'amount' },
            })
          ) {
            setSummaryError(error);
          }
        },
      },
    );
  }, focusFirstError(form));
  return (
    <form onSubmit={submit} noValidate aria-label={t('periods.adjustments.addForm')}>
      <Stack gap="sm">
        {summaryError !== null && <ErrorAlert error={summaryError} focusOnShow />}
        <Group align="flex-start" gap="sm" wrap="wrap">
          <Select
            label={t('agentCodes.collaborator')}
            placeholder={t('agentCodes.collaboratorPlaceholder')}
            searchable
            required
            w={300}
            data={(collaborators.data ?? []).map((c) => ({
              value: c.id,
              label: `${c.fullName} · ${c.knfNumber}`,
            }))}
            nothingFoundMessage={t('agentCodes.nothingFound')}
            {...form.getInputProps('collaboratorId')}
          />
          <NativeSelect
            label={t('periods.adjustments.kind')}
            w={200}
            data={adjustmentKindSchema.options.map((kind) => ({
              value: kind,
              label: t(`periods.adjustments.kinds.${kind}`),
            }))}
            {...form.getInputProps('kind')}
          />
          <MoneyInput
            label={t('periods.adjustments.amount')}
            description={
              form.values.kind === 'correction'
                ? t('periods.adjustments.amountSignedHint')
                : form.values.kind === 'bonus'
                  ? t('periods.adjustments.amountAddedHint')
                  : t('periods.adjustments.amountDeductedHint')
            }
            required
            w={200}
            {...form.getInputProps('amount')}
          />
          <TextInput
            label={t('periods.adjustments.reason')}
            required
            w={320}
            {...form.getInputProps('reason')}
          />
        </Group>
        <Group>
          <Button type="submit" loading={add.isPending} leftSection={<IconPlus size={16} aria-hidden />}>
            {t('periods.adjustments.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Manual bonuses, deductions, advances and corrections of the period; editable while it is open. */
export function AdjustmentsSection({ periodId, isOpen }: { periodId: string; isOpen: boolean }) {
  const { t } = useTranslation();
  const confirm = useConfirm();
  const adjustments = useAdjustments(periodId);
  const remove = useDeleteAdjustment(periodId);
  return (
    <Stack gap="md">
      {remove.isError && <ErrorAlert error={remove.error} focusOnShow />}
      <QueryState query={adjustments}>
        {(list) =>
          list.length === 0 ? (
            <Text c="dimmed" size="sm">
              {t('periods.adjustments.empty')}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={760}>
              <Table striped aria-label={t('periods.adjustments.tableLabel')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('agentCodes.collaborator')}</Table.Th>
                    <Table.Th scope="col">{t('periods.adjustments.kind')}</Table.Th>
                    <Table.Th scope="col">{t('periods.adjustments.reason')}</Table.Th>
                    <Table.Th scope="col" ta="right">
                      {t('periods.adjustments.amount')}
                    </Table.Th>
                    <Table.Th scope="col">{t('periods.adjustments.addedBy')}</Table.Th>
                    {isOpen && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.map((adjustment) => (
                    <Table.Tr key={adjustment.id}>
                      <Table.Td>{adjustment.collaboratorName}</Table.Td>
                      <Table.Td>{t(`periods.adjustments.kinds.${adjustment.kind}`)}</Table.Td>
                      <Table.Td>{adjustment.reason}</Table.Td>
                      <Table.Td ta="right">
                        <MoneyText grosze={adjustment.amount} size="sm" />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{adjustment.createdByName}</Text>
                        <Text size="xs" c="dimmed">
                          <DateText value={adjustment.createdAt} withTime />
                        </Text>
                      </Table.Td>
                      {isOpen && (
                        <Table.Td>
                          <Button
                            size="xs"
                            variant="subtle"
                            color="red"
                            leftSection={<IconTrash size={14} aria-hidden />}
                            aria-label={t('periods.adjustments.removeLabel', {
                              name: adjustment.collaboratorName,
                              amount: formatAmount(adjustment.amount),
                            })}
                            onClick={() => {
                              confirm({
                                title: t('periods.adjustments.removeTitle'),
                                message: t('periods.adjustments.removeText', {
                                  name: adjustment.collaboratorName,
                                  amount: formatAmount(adjustment.amount),
                                  reason: adjustment.reason,
                                }),
                                confirmLabel: t('common.remove'),
                                isDanger: true,
                                onConfirm: () => {
                                  remove.mutate(adjustment.id);
                                },
                              });
                            }}
                          >
                            {t('common.remove')}
                          </Button>
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryState>
      {isOpen && <AdjustmentForm periodId={periodId} />}
    </Stack>
  );
}
