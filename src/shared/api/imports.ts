import { z } from 'zod';
import { isoDateTime } from './common.js';

export const isoDate = z.iso.date();

export const importStatusSchema = z.enum([
  'uploading',
  'uploaded',
  'parsing',
  'parsed',
  'failed',
  'committed',
  'discarded',
]);
export type ImportStatus = z.infer<typeof importStatusSchema>;

export const importFieldSchema = z.enum([
  'policyNumber',
  'policyholder',
  'product',
  'risk',
  'premium',
  'collectedPremium',
  'commissionBase',
  'insurerRate',
  'commission',
  'installment',
  'dueDate',
  'agentCode',
  'lineType',
  'renewal',
]);
export type ImportField = z.infer<typeof importFieldSchema>;

const headerName = z.string().trim().min(1).max(500);
const valueList = z.array(z.string().trim().toLowerCase().min(1).max(100)).max(50);

/** Which column (by its header text) holds each field, and how the insurer writes numbers, dates and types. */
export const columnMappingSchema = z.object({
  columns: z.strictObject({
    policyNumber: headerName,
    policyholder: headerName.optional(),
    product: headerName.optional(),
    risk: headerName.optional(),
    premium: headerName.optional(),
    collectedPremium: headerName.optional(),
    commissionBase: headerName.optional(),
    insurerRate: headerName.optional(),
    commission: headerName,
    installment: headerName.optional(),
    dueDate: headerName.optional(),
    agentCode: headerName.optional(),
    lineType: headerName.optional(),
    renewal: headerName.optional(),
  }),
  decimalSeparator: z.enum([',', '.', 'auto']).default('auto'),
  dateFormat: z.enum(['DD.MM.YYYY', 'YYYY-MM-DD', 'auto']).default('auto'),
  stornoValues: valueList.default(['storno', 'zwrot', 'anulowanie']),
  correctionValues: valueList.default(['korekta']),
  renewalYesValues: valueList.default(['tak', 't', 'yes', 'y', '1', 'wznowienie']),
});
export type ColumnMapping = z.infer<typeof columnMappingSchema>;
export type ColumnMappingInput = z.input<typeof columnMappingSchema>;

export const detectedFileSchema = z.object({
  format: z.enum(['csv', 'xlsx']),
  encoding: z.enum(['utf-8', 'utf-8-bom', 'windows-1250']).nullable(),
  delimiter: z.enum([';', ',', '\t', '|']).nullable(),
  sheetName: z.string().nullable(),
  headerRowNumber: z.number().int().positive(),
  headers: z.array(z.string()),
  sampleRows: z.array(z.object({ rowNumber: z.number().int().positive(), cells: z.array(z.string()) })),
});
export type DetectedFile = z.infer<typeof detectedFileSchema>;

export const importSummarySchema = z.object({
  id: z.uuid(),
  insurerId: z.uuid(),
  insurerName: z.string(),
  fileName: z.string(),
  format: z.enum(['csv', 'xlsx']),
  sizeBytes: z.number().int(),
  status: importStatusSchema,
  statementDate: isoDate,
  rowsProcessed: z.number().int(),
  lineCount: z.number().int(),
  errorCount: z.number().int(),
  unmatchedCount: z.number().int(),
  /** Grosze. */
  commissionTotal: z.number().int(),
  /** 0–1 while parsing. */
  progress: z.number().nullable(),
  failure: z.object({ code: z.string(), details: z.record(z.string(), z.unknown()).nullable() }).nullable(),
  createdAt: isoDateTime,
  createdByName: z.string(),
  committedAt: isoDateTime.nullable(),
});
export type ImportSummary = z.infer<typeof importSummarySchema>;

export const importDetailSchema = importSummarySchema.extend({
  detected: detectedFileSchema.nullable(),
  mapping: columnMappingSchema.nullable(),
  /** Where the mapping came from: the insurer's saved template, a guess from the headers, or a person. */
  mappingSource: z.enum(['template', 'suggested', 'manual']).nullable(),
  /** Required fields the current mapping leaves out, or names a column the file does not have. */
  mappingProblems: z.array(
    z.object({ field: importFieldSchema, problem: z.enum(['not_mapped', 'column_missing']) }),
  ),
  /**
   * The columns recognised from the file's headers, even when the policy number or commission was not (the mapping
   * is then null): a head start for mapping by hand.
   */
  suggestedColumns: z.partialRecord(importFieldSchema, z.string()),
});
export type ImportDetail = z.infer<typeof importDetailSchema>;

