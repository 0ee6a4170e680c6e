import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bytea, createdAt, timestamptz } from './columns.js';
import { users } from './identity.js';

export const memberRoles = ['owner', 'staff', 'collaborator'] as const;
export type MemberRole = (typeof memberRoles)[number];

/** The tenant. Its key (wrapped by the master key) wraps every document key of the agency. */
export const agencies = pgTable('agencies', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  nip: text('nip').notNull(),
  regon: text('regon'),
  /** Printed on statements, bills and self-billed invoices. */
  address: text('address'),
  /** A positive balance below this is carried forward instead of paid. */
  minimumPayout: bigint('minimum_payout', { mode: 'number' }).notNull().default(0),
  wrappedKey: bytea('wrapped_key').notNull(),
  masterKeyId: text('master_key_id').notNull(),
  createdAt: createdAt(),
});

export const collaborators = pgTable(
  'collaborators',
  {
    id: uuid('id').primaryKey(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    fullName: text('full_name').notNull(),
    email: text('email').notNull(),
    phone: text('phone'),
    knfNumber: text('knf_number').notNull(),
    nip: text('nip'),
    pesel: text('pesel'),
    taxMode: text('tax_mode', { enum: ['invoice', 'bill'] }).notNull(),
    /** Agreement (art. 106d of the VAT act) that the agency drafts the collaborator's invoices. */
    selfBilling: boolean('self_billing').notNull().default(false),
    address: text('address'),
    /** Normalised (no spaces, upper case), validated with its checksum. */
    iban: text('iban'),
    /** Set once the collaborator has accepted an invitation. */
    userId: uuid('user_id').references(() => users.id),
    archivedAt: timestamptz('archived_at'),
    createdAt: createdAt(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('collaborators_agency_knf_key').on(t.agencyId, t.knfNumber),
    uniqueIndex('collaborators_agency_email_key').on(t.agencyId, t.email),
    uniqueIndex('collaborators_agency_user_key').on(t.agencyId, t.userId),
  ],
);

export const memberships = pgTable(
  'memberships',
  {
    id: uuid('id').primaryKey(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role', { enum: memberRoles }).notNull(),
    collaboratorId: uuid('collaborator_id').references(() => collaborators.id),
    disabledAt: timestamptz('disabled_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('memberships_agency_user_key').on(t.agencyId, t.userId),
    index('memberships_user_idx').on(t.userId),
  ],
);

export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    email: text('email').notNull(),
    fullName: text('full_name').notNull(),
    role: text('role', { enum: ['staff', 'collaborator'] }).notNull(),
    collaboratorId: uuid('collaborator_id').references(() => collaborators.id),
    codeHash: bytea('code_hash').notNull(),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    expiresAt: timestamptz('expires_at').notNull(),
    sentCount: integer('sent_count').notNull().default(1),
    lastSentAt: timestamptz('last_sent_at').notNull().defaultNow(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    acceptedAt: timestamptz('accepted_at'),
    acceptedBy: uuid('accepted_by').references(() => users.id),
    revokedAt: timestamptz('revoked_at'),
  },
  (t) => [
    uniqueIndex('invitations_code_hash_key').on(t.codeHash),
    uniqueIndex('invitations_pending_email_key')
      .on(t.agencyId, t.email)
      .where(sql`${t.acceptedAt} is null and ${t.revokedAt} is null`),
  ],
);
