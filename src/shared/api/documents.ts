import { z } from 'zod';
import { isoDateTime, monthSchema } from './common.js';

export const documentFileSchema = z.object({
  id: z.uuid(),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  scanState: z.enum(['clean', 'not_scanned']),
});

export const documentListItemSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  periodMonth: monthSchema,
  publishedAt: isoDateTime,
  collaborator: z.object({ id: z.uuid(), fullName: z.string(), knfNumber: z.string() }),
  uploadedBy: z.string(),
  files: z.array(documentFileSchema),
  firstOpenedAt: isoDateTime.nullable(),
  downloadCount: z.number().int(),
});
export type DocumentListItem = z.infer<typeof documentListItemSchema>;

export const receiptSchema = z.object({
  kind: z.enum(['opened', 'downloaded']),
  at: isoDateTime,
  userName: z.string(),
  role: z.enum(['owner', 'staff', 'collaborator']).nullable(),
  fileName: z.string().nullable(),
  ip: z.string().nullable(),
});

export const documentDetailSchema = documentListItemSchema.extend({
  receipts: z.array(receiptSchema),
  /** A statement's or an invoice's document: kept with the settlement, never deleted by hand. */
  inSettlement: z.boolean(),
});
export type DocumentDetail = z.infer<typeof documentDetailSchema>;

export const documentQuerySchema = z.object({
  collaboratorId: z.uuid().optional(),
  month: monthSchema.optional(),
  /** `no`: only documents the collaborator has not opened yet. */
  opened: z.enum(['yes', 'no']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const documentListSchema = z.object({
  items: z.array(documentListItemSchema),
  total: z.number().int(),
});

/** The fields of the multipart upload, which must come before the files. */
export const documentUploadFieldsSchema = z.object({
  collaboratorId: z.uuid(),
  title: z.string().trim().min(1).max(200),
  periodMonth: monthSchema,
});

export const fileParams = z.object({ id: z.uuid(), fileId: z.uuid() });

export const panelDocumentSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  periodMonth: monthSchema,
  publishedAt: isoDateTime,
  sentBy: z.string(),
  files: z.array(documentFileSchema),
  openedAt: isoDateTime.nullable(),
});
export type PanelDocument = z.infer<typeof panelDocumentSchema>;

export const panelQuerySchema = z.object({ month: monthSchema.optional() });

export const panelSummarySchema = z.object({
  unopenedDocuments: z.number().int(),
  totalDocuments: z.number().int(),
  months: z.array(monthSchema),
  agencyName: z.string(),
});
