import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.js';
import { authThrottles } from '../../db/schema/identity.js';

export async function findThrottle(tx: Tx, key: string) {
  const [row] = await tx.select().from(authThrottles).where(eq(authThrottles.key, key));
  return row ?? null;
}

/**
 * Counts one failure in a window of `windowMinutes`; a counter from an older window starts over.
 * Returns the count after this failure.
 */
export async function recordFailure(tx: Tx, key: string, now: Date, windowMinutes: number): Promise<number> {
  const windowStart = new Date(now.getTime() - windowMinutes * 60_000);
  const [row] = await tx
    .insert(authThrottles)
    .values({ key, failures: 1, windowStartedAt: now })
    .onConflictDoUpdate({
      target: authThrottles.key,
      set: {
        failures: sql`case when ${authThrottles.windowStartedAt} < ${windowStart} then 1 else ${authThrottles.failures} + 1 end`,
        windowStartedAt: sql`case when ${authThrottles.windowStartedAt} < ${windowStart} then ${now} else ${authThrottles.windowStartedAt} end`,
      },
    })
    .returning({ failures: authThrottles.failures });
  return row?.failures ?? 1;
}

export async function lockThrottle(tx: Tx, key: string, until: Date): Promise<void> {
  await tx.update(authThrottles).set({ lockedUntil: until }).where(eq(authThrottles.key, key));
}

export async function clearThrottle(tx: Tx, key: string): Promise<void> {
  await tx.delete(authThrottles).where(eq(authThrottles.key, key));
}
