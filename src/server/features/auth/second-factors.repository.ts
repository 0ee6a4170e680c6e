import { and, count, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Tx } from '../../db/database.js';
import { recoveryCodes, secondFactors } from '../../db/schema/identity.js';

export type NewSecondFactor = typeof secondFactors.$inferInsert;

export async function listConfirmedFactorKinds(tx: Tx, userId: string): Promise<('totp' | 'passkey')[]> {
  const rows = await tx
    .selectDistinct({ kind: secondFactors.kind })
    .from(secondFactors)
    .where(and(eq(secondFactors.userId, userId), isNotNull(secondFactors.confirmedAt)));
  return rows.map((row) => row.kind).sort();
}

export async function countConfirmedFactors(tx: Tx, userId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(secondFactors)
    .where(and(eq(secondFactors.userId, userId), isNotNull(secondFactors.confirmedAt)));
  return row?.n ?? 0;
}

export async function listFactors(tx: Tx, userId: string) {
  return tx
    .select({
      id: secondFactors.id,
      kind: secondFactors.kind,
      label: secondFactors.label,
      createdAt: secondFactors.createdAt,
      lastUsedAt: secondFactors.lastUsedAt,
    })
    .from(secondFactors)
    .where(and(eq(secondFactors.userId, userId), isNotNull(secondFactors.confirmedAt)))
    .orderBy(secondFactors.createdAt);
}

export async function insertFactor(tx: Tx, factor: NewSecondFactor): Promise<void> {
  await tx.insert(secondFactors).values(factor);
}

/** An enrolment that was started and never confirmed is replaced by the next one. */
export async function deleteUnconfirmedFactors(
  tx: Tx,
  userId: string,
  kind: 'totp' | 'passkey',
): Promise<void> {
  await tx
    .delete(secondFactors)
    .where(
      and(eq(secondFactors.userId, userId), eq(secondFactors.kind, kind), isNull(secondFactors.confirmedAt)),
    );
}

export async function findTotpFactor(tx: Tx, userId: string, factorId: string) {
  const [row] = await tx
    .select()
    .from(secondFactors)
    .where(
      and(eq(secondFactors.id, factorId), eq(secondFactors.userId, userId), eq(secondFactors.kind, 'totp')),
    );
  return row ?? null;
}

export async function listConfirmedTotpFactors(tx: Tx, userId: string, options = { lock: false }) {
  const query = tx
    .select()
    .from(secondFactors)
    .where(
      and(
        eq(secondFactors.userId, userId),
        eq(secondFactors.kind, 'totp'),
        isNotNull(secondFactors.confirmedAt),
      ),
    );
  return options.lock ? query.for('update') : query;
}

export async function listConfirmedPasskeys(tx: Tx, userId: string) {
  return tx
    .select()
    .from(secondFactors)
    .where(
      and(
        eq(secondFactors.userId, userId),
        eq(secondFactors.kind, 'passkey'),
        isNotNull(secondFactors.confirmedAt),
      ),
    );
}

export async function markTotpUsed(
  tx: Tx,
  factorId: string,
  values: { step: number; now: Date; confirm: boolean },
): Promise<void> {
  await tx
    .update(secondFactors)
    .set({
      totpLastStep: values.step,
      lastUsedAt: values.now,
      ...(values.confirm ? { confirmedAt: values.now } : {}),
    })
    .where(eq(secondFactors.id, factorId));
}

export async function markPasskeyUsed(tx: Tx, factorId: string, signCount: number, now: Date): Promise<void> {
  await tx.update(secondFactors).set({ signCount, lastUsedAt: now }).where(eq(secondFactors.id, factorId));
}

export async function deleteFactor(tx: Tx, userId: string, factorId: string): Promise<boolean> {
  const rows = await tx
    .delete(secondFactors)
    .where(and(eq(secondFactors.id, factorId), eq(secondFactors.userId, userId)))
    .returning({ id: secondFactors.id });
  return rows.length > 0;
}

export async function replaceRecoveryCodes(
  tx: Tx,
  userId: string,
  codes: { id: string; codeHash: Buffer }[],
  now: Date,
): Promise<void> {
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await tx.insert(recoveryCodes).values(codes.map((code) => ({ ...code, userId, createdAt: now })));
}

/** Marks the code used if it is one of the user's unused codes; false otherwise. */
export async function useRecoveryCode(tx: Tx, userId: string, codeHash: Buffer, now: Date): Promise<boolean> {
  const rows = await tx
    .update(recoveryCodes)
    .set({ usedAt: now })
    .where(
      and(
        eq(recoveryCodes.userId, userId),
        eq(recoveryCodes.codeHash, codeHash),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .returning({ id: recoveryCodes.id });
  return rows.length > 0;
}

export async function countUnusedRecoveryCodes(tx: Tx, userId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return row?.n ?? 0;
}

export async function renameFactor(tx: Tx, factorId: string, label: string): Promise<void> {
  await tx.update(secondFactors).set({ label }).where(eq(secondFactors.id, factorId));
}

export async function resetSecondFactors(tx: Tx, userId: string): Promise<void> {
  await tx.delete(secondFactors).where(eq(secondFactors.userId, userId));
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
}

export async function lockFactorsOf(tx: Tx, userId: string): Promise<void> {
  await tx
    .select({ id: secondFactors.id })
    .from(secondFactors)
    .where(eq(secondFactors.userId, userId))
    .for('update');
}
