import { bigserial, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bytea, timestamptz } from './columns.js';

/**
 * Append-only, hash-chained per agency (agency_id null: the system chain, e.g. failed logins for
 * unknown e-mails). The application role may only insert and read; a trigger refuses updates and
 * deletes for everyone.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** The agency id, or 'system' for events that belong to no agency. */
    chainId: text('chain_id').notNull(),
    agencyId: uuid('agency_id'),
    seq: integer('seq').notNull(),
    at: timestamptz('at').notNull(),
    actorUserId: uuid('actor_user_id'),
    actorName: text('actor_name'),
    event: text('event').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    ip: text('ip'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull(),
    prevHash: bytea('prev_hash').notNull(),
    hash: bytea('hash').notNull(),
  },
  (t) => [
    uniqueIndex('audit_events_chain_seq_key').on(t.chainId, t.seq),
    index('audit_events_agency_at_idx').on(t.agencyId, t.at),
  ],
);

/** The head of each chain: locked while appending, so concurrent events serialize per agency. */
export const auditHeads = pgTable('audit_heads', {
  chainId: text('chain_id').primaryKey(),
  agencyId: uuid('agency_id'),
  lastSeq: integer('last_seq').notNull(),
  lastHash: bytea('last_hash').notNull(),
});
