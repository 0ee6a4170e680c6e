import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { agencies, collaborators } from './agencies.js';
import { bytea, createdAt, timestamptz } from './columns.js';
import { users } from './identity.js';
import { insurers } from './insurers.js';
import { settlementPeriods } from './settlements.js';

export const importStatuses = [
  'uploading',
  'uploaded',
  'parsing',
  'parsed',
  'failed',
  'committed',
  'discarded',
] as const;
export type ImportStatus = (typeof importStatuses)[number];

/**
 * One insurer statement file. Its lines are written while parsing but count only once the import is
 * committed, which is a single status change: a commit is atomic however large the file. The original
 * file is kept encrypted (same envelope format as documents) as the provenance of every line.
 */
export const imports = pgTable(
  'imports',
  {
    id: uuid('id').primaryKey(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    insurerId: uuid('insurer_id')
      .notNull()
      .references(() => insurers.id),
    status: text('status', { enum: importStatuses }).notNull(),
    fileName: text('file_name').notNull(),
    format: text('format', { enum: ['csv', 'xlsx'] }).notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    sha256: bytea('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    wrappedKey: bytea('wrapped_key'),
    /** The date a line without its own date is settled on (usually the statement's last day). */
    statementDate: date('statement_date', { mode: 'string' }).notNull(),
    mapping: jsonb('mapping').$type<Record<string, unknown>>(),
    detected: jsonb('detected').$type<Record<string, unknown>>(),
    rowsProcessed: integer('rows_processed').notNull().default(0),
    lineCount: integer('line_count').notNull().default(0),
    errorCount: integer('error_count').notNull().default(0),
    commissionTotal: bigint('commission_total', { mode: 'number' }).notNull().default(0),
    failureCode: text('failure_code'),
    failureDetails: jsonb('failure_details').$type<Record<string, unknown>>(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
    committedBy: uuid('committed_by').references(() => users.id),
    committedAt: timestamptz('committed_at'),
  },
  (t) => [
    uniqueIndex('imports_agency_sha256_committed_key')
      .on(t.agencyId, t.sha256)
      .where(sql`${t.status} = 'committed'`),
    index('imports_agency_created_idx').on(t.agencyId, t.createdAt),
    // What a commission line's foreign key refers to: its import, of its agency and its insurer.
    unique('imports_id_agency_insurer_key').on(t.id, t.agencyId, t.insurerId),
  ],
);

/** Row-numbered problems found while parsing; a file with any of them cannot be committed. */
export const importRowErrors = pgTable(
  'import_row_errors',
  {
    id: uuid('id').primaryKey(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    importId: uuid('import_id')
      .notNull()
      .references(() => imports.id),
    rowNumber: integer('row_number').notNull(),
    code: text('code').notNull(),
    field: text('field'),
  },
  (t) => [index('import_row_errors_import_idx').on(t.importId, t.rowNumber)],
);

export const lineTypes = ['standard', 'correction', 'storno'] as const;
export type LineType = (typeof lineTypes)[number];

/** One line of an insurer statement, in integer grosze, attributed to a collaborator by agent code. */
export const commissionLines = pgTable(
  'commission_lines',
  {
    id: uuid('id').primaryKey(),
    // One composite foreign key (below) rather than three: a million lines a month cost a million checks each.
    agencyId: uuid('agency_id').notNull(),
    importId: uuid('import_id').notNull(),
    insurerId: uuid('insurer_id').notNull(),
    rowNumber: integer('row_number').notNull(),
    policyNumber: text('policy_number').notNull(),
    /** Normalised for matching clawbacks and per-policy rules. */
    policyKey: text('policy_key').notNull(),
    policyholder: text('policyholder'),
    product: text('product'),
    risk: text('risk'),
    premium: bigint('premium', { mode: 'number' }),
    collectedPremium: bigint('collected_premium', { mode: 'number' }),
    commissionBase: bigint('commission_base', { mode: 'number' }),
    insurerRate: numeric('insurer_rate', { precision: 9, scale: 4 }),
    commission: bigint('commission', { mode: 'number' }).notNull(),
    installment: text('installment'),
    lineDate: date('line_date', { mode: 'string' }).notNull(),
    agentCode: text('agent_code'),
    lineType: text('line_type', { enum: lineTypes }).notNull(),
    renewal: boolean('renewal'),
    collaboratorId: uuid('collaborator_id').references(() => collaborators.id),
    attributedBy: text('attributed_by', { enum: ['agent_code', 'manual', 'agency'] }),
    /** Set when a locked period settled the line: it is never settled again. */
    settledPeriodId: uuid('settled_period_id').references(() => settlementPeriods.id),
    /**
     * The rule version that settled the line (null: the agency's own line): a storno of it in a later period is
     * settled by that same version, so it takes back exactly what was paid.
     */
    settledRuleId: uuid('settled_rule_id'),
    settledRuleVersion: integer('settled_rule_version'),
  },
  (t) => [
    foreignKey({
      name: 'commission_lines_import_fk',
      columns: [t.importId, t.agencyId, t.insurerId],
      foreignColumns: [imports.id, imports.agencyId, imports.insurerId],
    }),
    index('commission_lines_import_idx').on(t.importId, t.rowNumber),
    index('commission_lines_policy_idx').on(t.agencyId, t.insurerId, t.policyKey),
    index('commission_lines_unsettled_idx')
      .on(t.agencyId, t.lineDate)
      .where(sql`${t.settledPeriodId} is null`),
  ],
);
