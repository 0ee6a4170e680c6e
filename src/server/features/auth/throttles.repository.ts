import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.js';
import { authThrottles } from '../../db/schema/identity.js';

export async function findThrottle(tx: Tx, key: string) {
  const [row] = await tx.select().from(authThrottles).where(eq(authThrottles.key, key));
  return row ?? null;
}

export async function lockThrottle(tx: Tx, key: string, until: Date): Promise<void> {
  await tx.update(authThrottles).set({ lockedUntil: until }).where(eq(authThrottles.key, key));
}

export async function clearThrottle(tx: Tx, key: string): Promise<void> {
  await tx.delete(authThrottles).where(eq(authThrottles.key, key));
}

/**
 * Counts an attempt (not yet known to fail) in the current window and returns the count and any
 * lock. The upsert locks the row, so concurrent attempts are counted one after another.
 */
export async function countAttempt(
  tx: Tx,
  key: string,
  now: Date,
  windowMinutes: number,
): Promise<{ attempts: number; lockedUntil: Date | null }> {
  const windowStart = new Date(now.getTime() - windowMinutes * 60_000);
  // A counter starts over when its window has passed or its lock has ended.
  const isStale = sql`(${authThrottles.windowStartedAt} < ${windowStart} or ${authThrottles.lockedUntil} <= ${now})`;
  const [row] = await tx
    .insert(authThrottles)
    .values({ key, failures: 1, windowStartedAt: now })
    .onConflictDoUpdate({
      target: authThrottles.key,
      set: {
        failures: sql`case when ${isStale} then 1 else ${authThrottles.failures} + 1 end`,
        windowStartedAt: sql`case when ${isStale} then ${now} else ${authThrottles.windowStartedAt} end`,
        lockedUntil: sql`case when ${isStale} then null else ${authThrottles.lockedUntil} end`,
      },
    })
    .returning({ attempts: authThrottles.failures, lockedUntil: authThrottles.lockedUntil });
  return { attempts: row?.attempts ?? 1, lockedUntil: row?.lockedUntil ?? null };
}

/** An attempt that turned out right is not a failure: it is taken back. */
export async function uncountAttempt(tx: Tx, key: string): Promise<void> {
  await tx
    .update(authThrottles)
    .set({ failures: sql`greatest(${authThrottles.failures} - 1, 0)` })
    .where(eq(authThrottles.key, key));
}
