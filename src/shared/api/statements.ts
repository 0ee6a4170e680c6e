import { z } from 'zod';
import { isoDateTime } from './common.js';
import { isoDate } from './imports.js';
import { splitBasisSchema } from './rules.js';

export const statementStatusSchema = z.enum([
  'prepared',
  'published',
  'accepted',
  'disputed',
  'invoiced',
  'paid',
]);
export type StatementStatus = z.infer<typeof statementStatusSchema>;

export const statementSummarySchema = z.object({
  id: z.uuid(),
  periodId: z.uuid(),
  dateFrom: isoDate,
  dateTo: isoDate,
  collaboratorId: z.uuid(),
  collaboratorName: z.string(),
  number: z.string(),
  version: z.number().int(),
  status: statementStatusSchema,
  lineCount: z.number().int(),
  openingBalance: z.number().int(),
  linesTotal: z.number().int(),
  adjustmentsTotal: z.number().int(),
  closingBalance: z.number().int(),
  amountDue: z.number().int(),
  carriedForward: z.number().int(),
  publishedAt: isoDateTime.nullable(),
  acceptedAt: isoDateTime.nullable(),
  paidOn: isoDate.nullable(),
  openDisputes: z.number().int(),
});
export type StatementSummary = z.infer<typeof statementSummarySchema>;

export const statementLineSchema = z.object({
  id: z.uuid(),
  insurerName: z.string(),
  policyNumber: z.string(),
  policyholder: z.string().nullable(),
  product: z.string().nullable(),
  risk: z.string().nullable(),
  lineDate: isoDate,
  lineType: z.enum(['standard', 'correction', 'storno']),
  commission: z.number().int(),
  basis: splitBasisSchema.nullable(),
  rate: z.string().nullable(),
  base: z.number().int().nullable(),
  share: z.number().int(),
  ruleVersion: z.number().int().nullable(),
  /** A dispute correction: the share the previous version had, and why it changed. */
  correctedFrom: z.number().int().nullable(),
  correctionReason: z.string().nullable(),
});
export type StatementLine = z.infer<typeof statementLineSchema>;

export const disputeReasonSchema = z.enum(['missing_policy', 'wrong_rate', 'wrong_amount', 'other']);

export const disputeSchema = z.object({
  id: z.uuid(),
  reason: disputeReasonSchema,
  lineIds: z.array(z.uuid()).nullable(),
  status: z.enum(['open', 'corrected', 'rejected']),
  createdAt: isoDateTime,
  resolvedAt: isoDateTime.nullable(),
  resolution: z.string().nullable(),
});

export const messageSchema = z.object({
  id: z.uuid(),
  authorName: z.string(),
  fromAgency: z.boolean(),
  body: z.string(),
  createdAt: isoDateTime,
});

export const statementDetailSchema = statementSummarySchema.extend({
  perInsurer: z.array(
    z.object({ insurerName: z.string(), lineCount: z.number().int(), share: z.number().int() }),
  ),
  adjustments: z.array(z.object({ kind: z.string(), reason: z.string(), amount: z.number().int() })),
  documentId: z.uuid().nullable(),
  files: z.array(
    z.object({ id: z.uuid(), fileName: z.string(), contentType: z.string(), sizeBytes: z.number().int() }),
  ),
  /**
   * The document the payment needs, by the collaborator's tax mode: their own invoice (uploaded), or one the agency
   * drafts for their approval (a bill under a civil-law contract, an invoice under a self-billing agreement).
   */
  expectedInvoice: z.enum(['own_invoice', 'bill', 'self_billing']),
  /** SHA-256 (hex) of the statement's PDF: what an acceptance refers to. */
  sha256: z.string().nullable(),
  acceptance: z
    .object({
      at: isoDateTime,
      byName: z.string(),
      method: z.string().nullable(),
      ip: z.string().nullable(),
      sha256: z.string(),
    })
    .nullable(),
  disputes: z.array(disputeSchema),
  messages: z.array(messageSchema),
  versions: z.array(
    z.object({
      id: z.uuid(),
      version: z.number().int(),
      amountDue: z.number().int(),
      createdAt: isoDateTime,
      isCurrent: z.boolean(),
    }),
  ),
  /** What changed against the previous version, for a corrected statement. */
  diff: z
    .object({
      previousVersion: z.number().int(),
      amountDueBefore: z.number().int(),
      amountDueAfter: z.number().int(),
      changedLines: z.array(
        z.object({
          lineId: z.uuid(),
          policyNumber: z.string(),
          before: z.number().int(),
          after: z.number().int(),
          reason: z.string(),
        }),
      ),
      addedAdjustments: z.array(z.object({ reason: z.string(), amount: z.number().int() })),
    })
    .nullable(),
});
export type StatementDetail = z.infer<typeof statementDetailSchema>;

export const statementLinesQuerySchema = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export const statementLinesPageSchema = z.object({
  total: z.number().int(),
  lines: z.array(statementLineSchema),
});

export const acceptBodySchema = z.object({
  /** The SHA-256 the collaborator saw, so that an acceptance can never refer to another version. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export const disputeBodySchema = z.object({
  reason: disputeReasonSchema,
  /** Statement line ids; absent or empty disputes the whole statement. */
  lineIds: z.array(z.uuid()).max(1000).optional(),
  message: z.string().trim().min(3).max(4000),
});

export const messageBodySchema = z.object({ body: z.string().trim().min(1).max(4000) });

export const publishBodySchema = z.object({ revision: z.number().int().min(0) });

export const correctionBodySchema = z.object({
  /** New shares for lines of the current version (grosze), each with its reason. */
  lines: z
    .array(
      z.object({
        lineId: z.uuid(),
        share: z.number().int().min(-100_000_000_00).max(100_000_000_00),
        reason: z.string().trim().min(3).max(500),
      }),
    )
    .max(1000)
    .default([]),
  /** Correction amounts added to this version (grosze, signed). */
  adjustments: z
    .array(
      z.object({
        amount: z.number().int().min(-100_000_000_00).max(100_000_000_00),
        reason: z.string().trim().min(3).max(500),
      }),
    )
    .max(100)
    .default([]),
  /** What the agency answers in the thread; resolves the open disputes of the statement as corrected. */
  resolution: z.string().trim().min(3).max(4000),
});
export type CorrectionBody = z.infer<typeof correctionBodySchema>;

export const rejectDisputeBodySchema = z.object({ resolution: z.string().trim().min(3).max(4000) });

export const paymentBodySchema = z.object({
  paidOn: isoDate,
  reference: z.string().trim().max(140).optional(),
});

export const payoutFormatQuerySchema = z.object({ format: z.enum(['csv', 'xlsx']).default('csv') });
