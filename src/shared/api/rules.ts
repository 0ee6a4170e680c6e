import { z } from 'zod';
import { isoDateTime } from './common.js';
import { isoDate } from './imports.js';

export const splitBasisSchema = z.enum([
  'agency_commission',
  'collected_premium',
  'written_premium',
  'fixed_per_policy',
]);
export type SplitBasis = z.infer<typeof splitBasisSchema>;

export const splitRuleSchema = z.object({
  id: z.uuid(),
  version: z.number().int(),
  collaboratorId: z.uuid().nullable(),
  collaboratorName: z.string().nullable(),
  insurerId: z.uuid().nullable(),
  insurerName: z.string().nullable(),
  product: z.string().nullable(),
  risk: z.string().nullable(),
  policyNumber: z.string().nullable(),
  validFrom: isoDate.nullable(),
  validTo: isoDate.nullable(),
  renewalsOnly: z.boolean(),
  basis: splitBasisSchema,
  /** Decimal percent with a dot, e.g. "40" or "12.5". */
  rate: z.string().nullable(),
  /** Grosze, for fixed_per_policy. */
  fixedAmount: z.number().int().nullable(),
  clawback: z.enum(['follow', 'agency_bears']),
  note: z.string().nullable(),
  createdAt: isoDateTime,
  createdByName: z.string(),
  /** Set on an old version, or on a retired rule. */
  supersededAt: isoDateTime.nullable(),
});
export type SplitRule = z.infer<typeof splitRuleSchema>;

const optionalDimension = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .optional()
    .transform((value) => (value ? value : null));

export const splitRuleInputSchema = z.object({
  /** Null or absent: an agency default for every collaborator without a rule of their own. */
  collaboratorId: z.uuid().nullable().optional(),
  insurerId: z.uuid().nullable().optional(),
  product: optionalDimension(200),
  risk: optionalDimension(100),
  policyNumber: optionalDimension(100),
  validFrom: isoDate.nullable().optional(),
  validTo: isoDate.nullable().optional(),
  renewalsOnly: z.boolean().default(false),
  basis: splitBasisSchema,
  /** "40", "12,5" or "12.5" (percent, up to 4 decimals). */
  rate: z.string().trim().max(20).nullable().optional(),
  fixedAmount: z.number().int().min(0).max(100_000_000_00).nullable().optional(),
  clawback: z.enum(['follow', 'agency_bears']).default('follow'),
  note: optionalDimension(500),
});
export type SplitRuleInput = z.input<typeof splitRuleInputSchema>;
export type SplitRuleFields = z.output<typeof splitRuleInputSchema>;

export const splitRuleQuerySchema = z.object({
  collaboratorId: z.uuid().optional(),
  insurerId: z.uuid().optional(),
  scope: z.enum(['all', 'agency', 'collaborators']).default('all'),
});
