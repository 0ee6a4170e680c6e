import { index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { bytea, createdAt, timestamptz } from './columns.js';

/**
 * Outgoing e-mail. Templates are content-free by construction, so a row holds only the recipient,
 * the template name and, for invitations, the one-time code (which is why rows are purged once sent).
 */
export const outbox = pgTable(
  'outbox',
  {
    id: uuid('id').primaryKey(),
    agencyId: uuid('agency_id'),
    toEmail: text('to_email').notNull(),
    template: text('template').notNull(),
    locale: text('locale', { enum: ['pl', 'en'] }).notNull(),
    /** Template parameters (only an invitation code ever goes here), encrypted; erased once sent. */
    paramsEncrypted: bytea('params_encrypted'),
    createdAt: createdAt(),
    sentAt: timestamptz('sent_at'),
    attempts: integer('attempts').notNull().default(0),
    /** A sender holds the message until then; after a crash another picks it up. */
    claimedUntil: timestamptz('claimed_until'),
    lastError: text('last_error'),
  },
  (t) => [index('outbox_agency_idx').on(t.agencyId, t.createdAt)],
);
