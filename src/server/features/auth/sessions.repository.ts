import { and, desc, eq, isNotNull, isNull, ne, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.js';
import { agencies, memberships } from '../../db/schema/agencies.js';
import { secondFactors, sessions, users } from '../../db/schema/identity.js';

export type NewSession = typeof sessions.$inferInsert;

export async function insertSession(tx: Tx, session: NewSession): Promise<void> {
  await tx.insert(sessions).values(session);
}

/** Everything a request needs to know about its session, in one query. */
export async function findLiveSessionByTokenHash(tx: Tx, tokenHash: Buffer) {
  const [row] = await tx
    .select({
      id: sessions.id,
      userId: sessions.userId,
      agencyId: sessions.agencyId,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      secondFactorAt: sessions.secondFactorAt,
      secondFactorMethod: sessions.secondFactorMethod,
      email: users.email,
      fullName: users.fullName,
      locale: users.locale,
      membershipId: memberships.id,
      role: memberships.role,
      collaboratorId: memberships.collaboratorId,
      membershipDisabledAt: memberships.disabledAt,
      agencyName: agencies.name,
      confirmedFactors: sql<number>`(
        select count(*)::int from ${secondFactors}
        where ${secondFactors.userId} = ${sessions.userId} and ${secondFactors.confirmedAt} is not null
      )`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(
      memberships,
      and(eq(memberships.userId, sessions.userId), eq(memberships.agencyId, sessions.agencyId)),
    )
    .leftJoin(agencies, eq(agencies.id, sessions.agencyId))
    .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt)));
  return row ?? null;
}

export type LiveSession = NonNullable<Awaited<ReturnType<typeof findLiveSessionByTokenHash>>>;

export async function touchSession(tx: Tx, id: string, now: Date): Promise<void> {
  await tx.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
}

export async function revokeSession(tx: Tx, id: string, reason: string, now: Date): Promise<boolean> {
  const rows = await tx
    .update(sessions)
    .set({ revokedAt: now, revokedReason: reason })
    .where(and(eq(sessions.id, id), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return rows.length > 0;
}

export async function revokeUserSession(
  tx: Tx,
  userId: string,
  id: string,
  reason: string,
  now: Date,
): Promise<boolean> {
  const rows = await tx
    .update(sessions)
    .set({ revokedAt: now, revokedReason: reason })
    .where(and(eq(sessions.id, id), eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return rows.length > 0;
}

export async function revokeUserSessions(
  tx: Tx,
  userId: string,
  reason: string,
  now: Date,
  exceptSessionId?: string,
): Promise<number> {
  const conditions = [eq(sessions.userId, userId), isNull(sessions.revokedAt)];
  if (exceptSessionId) {
    conditions.push(ne(sessions.id, exceptSessionId));
  }
  const rows = await tx
    .update(sessions)
    .set({ revokedAt: now, revokedReason: reason })
    .where(and(...conditions))
    .returning({ id: sessions.id });
  return rows.length;
}

/** Sessions still usable at `now`: not revoked, past the second factor, within both limits. */
export async function listUserSessions(tx: Tx, userId: string, now: Date, idleSince: Date) {
  return tx
    .select({
      id: sessions.id,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      ip: sessions.ip,
      userAgent: sessions.userAgent,
      secondFactorMethod: sessions.secondFactorMethod,
    })
    .from(sessions)
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        isNotNull(sessions.secondFactorAt),
        sql`${sessions.expiresAt} > ${now}`,
        sql`${sessions.lastSeenAt} > ${idleSince}`,
      ),
    )
    .orderBy(desc(sessions.lastSeenAt));
}

export async function elevateSession(
  tx: Tx,
  id: string,
  values: { tokenHash: Buffer; method: 'totp' | 'passkey' | 'recovery_code'; now: Date; expiresAt: Date },
): Promise<void> {
  await tx
    .update(sessions)
    .set({
      tokenHash: values.tokenHash,
      secondFactorAt: values.now,
      secondFactorMethod: values.method,
      lastSeenAt: values.now,
      expiresAt: values.expiresAt,
      failedSecondFactorAttempts: 0,
      webauthnChallenge: null,
      webauthnChallengeExpiresAt: null,
    })
    .where(eq(sessions.id, id));
}

/** The session goes on under a new token; the old one stops working at once. */
export async function replaceSessionToken(tx: Tx, id: string, tokenHash: Buffer): Promise<void> {
  await tx.update(sessions).set({ tokenHash }).where(eq(sessions.id, id));
}

/** A session's second-factor state, locked until the transaction ends. */
export async function lockSessionForSecondFactor(tx: Tx, id: string) {
  const [row] = await tx
    .select({
      failures: sessions.failedSecondFactorAttempts,
      secondFactorAt: sessions.secondFactorAt,
      revokedAt: sessions.revokedAt,
    })
    .from(sessions)
    .where(eq(sessions.id, id))
    .for('update');
  return row ?? null;
}

export async function recordSecondFactorFailure(tx: Tx, id: string): Promise<number> {
  const [row] = await tx
    .update(sessions)
    .set({ failedSecondFactorAttempts: sql`${sessions.failedSecondFactorAttempts} + 1` })
    .where(eq(sessions.id, id))
    .returning({ failures: sessions.failedSecondFactorAttempts });
  return row?.failures ?? 0;
}

export async function setWebauthnChallenge(
  tx: Tx,
  id: string,
  challenge: string | null,
  expiresAt: Date | null,
): Promise<void> {
  await tx
    .update(sessions)
    .set({ webauthnChallenge: challenge, webauthnChallengeExpiresAt: expiresAt })
    .where(eq(sessions.id, id));
}

export async function takeWebauthnChallenge(tx: Tx, id: string, now: Date): Promise<string | null> {
  const [row] = await tx
    .select({ challenge: sessions.webauthnChallenge, expiresAt: sessions.webauthnChallengeExpiresAt })
    .from(sessions)
    .where(eq(sessions.id, id));
  await setWebauthnChallenge(tx, id, null, null);
  if (!row?.challenge || !row.expiresAt || row.expiresAt <= now) {
    return null;
  }
  return row.challenge;
}

export async function setSessionAgency(tx: Tx, id: string, agencyId: string): Promise<void> {
  await tx.update(sessions).set({ agencyId }).where(eq(sessions.id, id));
}

/** The membership a new session acts in: the most recent active one. */
export async function findDefaultMembership(tx: Tx, userId: string) {
  const [row] = await tx
    .select({ agencyId: memberships.agencyId, role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), isNull(memberships.disabledAt)))
    .orderBy(desc(memberships.createdAt))
    .limit(1);
  return row ?? null;
}

export async function listUserMemberships(tx: Tx, userId: string) {
  return tx
    .select({ agencyId: memberships.agencyId, role: memberships.role, agencyName: agencies.name })
    .from(memberships)
    .innerJoin(agencies, eq(agencies.id, memberships.agencyId))
    .where(and(eq(memberships.userId, userId), isNull(memberships.disabledAt)))
    .orderBy(agencies.name);
}

/** When a membership ends, the sessions acting in that agency end with it. */
export async function revokeSessionsInAgency(
  tx: Tx,
  userId: string,
  agencyId: string,
  reason: string,
  now: Date,
): Promise<number> {
  const rows = await tx
    .update(sessions)
    .set({ revokedAt: now, revokedReason: reason })
    .where(and(eq(sessions.userId, userId), eq(sessions.agencyId, agencyId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return rows.length;
}
