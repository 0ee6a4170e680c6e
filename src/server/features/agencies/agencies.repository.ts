import { and, count, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../../db/database.js';
import { agencies, memberships } from '../../db/schema/agencies.js';
import { setupTokens, users } from '../../db/schema/identity.js';

export async function countAgencies(tx: Tx): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(agencies);
  return row?.n ?? 0;
}

export async function insertAgency(tx: Tx, agency: typeof agencies.$inferInsert): Promise<void> {
  await tx.insert(agencies).values(agency);
}

export async function findAgency(tx: Tx, id: string) {
  const [row] = await tx.select().from(agencies).where(eq(agencies.id, id));
  return row ?? null;
}

export async function updateAgency(
  tx: Tx,
  id: string,
  values: Partial<Pick<typeof agencies.$inferInsert, 'name' | 'nip' | 'regon'>>,
): Promise<void> {
  await tx.update(agencies).set(values).where(eq(agencies.id, id));
}

export async function insertMembership(tx: Tx, membership: typeof memberships.$inferInsert): Promise<void> {
  await tx.insert(memberships).values(membership);
}

export async function listTeam(tx: Tx, agencyId: string) {
  return tx
    .select({
      membershipId: memberships.id,
      userId: users.id,
      fullName: users.fullName,
      email: users.email,
      role: memberships.role,
      createdAt: memberships.createdAt,
      disabledAt: memberships.disabledAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.agencyId, agencyId))
    .orderBy(users.fullName);
}

export async function findMembership(tx: Tx, agencyId: string, membershipId: string) {
  const [row] = await tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.agencyId, agencyId), eq(memberships.id, membershipId)));
  return row ?? null;
}

export async function disableMembership(tx: Tx, membershipId: string, now: Date): Promise<void> {
  await tx
    .update(memberships)
    .set({ disabledAt: now })
    .where(and(eq(memberships.id, membershipId), isNull(memberships.disabledAt)));
}

export async function insertSetupToken(tx: Tx, id: string, tokenHash: Buffer, now: Date): Promise<void> {
  await tx.update(setupTokens).set({ usedAt: now }).where(isNull(setupTokens.usedAt));
  await tx.insert(setupTokens).values({ id, tokenHash, createdAt: now });
}

export async function isSetupTokenUnused(tx: Tx, tokenHash: Buffer): Promise<boolean> {
  const [row] = await tx
    .select({ id: setupTokens.id })
    .from(setupTokens)
    .where(and(eq(setupTokens.tokenHash, tokenHash), isNull(setupTokens.usedAt)));
  return row !== undefined;
}

/** Consumes the token if it is the current unused one; the row lock makes two setups race safely. */
export async function consumeSetupToken(tx: Tx, tokenHash: Buffer, now: Date): Promise<boolean> {
  const [row] = await tx
    .select({ id: setupTokens.id })
    .from(setupTokens)
    .where(and(eq(setupTokens.tokenHash, tokenHash), isNull(setupTokens.usedAt)))
    .for('update');
  if (!row) {
    return false;
  }
  await tx.update(setupTokens).set({ usedAt: now }).where(eq(setupTokens.id, row.id));
  return true;
}
