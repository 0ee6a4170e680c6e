import { z } from 'zod';
import { isoDateTime } from './common.js';
import { isoDate } from './imports.js';
import { splitBasisSchema } from './rules.js';

export const periodStatusSchema = z.enum(['open', 'locked', 'published', 'closed']);
export type PeriodStatus = z.infer<typeof periodStatusSchema>;

export const periodSchema = z.object({
  id: z.uuid(),
  dateFrom: isoDate,
  dateTo: isoDate,
  status: periodStatusSchema,
  /** Send it back with a state change: a change based on a stale view is refused. */
  revision: z.number().int(),
  reopenCount: z.number().int(),
  statementCount: z.number().int(),
  createdAt: isoDateTime,
  lockedAt: isoDateTime.nullable(),
  publishedAt: isoDateTime.nullable(),
  closedAt: isoDateTime.nullable(),
});
export type Period = z.infer<typeof periodSchema>;

/** A period with the permanent record of its reopenings, newest first. */
export const periodDetailSchema = periodSchema.extend({
  reopenings: z.array(
    z.object({ at: isoDateTime, by: z.string(), fromStatus: periodStatusSchema, reason: z.string() }),
  ),
});
export type PeriodDetail = z.infer<typeof periodDetailSchema>;

export const periodInputSchema = z.union([
  z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/) }),
  z.object({ dateFrom: isoDate, dateTo: isoDate }),
]);

export const periodActionSchema = z.object({ revision: z.number().int().min(0) });
export const reopenBodySchema = periodActionSchema.extend({ reason: z.string().trim().min(10).max(1000) });

export const adjustmentKindSchema = z.enum(['bonus', 'deduction', 'advance', 'correction']);
export type AdjustmentKind = z.infer<typeof adjustmentKindSchema>;

export const adjustmentInputSchema = z.object({
  collaboratorId: z.uuid(),
  kind: adjustmentKindSchema,
  /** Grosze. A bonus is positive; a deduction and an advance are negative; a correction either. */
  amount: z.number().int().min(-100_000_000_00).max(100_000_000_00),
  reason: z.string().trim().min(3).max(500),
});

export const adjustmentSchema = z.object({
  id: z.uuid(),
  collaboratorId: z.uuid(),
  collaboratorName: z.string(),
  kind: adjustmentKindSchema,
  amount: z.number().int(),
  reason: z.string(),
  createdAt: isoDateTime,
  createdByName: z.string(),
});
export type Adjustment = z.infer<typeof adjustmentSchema>;

const amounts = {
  commission: z.number().int(),
  share: z.number().int(),
  retained: z.number().int(),
};

export const collaboratorBalanceSchema = z.object({
  collaboratorId: z.uuid(),
  fullName: z.string(),
  knfNumber: z.string(),
  lineCount: z.number().int(),
  ...amounts,
  adjustments: z.number().int(),
  openingBalance: z.number().int(),
  closingBalance: z.number().int(),
  amountDue: z.number().int(),
  carriedForward: z.number().int(),
});
export type CollaboratorBalance = z.infer<typeof collaboratorBalanceSchema>;

export const problemSummarySchema = z.object({
  problem: z.enum(['unattributed', 'no_rule', 'missing_basis']),
  lineCount: z.number().int(),
  commission: z.number().int(),
});

/** Computed on request while the period is open; what the statements say once it is locked. */
export const periodSettlementSchema = z.object({
  period: periodSchema,
  /** Commission of every line = collaborators' shares + the agency's retained part + lines with problems. */
  totals: z.object({
    lineCount: z.number().int(),
    ...amounts,
    /** Lines the agency sold itself: all of their commission is retained. */
    agencyOwn: z.number().int(),
    problemCommission: z.number().int(),
    adjustments: z.number().int(),
    amountDue: z.number().int(),
  }),
  collaborators: z.array(collaboratorBalanceSchema),
  insurers: z.array(
    z.object({ insurerId: z.uuid(), insurerName: z.string(), lineCount: z.number().int(), ...amounts }),
  ),
  problems: z.array(problemSummarySchema),
});
export type PeriodSettlement = z.infer<typeof periodSettlementSchema>;

export const settlementLineSchema = z.object({
  lineId: z.uuid(),
  importId: z.uuid(),
  fileName: z.string(),
  rowNumber: z.number().int(),
  insurerId: z.uuid(),
  insurerName: z.string(),
  policyNumber: z.string(),
  policyholder: z.string().nullable(),
  product: z.string().nullable(),
  risk: z.string().nullable(),
  lineDate: isoDate,
  lineType: z.enum(['standard', 'correction', 'storno']),
  commission: z.number().int(),
  collaboratorId: z.uuid().nullable(),
  basis: splitBasisSchema.nullable(),
  rate: z.string().nullable(),
  base: z.number().int().nullable(),
  share: z.number().int().nullable(),
  ruleId: z.uuid().nullable(),
  ruleVersion: z.number().int().nullable(),
  appliedOn: isoDate.nullable(),
  clawbackOf: z.uuid().nullable(),
  note: z.string().nullable(),
  problem: z.enum(['unattributed', 'no_rule', 'missing_basis']).nullable(),
});
export type SettlementLine = z.infer<typeof settlementLineSchema>;

export const settlementLinesQuerySchema = z.object({
  collaboratorId: z.uuid().optional(),
  problem: z.enum(['unattributed', 'no_rule', 'missing_basis', 'any']).optional(),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export const settlementLinesPageSchema = z.object({
  total: z.number().int(),
  lines: z.array(settlementLineSchema),
});
