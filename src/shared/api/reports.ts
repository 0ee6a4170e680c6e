import { z } from 'zod';

/** One month × insurer cell of a commission report; amounts in grosze. */
export const commissionCellSchema = z.object({
  month: z.string().regex(/^\d{4}-\d{2}$/),
  insurerId: z.uuid(),
  insurerName: z.string(),
  lineCount: z.number().int(),
  commission: z.number().int(),
  share: z.number().int(),
  retained: z.number().int(),
});

export const commissionReportQuerySchema = z.object({
  /** YYYY-MM, inclusive; default: the last 12 months. */
  from: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional(),
  to: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional(),
});

/** Settled commission (locked periods and later) per month of the line's date and per insurer. */
export const commissionReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  cells: z.array(commissionCellSchema),
});
export type CommissionReport = z.infer<typeof commissionReportSchema>;

/** A collaborator's own earnings from published statements, per month of the line's date and per insurer. */
export const earningsReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  cells: z.array(
    z.object({
      month: z.string().regex(/^\d{4}-\d{2}$/),
      insurerName: z.string(),
      lineCount: z.number().int(),
      share: z.number().int(),
    }),
  ),
  /** Paid so far, per statement payment month. */
  paid: z.array(z.object({ month: z.string(), amount: z.number().int() })),
});
export type EarningsReport = z.infer<typeof earningsReportSchema>;
