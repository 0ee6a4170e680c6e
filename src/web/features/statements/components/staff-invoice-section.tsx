import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconFilePlus, IconBan } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Invoice } from '../../../../shared/api/invoices';
import type { StatementDetail } from '../../../../shared/api/statements';
import { ErrorAlert } from '../../../components/error-alert';
import { QueryState } from '../../../components/query-state';
import { focusFirstError } from '../../../lib/form-errors';
import { useCollaborator } from '../../collaborators/api/get-collaborator';
import { InvoiceCard } from '../../invoices/components/invoice-card';
import { InvoiceUploadForm } from '../../invoices/components/invoice-upload-form';
import { useDraftInvoice } from '../api/draft-invoice';
import { statementQueryKey } from '../api/get-statement';
import { useStatementInvoice } from '../api/get-invoice';
import { useVoidInvoice } from '../api/void-invoice';

function VoidForm({ invoice, onClose }: { invoice: Invoice; onClose: () => void }) {
  const { t } = useTranslation();
  const voidInvoice = useVoidInvoice();
  const form = useForm({
    initialValues: { reason: '' },
    validate: { reason: (value) => (value.trim().length < 5 ? t('invoices.void.reasonShort') : null) },
  });
  const submit = form.onSubmit((values) => {
    voidInvoice.mutate(
      { invoiceId: invoice.id, reason: values.reason.trim() },
      {
        onSuccess: () => {
          notifications.show({ message: t('invoices.void.done', { number: invoice.number }) });
          onClose();
        },
      },
    );
  }, focusFirstError(form));
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm">{t('invoices.void.text', { number: invoice.number })}</Text>
        {voidInvoice.isError && <ErrorAlert error={voidInvoice.error} focusOnShow />}
        <Textarea
          label={t('invoices.void.reason')}
          required
          autosize
          minRows={2}
          data-autofocus
          {...form.getInputProps('reason')}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" color="red.9" loading={voidInvoice.isPending}>
            {t('invoices.void.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

type StaffInvoiceSectionProps = { statement: StatementDetail; isOwner: boolean; isCurrent: boolean };

/** The statement's invoice or bill: what came in, what was drafted, and what the owner may record. */
export function StaffInvoiceSection({ statement, isOwner, isCurrent }: StaffInvoiceSectionProps) {
  const { t } = useTranslation();
  const invoice = useStatementInvoice(statement.id);
  const collaborator = useCollaborator(statement.collaboratorId);
  const draft = useDraftInvoice(statement.id);
  const [voiding, setVoiding] = useState<Invoice | null>(null);
  const [isRecording, setIsRecording] = useState(false);
  const canAct =
    isCurrent && statement.publishedAt !== null && statement.amountDue > 0 && statement.paidOn === null;
  const person = collaborator.data;
  const isDrafted = statement.expectedInvoice !== 'own_invoice';
  const fileUrl = (documentId: string, fileId: string) =>
    `/api/documents/${documentId}/files/${fileId}/download`;

  return (
    <QueryState query={invoice}>
      {(current) => {
        const live = current && current.status !== 'void' ? current : null;
        return (
          <Stack gap="md">
            {draft.isError && <ErrorAlert error={draft.error} focusOnShow />}
            {current && (
              <InvoiceCard
                invoice={current}
                fileUrl={fileUrl}
                actions={
                  live && canAct ? (
                    <Group>
                      <Button
                        variant="default"
                        color="red"
                        size="xs"
                        leftSection={<IconBan size={14} aria-hidden />}
                        onClick={() => {
                          setVoiding(live);
                        }}
                      >
                        {t('invoices.void.action')}
                      </Button>
                    </Group>
                  ) : undefined
                }
              />
            )}
            {!live && !canAct && !current && (
              <Text size="sm" c="dimmed">
                {statement.publishedAt === null
                  ? t('invoices.staff.notPublished')
                  : statement.amountDue <= 0
                    ? t('invoices.staff.nothingDue')
                    : t('invoices.staff.none')}
              </Text>
            )}
            {!live && canAct && person && (
              <Stack gap="sm">
                {isDrafted ? (
                  <>
                    <Text size="sm">
                      {statement.expectedInvoice === 'bill'
                        ? t('invoices.staff.billExpected')
                        : t('invoices.staff.selfBillingExpected')}
                    </Text>
                    <Group>
                      <Button
                        leftSection={<IconFilePlus size={18} aria-hidden />}
                        loading={draft.isPending}
                        onClick={() => {
                          draft.mutate(undefined, {
                            onSuccess: () => {
                              notifications.show({ color: 'teal', message: t('invoices.staff.drafted') });
                            },
                          });
                        }}
                      >
                        {statement.expectedInvoice === 'bill'
                          ? t('invoices.staff.draftBill')
                          : t('invoices.staff.draftSelfBilled')}
                      </Button>
                    </Group>
                  </>
                ) : (
                  <Text size="sm">{t('invoices.staff.waitingForInvoice', { name: person.fullName })}</Text>
                )}
                {isOwner && !isDrafted && (
                  <Group>
                    <Button
                      variant="default"
                      size="xs"
                      onClick={() => {
                        setIsRecording(true);
                      }}
                    >
                      {t('invoices.staff.recordDifferent')}
                    </Button>
                  </Group>
                )}
              </Stack>
            )}
            <Modal
              opened={voiding !== null}
              onClose={() => {
                setVoiding(null);
              }}
              centered
              title={t('invoices.void.title')}
            >
              {voiding && (
                <VoidForm
                  invoice={voiding}
                  onClose={() => {
                    setVoiding(null);
                  }}
                />
              )}
            </Modal>
            <Modal
              opened={isRecording}
              onClose={() => {
                setIsRecording(false);
              }}
              size="lg"
              title={t('invoices.staff.recordTitle')}
            >
              {isRecording && (
                <Stack gap="sm">
                  <Text size="sm">{t('invoices.staff.recordText')}</Text>
                  <InvoiceUploadForm
                    url={`/api/statements/${statement.id}/invoice`}
                    refreshKeys={[statementQueryKey(statement.id), ['periods']]}
                    amountDue={statement.amountDue}
                    withDifferenceReason
                    onUploaded={() => {
                      notifications.show({ color: 'teal', message: t('invoices.staff.recorded') });
                      setIsRecording(false);
                    }}
                  />
                </Stack>
              )}
            </Modal>
          </Stack>
        );
      }}
    </QueryState>
  );
}
