import { z } from 'zod';
import { isoDateTime } from './common.js';
import { isoDate } from './imports.js';

export const invoiceFindingSchema = z.object({
  field: z.string(),
  expected: z.string(),
  actual: z.string().nullable(),
  severity: z.enum(['mismatch', 'warning']),
});
export type InvoiceFinding = z.infer<typeof invoiceFindingSchema>;

export const invoiceSchema = z.object({
  id: z.uuid(),
  statementId: z.uuid(),
  kind: z.enum(['uploaded', 'ksef_xml', 'bill', 'self_billing']),
  status: z.enum(['submitted', 'awaiting_approval', 'approved', 'void']),
  number: z.string(),
  issueDate: isoDate,
  amount: z.number().int(),
  ksefNumber: z.string().nullable(),
  documentId: z.uuid().nullable(),
  files: z.array(
    z.object({ id: z.uuid(), fileName: z.string(), contentType: z.string(), sizeBytes: z.number().int() }),
  ),
  findings: z.array(invoiceFindingSchema),
  differenceReason: z.string().nullable(),
  approvedAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
});
export type Invoice = z.infer<typeof invoiceSchema>;

/** Multipart fields of an invoice sent back; the file comes after them. */
export const invoiceUploadFieldsSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('document'),
    number: z.string().trim().min(1).max(100),
    issueDate: isoDate,
    /** Grosze, as digits. */
    amount: z.coerce.number().int().min(1).max(100_000_000_00),
    differenceReason: z.string().trim().min(5).max(500).optional(),
  }),
  z.object({
    kind: z.literal('ksef_xml'),
    ksefNumber: z.string().trim().max(40).optional(),
    differenceReason: z.string().trim().min(5).max(500).optional(),
  }),
]);
export type InvoiceUploadFields = z.infer<typeof invoiceUploadFieldsSchema>;

export const voidInvoiceBodySchema = z.object({ reason: z.string().trim().min(5).max(500) });
