import { and, asc, desc, eq, gt, gte, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/database.js';
import { auditEvents, auditHeads } from '../../db/schema/audit.js';
import { genesisHash, type AuditEntry, type StoredAuditEntry } from './audit-chain.js';

/** Locks the chain head (creating it on first use) so appends to one chain serialize. */
export async function lockChainHead(
  tx: Tx,
  chainId: string,
  agencyId: string | null,
): Promise<{ lastSeq: number; lastHash: Buffer }> {
  await tx
    .insert(auditHeads)
    .values({ chainId, agencyId, lastSeq: 0, lastHash: genesisHash })
    .onConflictDoNothing({ target: auditHeads.chainId });
  const [head] = await tx
    .select({ lastSeq: auditHeads.lastSeq, lastHash: auditHeads.lastHash })
    .from(auditHeads)
    .where(eq(auditHeads.chainId, chainId))
    .for('update');
  if (!head) {
    throw new Error(`Audit chain head ${chainId} is not visible in this transaction`);
  }
  return head;
}

export async function appendEntry(tx: Tx, entry: AuditEntry, prevHash: Buffer, hash: Buffer): Promise<void> {
  await tx.insert(auditEvents).values({ ...entry, prevHash, hash });
  await tx
    .update(auditHeads)
    .set({ lastSeq: entry.seq, lastHash: hash })
    .where(eq(auditHeads.chainId, entry.chainId));
}

export type AuditFilters = {
  actorUserId?: string | undefined;
  event?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  beforeSeq?: number | undefined;
  limit: number;
};

export async function listEntries(tx: Tx, chainId: string, filters: AuditFilters) {
  const conditions: SQL[] = [eq(auditEvents.chainId, chainId)];
  if (filters.actorUserId) {
    conditions.push(eq(auditEvents.actorUserId, filters.actorUserId));
  }
  if (filters.event) {
    conditions.push(eq(auditEvents.event, filters.event));
  }
  if (filters.from) {
    conditions.push(gte(auditEvents.at, filters.from));
  }
  if (filters.to) {
    conditions.push(lte(auditEvents.at, filters.to));
  }
  if (filters.beforeSeq !== undefined) {
    conditions.push(lt(auditEvents.seq, filters.beforeSeq));
  }
  return tx
    .select({
      id: auditEvents.id,
      seq: auditEvents.seq,
      at: auditEvents.at,
      actorUserId: auditEvents.actorUserId,
      actorName: auditEvents.actorName,
      event: auditEvents.event,
      targetType: auditEvents.targetType,
      targetId: auditEvents.targetId,
      ip: auditEvents.ip,
      details: auditEvents.details,
    })
    .from(auditEvents)
    .where(and(...conditions))
    .orderBy(desc(auditEvents.seq))
    .limit(filters.limit);
}

export async function listChains(tx: Tx): Promise<{ chainId: string; lastSeq: number; lastHash: Buffer }[]> {
  return tx
    .select({ chainId: auditHeads.chainId, lastSeq: auditHeads.lastSeq, lastHash: auditHeads.lastHash })
    .from(auditHeads)
    .orderBy(asc(auditHeads.chainId));
}

/** Chains whose events exist without a head row (a deleted head must not hide a chain). */
export async function listChainIdsOfEvents(tx: Tx): Promise<string[]> {
  const rows = await tx.selectDistinct({ chainId: auditEvents.chainId }).from(auditEvents);
  return rows.map((row) => row.chainId);
}

export async function readChainPage(
  tx: Tx,
  chainId: string,
  afterSeq: number,
  limit: number,
): Promise<StoredAuditEntry[]> {
  return tx
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.chainId, chainId), gt(auditEvents.seq, afterSeq)))
    .orderBy(asc(auditEvents.seq))
    .limit(limit);
}

export async function countEntries(tx: Tx, chainId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(auditEvents)
    .where(eq(auditEvents.chainId, chainId));
  return row?.n ?? 0;
}

export async function listActors(tx: Tx, chainId: string): Promise<{ userId: string; name: string }[]> {
  const rows = await tx
    .selectDistinctOn([auditEvents.actorUserId], {
      userId: auditEvents.actorUserId,
      name: auditEvents.actorName,
    })
    .from(auditEvents)
    .where(and(eq(auditEvents.chainId, chainId), sql`${auditEvents.actorUserId} is not null`))
    .orderBy(auditEvents.actorUserId, desc(auditEvents.seq));
  return rows
    .flatMap((row) => (row.userId ? [{ userId: row.userId, name: row.name ?? '' }] : []))
    .sort((a, b) => a.name.localeCompare(b.name, 'pl'));
}
