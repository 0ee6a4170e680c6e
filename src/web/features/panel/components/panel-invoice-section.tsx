import { Alert, Button, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { StatementDetail } from '../../../../shared/api/statements';
import { formatAmount } from '../../../../shared/money';
import { useConfirm } from '../../../components/confirm-modal';
import { ErrorAlert } from '../../../components/error-alert';
import { QueryState } from '../../../components/query-state';
import { InvoiceCard } from '../../invoices/components/invoice-card';
import { InvoiceUploadForm } from '../../invoices/components/invoice-upload-form';
import { useApproveInvoice } from '../api/approve-invoice';
import { usePanelInvoice } from '../api/get-panel-invoice';
import { panelStatementKey } from '../api/get-panel-statement';
import { panelQueryKey } from '../api/get-panel-summary';

const fileUrl = (documentId: string, fileId: string) =>
  `/api/panel/documents/${documentId}/files/${fileId}/download`;

/**
 * The invoice by tax mode: a document the agency drafted (bill, self-billed invoice) to approve,
 * or the collaborator's own invoice to send, checked against the statement.
 */
export function PanelInvoiceSection({
  statement,
  isCurrent,
}: {
  statement: StatementDetail;
  isCurrent: boolean;
}) {
  const { t } = useTranslation();
  const confirm = useConfirm();
  const invoice = usePanelInvoice(statement.id);
  const approve = useApproveInvoice();
  // The invoice follows the acceptance: before that, the next step is to accept or dispute.
  const canSend =
    isCurrent && statement.acceptedAt !== null && statement.amountDue > 0 && statement.paidOn === null;
  return (
    <Stack gap="md">
      <Title order={2} size="h3">
        {t('invoices.title')}
      </Title>
      <QueryState query={invoice}>
        {(current) => {
          const live = current && current.status !== 'void' ? current : null;
          if (live) {
            const isDraft = live.status === 'awaiting_approval';
            return (
              <Stack gap="md">
                {isDraft && (
                  <Text>
                    {t('panelStatements.invoice.draftReady', { kind: t(`invoices.kinds.${live.kind}`) })}
                  </Text>
                )}
                {approve.isError && <ErrorAlert error={approve.error} focusOnShow />}
                <InvoiceCard
                  invoice={live}
                  fileUrl={fileUrl}
                  size="lg"
                  actions={
                    isDraft && isCurrent ? (
                      <Button
                        size="lg"
                        fullWidth
                        leftSection={<IconCircleCheck size={22} aria-hidden />}
                        loading={approve.isPending}
                        onClick={() => {
                          confirm({
                            title: t('panelStatements.invoice.approveTitle'),
                            message: t('panelStatements.invoice.approveText', {
                              number: live.number,
                              amount: formatAmount(live.amount),
                            }),
                            confirmLabel: t('panelStatements.invoice.approve'),
                            onConfirm: () => {
                              approve.mutate(live.id, {
                                onSuccess: () => {
                                  notifications.show({
                                    color: 'teal',
                                    message: t('panelStatements.invoice.approved'),
                                  });
                                },
                              });
                            },
                          });
                        }}
                      >
                        {live.kind === 'bill'
                          ? t('panelStatements.invoice.approveBill')
                          : t('panelStatements.invoice.approveInvoice')}
                      </Button>
                    ) : (
                      <Text size="sm" c="dimmed">
                        {t('panelStatements.invoice.received')}
                      </Text>
                    )
                  }
                />
              </Stack>
            );
          }
          if (!canSend) {
            return (
              <Text c="dimmed">
                {statement.amountDue <= 0
                  ? t('panelStatements.invoice.nothingDue')
                  : statement.acceptedAt === null && isCurrent
                    ? t(
                        statement.expectedInvoice === 'own_invoice'
                          ? 'panelStatements.invoice.afterAccept'
                          : 'panelStatements.invoice.afterAcceptDrafted',
                      )
                    : t('panelStatements.invoice.notNow')}
              </Text>
            );
          }
          const voided = current?.status === 'void' && (
            <Alert color="gray" variant="light">
              {t(
                statement.expectedInvoice === 'own_invoice'
                  ? 'panelStatements.invoice.voided'
                  : 'panelStatements.invoice.voidedDrafted',
                { number: current.number },
              )}
            </Alert>
          );
          if (statement.expectedInvoice !== 'own_invoice') {
            return (
              <Stack gap="md">
                {voided}
                <Text>
                  {t(`panelStatements.invoice.awaitDraft.${statement.expectedInvoice}`, {
                    amount: formatAmount(statement.amountDue),
                  })}
                </Text>
              </Stack>
            );
          }
          return (
            <Stack gap="md">
              {voided}
              <Text>
                {t('panelStatements.invoice.explain', { amount: formatAmount(statement.amountDue) })}
              </Text>
              <InvoiceUploadForm
                url={`/api/panel/statements/${statement.id}/invoice`}
                refreshKeys={[panelStatementKey(statement.id), [...panelQueryKey, 'statements']]}
                amountDue={statement.amountDue}
                size="lg"
                onUploaded={() => {
                  notifications.show({ color: 'teal', message: t('panelStatements.invoice.sent') });
                }}
              />
            </Stack>
          );
        }}
      </QueryState>
    </Stack>
  );
}
