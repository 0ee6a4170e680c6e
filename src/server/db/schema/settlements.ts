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
  primaryKey,
  text,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { agencies, collaborators } from './agencies.js';
import { bytea, createdAt, timestamptz } from './columns.js';
import { documents } from './documents.js';
import { users } from './identity.js';
import { insurers } from './insurers.js';

export const splitBases = [
  'agency_commission',
  'collected_premium',
  'written_premium',
  'fixed_per_policy',
] as const;
export type SplitBasis = (typeof splitBases)[number];

/**
 * A splitting rule. Editing a rule writes a new version and marks the old one superseded, so that every computed
 * line can name the exact version it used; retiring a rule supersedes it without a successor.
 */
export const splitRules = pgTable(
  'split_rules',
  {
    id: uuid('id').notNull(),
    version: integer('version').notNull(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    /** Null: an agency default, for every collaborator without a rule of their own. */
    collaboratorId: uuid('collaborator_id').references(() => collaborators.id),
    insurerId: uuid('insurer_id').references(() => insurers.id),
    product: text('product'),
    risk: text('risk'),
    policyNumber: text('policy_number'),
    validFrom: date('valid_from', { mode: 'string' }),
    validTo: date('valid_to', { mode: 'string' }),
    renewalsOnly: boolean('renewals_only').notNull().default(false),
    basis: text('basis', { enum: splitBases }).notNull(),
    /** Decimal percent, exact. */
    rate: numeric('rate', { precision: 9, scale: 4 }),
    fixedAmount: bigint('fixed_amount', { mode: 'number' }),
    clawback: text('clawback', { enum: ['follow', 'agency_bears'] })
      .notNull()
      .default('follow'),
    note: text('note'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    supersededAt: timestamptz('superseded_at'),
    supersededBy: uuid('superseded_by').references(() => users.id),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.version] }),
    uniqueIndex('split_rules_current_key')
      .on(t.id)
      .where(sql`${t.supersededAt} is null`),
    index('split_rules_agency_collaborator_idx').on(t.agencyId, t.collaboratorId),
  ],
);

export const periodStatuses = ['open', 'locked', 'published', 'closed'] as const;
export type PeriodStatus = (typeof periodStatuses)[number];