export const importListQuerySchema = z.object({
  status: z.enum(['open', 'committed', 'all']).default('all'),
});

export const importMappingBodySchema = z.object({
  mapping: columnMappingSchema,
  /** Save as the insurer's template for the next file (default yes). */
  remember: z.boolean().default(true),
});

export const importLinesQuerySchema = z.object({
  show: z.enum(['lines', 'errors', 'unmatched']).default('lines'),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const importLineSchema = z.object({
  id: z.uuid(),
  rowNumber: z.number().int(),
  policyNumber: z.string(),
  policyholder: z.string().nullable(),
  product: z.string().nullable(),
  risk: z.string().nullable(),
  premium: z.number().int().nullable(),
  collectedPremium: z.number().int().nullable(),
  commissionBase: z.number().int().nullable(),
  insurerRate: z.string().nullable(),
  commission: z.number().int(),
  installment: z.string().nullable(),
  lineDate: isoDate,
  agentCode: z.string().nullable(),
  lineType: z.enum(['standard', 'correction', 'storno']),
  renewal: z.boolean().nullable(),
  collaboratorId: z.uuid().nullable(),
  collaboratorName: z.string().nullable(),
  attributedBy: z.enum(['agent_code', 'manual', 'agency']).nullable(),
});
export type ImportLine = z.infer<typeof importLineSchema>;

export const importRowErrorSchema = z.object({
  rowNumber: z.number().int(),
  code: z.string(),
  field: z.string().nullable(),
});

export const importLinesPageSchema = z.object({
  total: z.number().int(),
  lines: z.array(importLineSchema),
  errors: z.array(importRowErrorSchema),
});

export const unmatchedGroupSchema = z.object({
  insurerId: z.uuid(),
  insurerName: z.string(),
  /** Null: lines that carry no agent code at all. */
  agentCode: z.string().nullable(),
  lineCount: z.number().int(),
  commissionTotal: z.number().int(),
  firstLineDate: isoDate,
  lastLineDate: isoDate,
});
export type UnmatchedGroup = z.infer<typeof unmatchedGroupSchema>;

export const assignmentBodySchema = z.object({
  insurerId: z.uuid(),
  agentCode: z.string().trim().min(1).max(60).nullable(),
  /** A collaborator, or the agency itself (its own sales: it keeps the whole commission). */
  target: z.union([z.object({ collaboratorId: z.uuid() }), z.object({ agency: z.literal(true) })]),
  /** Remember the code for this collaborator so that later files are attributed automatically. */
  remember: z.boolean().default(true),
  /** Limit the assignment to one import (default: every unsettled line with this code). */
  importId: z.uuid().optional(),
});
export type AssignmentBody = z.infer<typeof assignmentBodySchema>;

const splitTotals = z.object({
  lineCount: z.number().int(),
  commission: z.number().int(),
  share: z.number().int(),
  retained: z.number().int(),
});

/**
 * How an import's commission splits: settled lines as their statements recorded them, unsettled ones as the
 * current rules split them today (provisional). commission = shares + retained + unresolved, to the grosz.
 */
export const importReconciliationSchema = z.object({
  commission: z.number().int(),
  shares: z.number().int(),
  /** The agency's part, including its own sales. */
  retained: z.number().int(),
  /** Commission of lines that cannot be split yet (no collaborator, no rule, missing premium). */
  unresolved: z.number().int(),
  settled: splitTotals,
  provisional: splitTotals,
  agencyOwn: z.object({ lineCount: z.number().int(), commission: z.number().int() }),
  unresolvedLines: z.number().int(),
  collaborators: z.array(splitTotals.extend({ collaboratorId: z.uuid(), fullName: z.string() })),
});
export type ImportReconciliation = z.infer<typeof importReconciliationSchema>;
