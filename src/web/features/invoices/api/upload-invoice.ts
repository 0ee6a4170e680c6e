import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { invoiceSchema } from '../../../../shared/api/invoices';
import { uploadMultipart, type UploadProgress } from '../../../lib/upload';

export type InvoiceFields =
  | { kind: 'document'; number: string; issueDate: string; amount: number; differenceReason?: string }
  | { kind: 'ksef_xml'; ksefNumber?: string; differenceReason?: string };

export type InvoiceUploadInput = {
  fields: InvoiceFields;
  file: File;
  onProgress?: (progress: UploadProgress) => void;
};

/** The invoice's fields as multipart text, `kind` first: the server reads them before the file. */
export function multipartFieldsOf(fields: InvoiceFields): Record<string, string> {
  const entries: [string, string][] =
    fields.kind === 'document'
      ? [
          ['kind', 'document'],
          ['number', fields.number],
          ['issueDate', fields.issueDate],
          ['amount', String(fields.amount)],
        ]
      : [
          ['kind', 'ksef_xml'],
          ...(fields.ksefNumber ? [['ksefNumber', fields.ksefNumber] as [string, string]] : []),
        ];
  if (fields.differenceReason) {
    entries.push(['differenceReason', fields.differenceReason]);
  }
  return Object.fromEntries(entries);
}

/**
 * Sends an invoice against a statement: the collaborator's own (panel) or, for the owner, one that
 * differs from the statement, recorded with the reason.
 */
export function useUploadInvoice(url: string, refreshKeys: readonly QueryKey[]) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ fields, file, onProgress }: InvoiceUploadInput) =>
      uploadMultipart({
        url,
        fields: multipartFieldsOf(fields),
        files: [file],
        fileField: 'file',
        schema: invoiceSchema,
        ...(onProgress ? { onProgress } : {}),
      }),
    onSuccess: () => {
      for (const queryKey of refreshKeys) {
        void queryClient.invalidateQueries({ queryKey });
      }
    },
  });
}