/** A settlement period: a month by default, any date range allowed; periods of an agency never overlap. */
export const settlementPeriods = pgTable(
  'settlement_periods',
  {
    id: uuid('id').primaryKey(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    dateFrom: date('date_from', { mode: 'string' }).notNull(),
    dateTo: date('date_to', { mode: 'string' }).notNull(),
    status: text('status', { enum: periodStatuses }).notNull(),
    /** Bumped by every state change: two people acting on the same period at once cannot both win. */
    revision: integer('revision').notNull().default(0),
    /** Set while a lock or publication runs, so that a second one is refused instead of queued. */
    busySince: timestamptz('busy_since'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    lockedAt: timestamptz('locked_at'),
    lockedBy: uuid('locked_by').references(() => users.id),
    publishedAt: timestamptz('published_at'),
    publishedBy: uuid('published_by').references(() => users.id),
    closedAt: timestamptz('closed_at'),
    closedBy: uuid('closed_by').references(() => users.id),
    reopenCount: integer('reopen_count').notNull().default(0),
  },
  (t) => [index('settlement_periods_agency_idx').on(t.agencyId, t.dateFrom)],
);

/** The permanent mark a reopening leaves (owner only, with a reason). */
export const periodReopenings = pgTable(
  'period_reopenings',
  {
    id: uuid('id').primaryKey(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    periodId: uuid('period_id')
      .notNull()
      .references(() => settlementPeriods.id),
    fromStatus: text('from_status', { enum: periodStatuses }).notNull(),
    reason: text('reason').notNull(),
    reopenedBy: uuid('reopened_by')
      .notNull()
      .references(() => users.id),
    reopenedAt: createdAt(),
  },
  (t) => [index('period_reopenings_period_idx').on(t.periodId)],
);

export const adjustmentKinds = ['bonus', 'deduction', 'advance', 'correction'] as const;
export type AdjustmentKind = (typeof adjustmentKinds)[number];

/** A manual amount in a collaborator's settlement; signed (a deduction or an advance is negative). */
export const adjustments = pgTable(
  'adjustments',
  {
    id: uuid('id').primaryKey(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    periodId: uuid('period_id')
      .notNull()
      .references(() => settlementPeriods.id),
    collaboratorId: uuid('collaborator_id')
      .notNull()
      .references(() => collaborators.id),
    kind: text('kind', { enum: adjustmentKinds }).notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    reason: text('reason').notNull(),
    /** Set for a correction made while resolving a dispute: it belongs to that statement version. */
    statementVersion: integer('statement_version'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    deletedAt: timestamptz('deleted_at'),
    deletedBy: uuid('deleted_by').references(() => users.id),
  },
  (t) => [index('adjustments_period_idx').on(t.periodId, t.collaboratorId)],
);

/** One collaborator's statement of a locked period. A correction writes a new version; the old one is kept. */
export const statements = pgTable(
  'statements',
  {
    id: uuid('id').primaryKey(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    periodId: uuid('period_id')
      .notNull()
      .references(() => settlementPeriods.id),
    collaboratorId: uuid('collaborator_id')
      .notNull()
      .references(() => collaborators.id),
    number: text('number').notNull(),
    version: integer('version').notNull(),
    isCurrent: boolean('is_current').notNull().default(true),
    openingBalance: bigint('opening_balance', { mode: 'number' }).notNull(),
    linesTotal: bigint('lines_total', { mode: 'number' }).notNull(),
    adjustmentsTotal: bigint('adjustments_total', { mode: 'number' }).notNull(),
    closingBalance: bigint('closing_balance', { mode: 'number' }).notNull(),
    amountDue: bigint('amount_due', { mode: 'number' }).notNull(),
    carriedForward: bigint('carried_forward', { mode: 'number' }).notNull(),
    lineCount: integer('line_count').notNull(),
    /** The statement's PDF and XLSX, stored encrypted; visible to the collaborator once published. */
    documentId: uuid('document_id').references(() => documents.id),
    /** SHA-256 of the PDF: what an acceptance refers to. */
    sha256: bytea('sha256'),
    publishedAt: timestamptz('published_at'),
    acceptedAt: timestamptz('accepted_at'),
    acceptedBy: uuid('accepted_by').references(() => users.id),
    acceptedSha256: bytea('accepted_sha256'),
    acceptedIp: text('accepted_ip'),
    acceptedMethod: text('accepted_method'),
    paidOn: date('paid_on', { mode: 'string' }),
    paymentReference: text('payment_reference'),
    paidBy: uuid('paid_by').references(() => users.id),
    paidAt: timestamptz('paid_at'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    supersededAt: timestamptz('superseded_at'),
  },
  (t) => [
    uniqueIndex('statements_period_collaborator_version_key').on(t.periodId, t.collaboratorId, t.version),
    uniqueIndex('statements_current_key')
      .on(t.periodId, t.collaboratorId)
      .where(sql`${t.isCurrent}`),
    uniqueIndex('statements_agency_number_version_key').on(t.agencyId, t.number, t.version),
    index('statements_collaborator_idx').on(t.agencyId, t.collaboratorId, t.createdAt),
    // What a statement line's foreign key refers to.
    unique('statements_id_agency_collaborator_key').on(t.id, t.agencyId, t.collaboratorId),
  ],
);

/** A computed line of a statement, with its source and the rule version that produced it. */
export const statementLines = pgTable(
  'statement_lines',
  {
    id: uuid('id').primaryKey(),
    // One composite foreign key (below): the line belongs to its statement, of the same agency and collaborator.
    agencyId: uuid('agency_id').notNull(),
    statementId: uuid('statement_id').notNull(),
    collaboratorId: uuid('collaborator_id').notNull(),
    commissionLineId: uuid('commission_line_id').notNull(),
    ruleId: uuid('rule_id'),
    ruleVersion: integer('rule_version'),
    basis: text('basis', { enum: splitBases }),
    rate: numeric('rate', { precision: 9, scale: 4 }),
    /** Null for a clawback the agency bears whose line lacks the premium the rule is based on. */
    base: bigint('base', { mode: 'number' }),
    share: bigint('share', { mode: 'number' }).notNull(),
    appliedOn: date('applied_on', { mode: 'string' }).notNull(),
    clawbackOf: uuid('clawback_of'),
    note: text('note'),
    /** A correction made while resolving a dispute: the share the previous version had, and why it changed. */
    correctedFrom: bigint('corrected_from', { mode: 'number' }),
    correctionReason: text('correction_reason'),
  },
  (t) => [
    foreignKey({
      name: 'statement_lines_statement_fk',
      columns: [t.statementId, t.agencyId, t.collaboratorId],
      foreignColumns: [statements.id, statements.agencyId, statements.collaboratorId],
    }),
    index('statement_lines_statement_idx').on(t.statementId),
  ],
);

export const disputeReasons = ['missing_policy', 'wrong_rate', 'wrong_amount', 'other'] as const;
export type DisputeReason = (typeof disputeReasons)[number];

export const disputes = pgTable(
  'disputes',
  {
    id: uuid('id').primaryKey(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    statementId: uuid('statement_id')
      .notNull()
      .references(() => statements.id),
    collaboratorId: uuid('collaborator_id')
      .notNull()
      .references(() => collaborators.id),
    reason: text('reason', { enum: disputeReasons }).notNull(),
    /** Statement line ids; null disputes the whole statement. */
    lineIds: jsonb('line_ids').$type<string[]>(),
    status: text('status', { enum: ['open', 'corrected', 'rejected'] }).notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    resolvedAt: timestamptz('resolved_at'),
    resolvedBy: uuid('resolved_by').references(() => users.id),
    resolution: text('resolution'),
  },
  (t) => [index('disputes_statement_idx').on(t.statementId)],
);

/** The thread attached to a statement: owner, staff and the collaborator discuss in Sejf, never by e-mail. */
export const statementMessages = pgTable(
  'statement_messages',
  {
    id: uuid('id').primaryKey(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    periodId: uuid('period_id')
      .notNull()
      .references(() => settlementPeriods.id),
    collaboratorId: uuid('collaborator_id')
      .notNull()
      .references(() => collaborators.id),
    disputeId: uuid('dispute_id').references(() => disputes.id),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('statement_messages_thread_idx').on(t.periodId, t.collaboratorId, t.createdAt)],
);

export const invoiceKinds = ['uploaded', 'ksef_xml', 'bill', 'self_billing'] as const;
export type InvoiceKind = (typeof invoiceKinds)[number];

export const invoiceStatuses = ['submitted', 'awaiting_approval', 'approved', 'void'] as const;
export type InvoiceStatus = (typeof invoiceStatuses)[number];

/** The invoice or bill that goes back against a statement version. */
export const invoices = pgTable(
  'invoices',
  {
    id: uuid('id').primaryKey(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    statementId: uuid('statement_id')
      .notNull()
      .references(() => statements.id),
    collaboratorId: uuid('collaborator_id')
      .notNull()
      .references(() => collaborators.id),
    kind: text('kind', { enum: invoiceKinds }).notNull(),
    status: text('status', { enum: invoiceStatuses }).notNull(),
    number: text('number').notNull(),
    issueDate: date('issue_date', { mode: 'string' }).notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    ksefNumber: text('ksef_number'),
    documentId: uuid('document_id').references(() => documents.id),
    /** Field-by-field differences from the statement found when the invoice was submitted. */
    findings: jsonb('findings').$type<unknown[]>(),
    differenceReason: text('difference_reason'),
    differenceAcceptedBy: uuid('difference_accepted_by').references(() => users.id),
    approvedAt: timestamptz('approved_at'),
    approvedBy: uuid('approved_by').references(() => users.id),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    voidedAt: timestamptz('voided_at'),
  },
  (t) => [
    index('invoices_statement_idx').on(t.statementId),
    uniqueIndex('invoices_live_key')
      .on(t.statementId)
      .where(sql`${t.status} <> 'void'`),
  ],
);

/** Gap-free numbering per agency, series and year (statements, bills, self-billed invoices). */
export const numberSeries = pgTable(
  'number_series',
  {
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    series: text('series').notNull(),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.series, t.year] })],
);
