import { Alert, Button, Group, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconCircleCheck, IconMessageReport } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { disputeReasonSchema, type StatementDetail } from '../../../../shared/api/statements';
import { formatAmount } from '../../../../shared/money';
import { useConfirm } from '../../../components/confirm-modal';
import { ErrorAlert } from '../../../components/error-alert';
import { Pager } from '../../../components/pager';
import { QueryState } from '../../../components/query-state';
import { focusFirstError } from '../../../lib/form-errors';
import { useLocale } from '../../../lib/i18n';
import { periodLabel } from '../../../lib/period-label';
import { useAcceptStatement } from '../api/accept-statement';
import { useDisputeStatement } from '../api/dispute-statement';
import { usePanelStatementLines } from '../api/get-panel-statement-lines';
import { StatementLineCards } from './statement-line-cards';

const pageSize = 20;

function DisputeForm({ statement, onDone }: { statement: StatementDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const dispute = useDisputeStatement(statement.id);
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const lines = usePanelStatementLines(statement.id, { offset: (page - 1) * pageSize, limit: pageSize });
  const form = useForm({
    initialValues: { reason: null as string | null, message: '' },
    validate: {
      reason: (value) => (value === null ? t('panelStatements.dispute.reasonRequired') : null),
      message: (value) => (value.trim().length < 3 ? t('panelStatements.dispute.messageRequired') : null),
    },
  });
  const submit = form.onSubmit((values) => {
    const reason = disputeReasonSchema.safeParse(values.reason);
    if (!reason.success) {
      return;
    }
    dispute.mutate(
      {
        reason: reason.data,
        message: values.message.trim(),
        ...(selected.size > 0 ? { lineIds: [...selected] } : {}),
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('panelStatements.dispute.sent') });
          onDone();
        },
      },
    );
  }, focusFirstError(form));
  return (
    <form onSubmit={submit} noValidate aria-labelledby="dispute-heading">
      <Stack gap="md">
        <Title order={2} size="h3" id="dispute-heading">
          {t('panelStatements.dispute.title')}
        </Title>
        <Text>{t('panelStatements.dispute.intro')}</Text>
        {dispute.isError && <ErrorAlert error={dispute.error} focusOnShow />}
        <Select
          size="md"
          label={t('panelStatements.dispute.reason')}
          placeholder={t('panelStatements.dispute.reasonPlaceholder')}
          required
          allowDeselect={false}
          data={disputeReasonSchema.options.map((reason) => ({
            value: reason,
            label: t(`statements.disputes.reasons.${reason}`),
          }))}
          {...form.getInputProps('reason')}
        />
        <Stack gap="xs">
          <Text fw={600} id="dispute-lines-label">
            {t('panelStatements.dispute.lines')}
          </Text>
          <Text size="sm" c="dimmed">
            {t('panelStatements.dispute.linesHint', { count: selected.size })}
          </Text>
          <QueryState query={lines}>
            {(data) => (
              <Stack gap="sm" role="group" aria-labelledby="dispute-lines-label">
                <StatementLineCards
                  lines={data.lines}
                  selected={selected}
                  onToggle={(lineId, isChecked) => {
                    setSelected((current) => {
                      const next = new Set(current);
                      if (isChecked) {
                        next.add(lineId);
                      } else {
                        next.delete(lineId);
                      }
                      return next;
                    });
                  }}
                />
                <Pager total={data.total} pageSize={pageSize} page={page} onChange={setPage} />
              </Stack>
            )}
          </QueryState>
        </Stack>
        <Textarea
          size="md"
          label={t('panelStatements.dispute.message')}
          description={t('panelStatements.dispute.messageHint')}
          required
          autosize
          minRows={4}
          maxLength={4000}
          {...form.getInputProps('message')}
        />
        <Stack gap="xs">
          <Button type="submit" size="lg" color="red.9" fullWidth loading={dispute.isPending}>
            {t('panelStatements.dispute.submit')}
          </Button>
          <Button variant="default" size="md" fullWidth onClick={onDone}>
            {t('common.cancel')}
          </Button>
        </Stack>
      </Stack>
    </form>
  );
}

/**
 * Accept or dispute: what accepting means is said before the button, and the acceptance names the
 * exact document (its SHA-256) the collaborator saw.
 */
export function AcceptDisputeSection({ statement }: { statement: StatementDetail }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const confirm = useConfirm();
  const accept = useAcceptStatement(statement.id);
  const [isDisputing, setIsDisputing] = useState(false);
  const sha256 = statement.sha256;
  const label = periodLabel(statement, locale);

  if (isDisputing) {
    return (
      <DisputeForm
        statement={statement}
        onDone={() => {
          setIsDisputing(false);
        }}
      />
    );
  }
  return (
    <Stack gap="md">
      <Title order={2} size="h3">
        {t('panelStatements.accept.title')}
      </Title>
      <Text>
        {t('panelStatements.accept.meaning', { amount: formatAmount(statement.amountDue), period: label })}
      </Text>
      {accept.isError && <ErrorAlert error={accept.error} focusOnShow />}
      {sha256 === null ? (
        <Alert color="sejf" variant="light">
          {t('panelStatements.accept.documentPending')}
        </Alert>
      ) : (
        <Button
          size="lg"
          fullWidth
          leftSection={<IconCircleCheck size={22} aria-hidden />}
          loading={accept.isPending}
          onClick={() => {
            confirm({
              title: t('panelStatements.accept.confirmTitle'),
              message: (
                <Stack gap="xs">
                  <Text size="sm">
                    {t('panelStatements.accept.confirmText', {
                      amount: formatAmount(statement.amountDue),
                      period: label,
                    })}
                  </Text>
                  <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
                    {t('panelStatements.accept.fingerprint', { sha256 })}
                  </Text>
                </Stack>
              ),
              confirmLabel: t('panelStatements.accept.confirm'),
              onConfirm: () => {
                accept.mutate(sha256, {
                  onSuccess: () => {
                    notifications.show({ color: 'teal', message: t('panelStatements.accept.done') });
                  },
                });
              },
            });
          }}
        >
          {t('panelStatements.accept.action')}
        </Button>
      )}
      <Group grow>
        <Button
          size="md"
          variant="default"
          leftSection={<IconMessageReport size={20} aria-hidden />}
          onClick={() => {
            setIsDisputing(true);
          }}
        >
          {t('panelStatements.dispute.action')}
        </Button>
      </Group>
    </Stack>
  );
}
