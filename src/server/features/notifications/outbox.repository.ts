import { and, asc, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.js';
import { outbox } from '../../db/schema/outbox.js';

export type NewOutboxRow = typeof outbox.$inferInsert;

export async function insertOutboxRow(tx: Tx, row: NewOutboxRow): Promise<void> {
  await tx.insert(outbox).values(row);
}

/**
 * Claims unsent messages for one sender until `until`, and counts the attempt, in a short
 * transaction: the sending itself happens outside any transaction. SKIP LOCKED and the claim let
 * several servers deliver without sending a message twice.
 */
export async function claimUnsent(
  tx: Tx,
  values: { limit: number; maxAttempts: number; now: Date; until: Date },
) {
  const rows = await tx
    .select({ id: outbox.id })
    .from(outbox)
    .where(
      and(
        isNull(outbox.sentAt),
        lt(outbox.attempts, values.maxAttempts),
        or(isNull(outbox.claimedUntil), lt(outbox.claimedUntil, values.now)),
      ),
    )
    .orderBy(asc(outbox.createdAt))
    .limit(values.limit)
    .for('update', { skipLocked: true });
  if (rows.length === 0) {
    return [];
  }
  return tx
    .update(outbox)
    .set({ claimedUntil: values.until, attempts: sql`${outbox.attempts} + 1` })
    .where(
      inArray(
        outbox.id,
        rows.map((row) => row.id),
      ),
    )
    .returning();
}

export async function markSent(tx: Tx, id: string, now: Date): Promise<void> {
  await tx
    .update(outbox)
    .set({ sentAt: now, paramsEncrypted: null, lastError: null, claimedUntil: null })
    .where(eq(outbox.id, id));
}

export async function markFailed(tx: Tx, id: string, error: string, retryAt: Date): Promise<void> {
  await tx
    .update(outbox)
    .set({ lastError: error.slice(0, 500), claimedUntil: retryAt })
    .where(eq(outbox.id, id));
}

export async function listAgencyOutbox(tx: Tx, agencyId: string, limit: number) {
  return tx
    .select()
    .from(outbox)
    .where(eq(outbox.agencyId, agencyId))
    .orderBy(desc(outbox.createdAt))
    .limit(limit);
}
