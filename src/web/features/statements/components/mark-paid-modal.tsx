import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StatementSummary } from '../../../../shared/api/statements';
import { formatAmount } from '../../../../shared/money';
import { ErrorAlert } from '../../../components/error-alert';
import { useDescribeError } from '../../../lib/error-message';
import { applyApiError, focusFirstError } from '../../../lib/form-errors';
import { useMarkPaid } from '../api/mark-paid';

export type PayableStatement = Pick<
  StatementSummary,
  'id' | 'collaboratorName' | 'number' | 'amountDue' | 'acceptedAt' | 'status'
>;

function todayInWarsaw(): string {
  // sv-SE formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Warsaw' }).format(new Date());
}

function MarkPaidForm({ statement, onClose }: { statement: PayableStatement; onClose: () => void }) {
  const { t } = useTranslation();
  const describe = useDescribeError();
  const markPaid = useMarkPaid();
  const [summaryError, setSummaryError] = useState<unknown>(null);
  const form = useForm({
    initialValues: { paidOn: todayInWarsaw(), reference: '' },
    validate: {
      paidOn: (value) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? null : t('statements.payment.dateRequired')),
    },
  });
  const submit = form.onSubmit((values) => {
    setSummaryError(null);
    markPaid.mutate(
      { statementId: statement.id, paidOn: values.paidOn, reference: values.reference.trim() || undefined },
      {
        onSuccess: () => {
          notifications.show({
            color: 'teal',
            message: t('statements.payment.done', { name: statement.collaboratorName }),
          });
          onClose();
        },
        onError: (error) => {
          if (!applyApiError(form, error, describe, { fields: ['paidOn', 'reference'] })) {
            setSummaryError(error);
          }
        },
      },
    );
  }, focusFirstError(form));
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text>
          {t('statements.payment.text', {
            name: statement.collaboratorName,
            number: statement.number,
            amount: formatAmount(statement.amountDue),
          })}
        </Text>
        {statement.status !== 'invoiced' && (
          <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />}>
            {statement.acceptedAt === null
              ? t('statements.payment.notAccepted')
              : t('statements.payment.noInvoice')}
          </Alert>
        )}
        {summaryError !== null && <ErrorAlert error={summaryError} focusOnShow />}
        <TextInput
          type="date"
          label={t('statements.payment.paidOn')}
          required
          maw={220}
          {...form.getInputProps('paidOn')}
        />
        <TextInput
          label={t('statements.payment.reference')}
          description={t('statements.payment.referenceHint')}
          {...form.getInputProps('reference')}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={markPaid.isPending}>
            {t('statements.payment.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function MarkPaidModal({
  statement,
  onClose,
}: {
  statement: PayableStatement | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={statement !== null} onClose={onClose} centered title={t('statements.payment.title')}>
      {statement && <MarkPaidForm statement={statement} onClose={onClose} />}
    </Modal>
  );
}
