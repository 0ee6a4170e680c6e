import { and, desc, eq, ilike, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/database.js';
import { qualified } from '../../db/qualified.js';
import { collaborators, invitations, memberships } from '../../db/schema/agencies.js';

export type NewCollaborator = typeof collaborators.$inferInsert;
export type CollaboratorRow = typeof collaborators.$inferSelect;

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

// Drizzle leaves columns unqualified in a single-table select, and inside this subquery a bare
// "id" is the membership's own id: every column here names its table.
const columns = {
  collaborator: collaborators,
  membershipActive: sql<boolean>`exists (
    select 1 from ${memberships}
    where ${qualified(memberships, memberships.collaboratorId)} = ${qualified(collaborators, collaborators.id)}
      and ${qualified(memberships, memberships.disabledAt)} is null
  )`,
};

export async function listCollaborators(
  tx: Tx,
  agencyId: string,
  query: { q?: string | undefined; status: 'current' | 'archived' | 'all' },
) {
  const conditions: SQL[] = [eq(collaborators.agencyId, agencyId)];
  if (query.status === 'current') {
    conditions.push(isNull(collaborators.archivedAt));
  } else if (query.status === 'archived') {
    conditions.push(isNotNull(collaborators.archivedAt));
  }
  if (query.q) {
    const pattern = `%${escapeLike(query.q)}%`;
    const search = or(
      ilike(collaborators.fullName, pattern),
      ilike(collaborators.knfNumber, pattern),
      ilike(collaborators.email, pattern),
    );
    if (search) {
      conditions.push(search);
    }
  }
  return tx
    .select(columns)
    .from(collaborators)
    .where(and(...conditions))
    .orderBy(collaborators.fullName)
    .limit(1000);
}

export async function findCollaborator(tx: Tx, agencyId: string, id: string) {
  const [row] = await tx
    .select(columns)
    .from(collaborators)
    .where(and(eq(collaborators.agencyId, agencyId), eq(collaborators.id, id)));
  return row ?? null;
}

export async function insertCollaborator(tx: Tx, collaborator: NewCollaborator): Promise<void> {
  await tx.insert(collaborators).values(collaborator);
}

export async function updateCollaborator(
  tx: Tx,
  agencyId: string,
  id: string,
  values: Partial<NewCollaborator>,
): Promise<void> {
  await tx
    .update(collaborators)
    .set(values)
    .where(and(eq(collaborators.agencyId, agencyId), eq(collaborators.id, id)));
}

/** The newest invitation that is neither accepted nor revoked, per collaborator. */
export async function listOpenInvitations(tx: Tx, agencyId: string) {
  return tx
    .select({
      id: invitations.id,
      collaboratorId: invitations.collaboratorId,
      expiresAt: invitations.expiresAt,
      sentCount: invitations.sentCount,
      lastSentAt: invitations.lastSentAt,
    })
    .from(invitations)
    .where(
      and(eq(invitations.agencyId, agencyId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)),
    )
    .orderBy(desc(invitations.createdAt));
}
