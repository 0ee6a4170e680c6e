import { and, count, desc, eq } from 'drizzle-orm';
import type { Tx } from '../../db/database.js';
import { knownDevices } from '../../db/schema/identity.js';

export async function findKnownDevice(tx: Tx, userId: string, deviceHash: Buffer) {
  const [row] = await tx
    .select()
    .from(knownDevices)
    .where(and(eq(knownDevices.userId, userId), eq(knownDevices.deviceHash, deviceHash)));
  return row ?? null;
}

export async function countKnownDevices(tx: Tx, userId: string): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(knownDevices).where(eq(knownDevices.userId, userId));
  return row?.n ?? 0;
}

export async function insertKnownDevice(tx: Tx, device: typeof knownDevices.$inferInsert): Promise<void> {
  await tx.insert(knownDevices).values(device);
}

export async function touchKnownDevice(tx: Tx, id: string, now: Date): Promise<void> {
  await tx.update(knownDevices).set({ lastSeenAt: now }).where(eq(knownDevices.id, id));
}

export async function listKnownDevices(tx: Tx, userId: string) {
  return tx
    .select({
      id: knownDevices.id,
      label: knownDevices.label,
      deviceHash: knownDevices.deviceHash,
      firstSeenAt: knownDevices.firstSeenAt,
      lastSeenAt: knownDevices.lastSeenAt,
    })
    .from(knownDevices)
    .where(eq(knownDevices.userId, userId))
    .orderBy(desc(knownDevices.lastSeenAt));
}

export async function deleteKnownDevice(tx: Tx, userId: string, id: string): Promise<boolean> {
  const rows = await tx
    .delete(knownDevices)
    .where(and(eq(knownDevices.id, id), eq(knownDevices.userId, userId)))
    .returning({ id: knownDevices.id });
  return rows.length > 0;
}
