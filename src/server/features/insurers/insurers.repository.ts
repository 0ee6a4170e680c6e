import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.js';
import { qualified } from '../../db/qualified.js';
import { collaborators } from '../../db/schema/agencies.js';
import { agentCodes, importTemplates, insurers } from '../../db/schema/insurers.js';

export type NewInsurer = typeof insurers.$inferInsert;

export async function insertInsurers(tx: Tx, rows: NewInsurer[]) {
  if (rows.length > 0) {
    await tx.insert(insurers).values(rows);
  }
}

export async function listInsurers(tx: Tx, agencyId: string) {
  const codes = tx
    .select({ insurerId: agentCodes.insurerId, total: count().as('total') })
    .from(agentCodes)
    .where(eq(agentCodes.agencyId, agencyId))
    .groupBy(agentCodes.insurerId)
    .as('codes');
  return tx
    .select({
      insurer: insurers,
      agentCodeCount: sql<number>`coalesce(${codes.total}, 0)::int`,
      hasTemplate: sql<boolean>`exists (select 1 from ${importTemplates}
        where ${qualified(importTemplates, importTemplates.insurerId)} = ${qualified(insurers, insurers.id)})`,
    })
    .from(insurers)
    .leftJoin(codes, eq(codes.insurerId, insurers.id))
    .where(eq(insurers.agencyId, agencyId))
    .orderBy(asc(sql`lower(${insurers.name})`));
}

export async function findInsurer(tx: Tx, agencyId: string, id: string) {
  const [row] = await tx
    .select()
    .from(insurers)
    .where(and(eq(insurers.agencyId, agencyId), eq(insurers.id, id)));
  return row ?? null;
}

export async function updateInsurer(
  tx: Tx,
  agencyId: string,
  id: string,
  values: Partial<Pick<NewInsurer, 'name' | 'archivedAt'>>,
) {
  await tx
    .update(insurers)
    .set(values)
    .where(and(eq(insurers.agencyId, agencyId), eq(insurers.id, id)));
}

const agentCodeColumns = {
  id: agentCodes.id,
  insurerId: agentCodes.insurerId,
  insurerName: insurers.name,
  collaboratorId: agentCodes.collaboratorId,
  collaboratorName: collaborators.fullName,
  code: agentCodes.code,
  createdAt: agentCodes.createdAt,
};

export async function listAgentCodes(
  tx: Tx,
  agencyId: string,
  filter: { insurerId?: string | undefined; collaboratorId?: string | undefined; id?: string },
) {
  const conditions = [eq(agentCodes.agencyId, agencyId)];
  if (filter.insurerId) {
    conditions.push(eq(agentCodes.insurerId, filter.insurerId));
  }
  if (filter.collaboratorId) {
    conditions.push(eq(agentCodes.collaboratorId, filter.collaboratorId));
  }
  if (filter.id) {
    conditions.push(eq(agentCodes.id, filter.id));
  }
  return tx
    .select(agentCodeColumns)
    .from(agentCodes)
    .innerJoin(insurers, eq(insurers.id, agentCodes.insurerId))
    .innerJoin(collaborators, eq(collaborators.id, agentCodes.collaboratorId))
    .where(and(...conditions))
    .orderBy(asc(insurers.name), asc(agentCodes.code));
}

/** False when the insurer already uses the code (for anyone): the caller's transaction stays usable. */
export async function insertAgentCode(tx: Tx, row: typeof agentCodes.$inferInsert): Promise<boolean> {
  const inserted = await tx
    .insert(agentCodes)
    .values(row)
    .onConflictDoNothing()
    .returning({ id: agentCodes.id });
  return inserted.length > 0;
}

export async function deleteAgentCode(tx: Tx, agencyId: string, id: string) {
  const deleted = await tx
    .delete(agentCodes)
    .where(and(eq(agentCodes.agencyId, agencyId), eq(agentCodes.id, id)))
    .returning({ insurerId: agentCodes.insurerId, collaboratorId: agentCodes.collaboratorId });
  return deleted[0] ?? null;
}

/** code → collaborator for one insurer: how imported lines are attributed. */
export async function agentCodeMap(tx: Tx, agencyId: string, insurerId: string) {
  const rows = await tx
    .select({ code: agentCodes.code, collaboratorId: agentCodes.collaboratorId })
    .from(agentCodes)
    .where(and(eq(agentCodes.agencyId, agencyId), eq(agentCodes.insurerId, insurerId)));
  return new Map(rows.map((row) => [row.code, row.collaboratorId]));
}
