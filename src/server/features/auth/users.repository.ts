import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/database.js';
import { users } from '../../db/schema/identity.js';

export type NewUser = typeof users.$inferInsert;

export async function findUserByEmail(tx: Tx, email: string) {
  const [row] = await tx.select().from(users).where(eq(users.email, email));
  return row ?? null;
}

export async function findUserById(tx: Tx, id: string) {
  const [row] = await tx.select().from(users).where(eq(users.id, id));
  return row ?? null;
}

export async function insertUser(tx: Tx, user: NewUser): Promise<void> {
  await tx.insert(users).values(user);
}

export async function updateUser(
  tx: Tx,
  id: string,
  values: Partial<Pick<NewUser, 'fullName' | 'locale' | 'passwordHash' | 'passwordChangedAt'>>,
): Promise<void> {
  await tx.update(users).set(values).where(eq(users.id, id));
}
