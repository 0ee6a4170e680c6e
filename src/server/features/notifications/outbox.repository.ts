import { and, asc, desc, eq, isNull, lt } from 'drizzle-orm';
import type { Tx } from '../../db/database.js';
import { outbox } from '../../db/schema/outbox.js';

export type NewOutboxRow = typeof outbox.$inferInsert;

export async function insertOutboxRow(tx: Tx, row: NewOutboxRow): Promise<void> {
  await tx.insert(outbox).values(row);
}

/** Claims unsent messages; SKIP LOCKED lets several servers deliver without sending twice. */
export async function claimUnsent(tx: Tx, limit: number, maxAttempts: number) {
  return tx
    .select()
    .from(outbox)
    .where(and(isNull(outbox.sentAt), lt(outbox.attempts, maxAttempts)))
    .orderBy(asc(outbox.createdAt))
    .limit(limit)
    .for('update', { skipLocked: true });
}

export async function markSent(tx: Tx, id: string, now: Date): Promise<void> {
  await tx
    .update(outbox)
    .set({ sentAt: now, paramsEncrypted: null, lastError: null })
    .where(eq(outbox.id, id));
}

export async function markFailed(tx: Tx, id: string, attempts: number, error: string): Promise<void> {
  await tx
    .update(outbox)
    .set({ attempts, lastError: error.slice(0, 500) })
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
