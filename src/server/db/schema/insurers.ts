import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { agencies, collaborators } from './agencies.js';
import { createdAt, timestamptz } from './columns.js';
import { users } from './identity.js';

/** An insurer the agency works with; seeded with the common Polish ones when the agency is created. */
export const insurers = pgTable(
  'insurers',
  {
    id: uuid('id').primaryKey(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    name: text('name').notNull(),
    archivedAt: timestamptz('archived_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('insurers_agency_name_key').on(t.agencyId, sql`lower(${t.name})`)],
);

/** The code an insurer uses for a collaborator: how an imported line is attributed. */
export const agentCodes = pgTable(
  'agent_codes',
  {
    id: uuid('id').primaryKey(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    insurerId: uuid('insurer_id')
      .notNull()
      .references(() => insurers.id),
    collaboratorId: uuid('collaborator_id')
      .notNull()
      .references(() => collaborators.id),
    /** Normalised: trimmed, upper case, inner spaces removed. */
    code: text('code').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('agent_codes_agency_insurer_code_key').on(t.agencyId, t.insurerId, t.code),
    index('agent_codes_collaborator_idx').on(t.collaboratorId),
  ],
);

/** The saved column mapping of an insurer's statement files, reused on the next import. */
export const importTemplates = pgTable(
  'import_templates',
  {
    id: uuid('id').primaryKey(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    insurerId: uuid('insurer_id')
      .notNull()
      .references(() => insurers.id),
    mapping: jsonb('mapping').$type<Record<string, unknown>>().notNull(),
    updatedBy: uuid('updated_by')
      .notNull()
      .references(() => users.id),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('import_templates_agency_insurer_key').on(t.agencyId, t.insurerId)],
);
