import { and, asc, desc, eq, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { arrayLiteral } from '../../db/bulk-insert.js';
import type { Tx } from '../../db/database.js';
import { collaborators } from '../../db/schema/agencies.js';
import { users } from '../../db/schema/identity.js';
import { insurers } from '../../db/schema/insurers.js';
import { splitRules } from '../../db/schema/settlements.js';

export type SplitRuleRow = typeof splitRules.$inferSelect;
export type NewSplitRule = typeof splitRules.$inferInsert;

const creators = alias(users, 'rule_creators');

const ruleColumns = {
  rule: splitRules,
  collaboratorName: collaborators.fullName,
  insurerName: insurers.name,
  createdByName: creators.fullName,
};

function rulesWithNames(tx: Tx) {
  return tx
    .select(ruleColumns)
    .from(splitRules)
    .leftJoin(collaborators, eq(collaborators.id, splitRules.collaboratorId))
    .leftJoin(insurers, eq(insurers.id, splitRules.insurerId))
    .innerJoin(creators, eq(creators.id, splitRules.createdBy));
}

export async function listCurrentRules(
  tx: Tx,
  agencyId: string,
  filter: {
    collaboratorId?: string | undefined;
    insurerId?: string | undefined;
    scope: 'all' | 'agency' | 'collaborators';
  },
) {
  const conditions: SQL[] = [eq(splitRules.agencyId, agencyId), isNull(splitRules.supersededAt)];
  if (filter.collaboratorId) {
    conditions.push(eq(splitRules.collaboratorId, filter.collaboratorId));
  }
  if (filter.insurerId) {
    conditions.push(eq(splitRules.insurerId, filter.insurerId));
  }
  if (filter.scope === 'agency') {
    conditions.push(isNull(splitRules.collaboratorId));
  } else if (filter.scope === 'collaborators') {
    conditions.push(isNotNull(splitRules.collaboratorId));
  }
  return rulesWithNames(tx)
    .where(and(...conditions))
    .orderBy(
      sql`${collaborators.fullName} nulls first`,
      sql`${insurers.name} nulls first`,
      asc(splitRules.product),
      asc(splitRules.validFrom),
      asc(splitRules.id),
    );
}

export async function listRuleVersions(tx: Tx, agencyId: string, id: string) {
  return rulesWithNames(tx)
    .where(and(eq(splitRules.agencyId, agencyId), eq(splitRules.id, id)))
    .orderBy(desc(splitRules.version));
}

export async function findCurrentRule(tx: Tx, agencyId: string, id: string) {
  const [row] = await tx
    .select()
    .from(splitRules)
    .where(and(eq(splitRules.agencyId, agencyId), eq(splitRules.id, id), isNull(splitRules.supersededAt)))
    .for('update');
  return row ?? null;
}

export async function insertRule(tx: Tx, row: NewSplitRule) {
  await tx.insert(splitRules).values(row);
}

export async function supersedeRule(
  tx: Tx,
  agencyId: string,
  id: string,
  version: number,
  at: Date,
  by: string,
) {
  const updated = await tx
    .update(splitRules)
    .set({ supersededAt: at, supersededBy: by })
    .where(
      and(
        eq(splitRules.agencyId, agencyId),
        eq(splitRules.id, id),
        eq(splitRules.version, version),
        isNull(splitRules.supersededAt),
      ),
    )
    .returning({ id: splitRules.id });
  return updated.length > 0;
}

/** The given versions of the agency's rules, current or superseded (what settled earlier lines). */
export async function loadRuleVersions(
  tx: Tx,
  agencyId: string,
  versions: readonly { id: string; version: number }[],
): Promise<SplitRuleRow[]> {
  if (versions.length === 0) {
    return [];
  }
  return tx
    .select()
    .from(splitRules)
    .where(
      and(
        eq(splitRules.agencyId, agencyId),
        sql`(${splitRules.id}, ${splitRules.version}) in (select * from unnest(
          ${arrayLiteral(versions.map((entry) => entry.id))}::uuid[],
          ${arrayLiteral(versions.map((entry) => entry.version))}::integer[]))`,
      ),
    );
}

/** Every current rule of the agency, for a computation. */
export async function loadCurrentRules(tx: Tx, agencyId: string) {
  return tx
    .select()
    .from(splitRules)
    .where(and(eq(splitRules.agencyId, agencyId), isNull(splitRules.supersededAt)));
}
