import { and, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../../db/database.js';
import { invitations, memberships } from '../../db/schema/agencies.js';

export async function disableCollaboratorMemberships(
  tx: Tx,
  agencyId: string,
  collaboratorId: string,
  now: Date,
) {
  await tx
    .update(memberships)
    .set({ disabledAt: now })
    .where(
      and(
        eq(memberships.agencyId, agencyId),
        eq(memberships.collaboratorId, collaboratorId),
        isNull(memberships.disabledAt),
      ),
    );
}

export async function revokeOpenInvitations(tx: Tx, agencyId: string, collaboratorId: string, now: Date) {
  await tx
    .update(invitations)
    .set({ revokedAt: now })
    .where(
      and(
        eq(invitations.agencyId, agencyId),
        eq(invitations.collaboratorId, collaboratorId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    );
}
