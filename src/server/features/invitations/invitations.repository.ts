import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../../db/database.js';
import { agencies, collaborators, invitations, memberships } from '../../db/schema/agencies.js';
import { users } from '../../db/schema/identity.js';

export type InvitationRow = typeof invitations.$inferSelect;

export async function insertInvitation(tx: Tx, invitation: typeof invitations.$inferInsert): Promise<void> {
  await tx.insert(invitations).values(invitation);
}

export async function findInvitation(tx: Tx, agencyId: string, id: string) {
  const [row] = await tx
    .select()
    .from(invitations)
    .where(and(eq(invitations.agencyId, agencyId), eq(invitations.id, id)));
  return row ?? null;
}

export async function listInvitations(tx: Tx, agencyId: string, onlyOpen: boolean) {
  return tx
    .select()
    .from(invitations)
    .where(
      onlyOpen
        ? and(
            eq(invitations.agencyId, agencyId),
            isNull(invitations.acceptedAt),
            isNull(invitations.revokedAt),
          )
        : eq(invitations.agencyId, agencyId),
    )
    .orderBy(desc(invitations.createdAt))
    .limit(500);
}

export async function findOpenInvitationByEmail(tx: Tx, agencyId: string, email: string) {
  const [row] = await tx
    .select()
    .from(invitations)
    .where(
      and(
        eq(invitations.agencyId, agencyId),
        eq(invitations.email, email),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    );
  return row ?? null;
}

export async function updateInvitation(tx: Tx, id: string, values: Partial<typeof invitations.$inferInsert>) {
  await tx.update(invitations).set(values).where(eq(invitations.id, id));
}

/** Pre-authentication lookup by code; the row is locked so two acceptances cannot both win. */
export async function findInvitationByCodeHash(tx: Tx, codeHash: Buffer) {
  const [row] = await tx
    .select({ invitation: invitations, agencyName: agencies.name })
    .from(invitations)
    .innerJoin(agencies, eq(agencies.id, invitations.agencyId))
    .where(eq(invitations.codeHash, codeHash))
    .for('update', { of: invitations });
  return row ?? null;
}

export async function findMembershipOfUser(tx: Tx, agencyId: string, userId: string) {
  const [row] = await tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.agencyId, agencyId), eq(memberships.userId, userId)));
  return row ?? null;
}

export async function activeMembershipByEmail(tx: Tx, agencyId: string, email: string) {
  const [row] = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.agencyId, agencyId), eq(users.email, email), isNull(memberships.disabledAt)));
  return row ?? null;
}

export async function reactivateMembership(
  tx: Tx,
  id: string,
  values: { role: 'staff' | 'collaborator'; collaboratorId: string | null },
) {
  await tx
    .update(memberships)
    .set({ ...values, disabledAt: null })
    .where(eq(memberships.id, id));
}

export async function linkCollaboratorUser(tx: Tx, collaboratorId: string, userId: string, now: Date) {
  await tx.update(collaborators).set({ userId, updatedAt: now }).where(eq(collaborators.id, collaboratorId));
}
