import { randomUUID } from 'node:crypto';
import type { SessionInfo, SessionState } from '../../../shared/api/auth.js';
import type { Role } from '../../../shared/api/common.js';
import { addHours, addMinutes, type Clock } from '../../clock.js';
import type { Config } from '../../config.js';
import type { Keyring } from '../../crypto/keys.js';
import type { Database, Tx } from '../../db/database.js';
import { AppError } from '../../errors.js';
import type { AuditService } from '../audit/audit.service.js';
import { listConfirmedFactorKinds } from './second-factors.repository.js';
import { describeUserAgent } from './user-agent.js';
import {
  elevateSession,
  findLiveSessionByTokenHash,
  insertSession,
  listUserMemberships,
  listUserSessions,
  revokeSession,
  revokeUserSession,
  revokeUserSessions,
  touchSession,
  type LiveSession,
} from './sessions.repository.js';
import { newOpaqueToken } from './tokens.js';

/** A password-verified session has this long to complete the second factor. */
const pendingSessionMinutes = 15;
/** Writing last_seen_at on every request would turn each read into a write. */
const touchIntervalMs = 60_000;

export type SecondFactorMethod = 'totp' | 'passkey' | 'recovery_code';

/** The session a request carries, as the HTTP layer and services see it. */
export type RequestSession = {
  id: string;
  state: SessionState;
  userId: string;
  email: string;
  fullName: string;
  locale: 'pl' | 'en';
  agency: { id: string; name: string; role: Role; collaboratorId: string | null } | null;
  hasSecondFactor: boolean;
  expiresAt: Date;
};

export type ClientInfo = { ip: string; userAgent: string | null };

export type SessionService = ReturnType<typeof createSessionService>;

export function createSessionService(deps: {
  db: Database;
  keyring: Pick<Keyring, 'mac'>;
  clock: Clock;
  config: Pick<Config, 'sessions'>;
  audit: AuditService;
}) {
  const { db, keyring, clock, config } = deps;
  const hashToken = (token: string) => keyring.mac('session-token', token);

  function toRequestSession(row: LiveSession): RequestSession {
    const hasSecondFactor = row.confirmedFactors > 0;
    const state: SessionState = row.secondFactorAt
      ? 'active'
      : hasSecondFactor
        ? 'second_factor_required'
        : 'enrolment_required';
    const isMember = row.membershipId !== null && row.role !== null && row.membershipDisabledAt === null;
    return {
      id: row.id,
      state,
      userId: row.userId,
      email: row.email,
      fullName: row.fullName,
      locale: row.locale,
      agency:
        isMember && row.agencyId && row.agencyName && row.role
          ? { id: row.agencyId, name: row.agencyName, role: row.role, collaboratorId: row.collaboratorId }
          : null,
      hasSecondFactor,
      expiresAt: row.expiresAt,
    };
  }

  return {
    hashToken,

    /** Starts a session that still needs its second factor; returns the cookie token. */
    async create(
      tx: Tx,
      input: { userId: string; agencyId: string | null; client: ClientInfo },
    ): Promise<string> {
      const token = newOpaqueToken();
      const now = clock.now();
      await insertSession(tx, {
        id: randomUUID(),
        userId: input.userId,
        agencyId: input.agencyId,
        tokenHash: hashToken(token),
        createdAt: now,
        lastSeenAt: now,
        expiresAt: addMinutes(now, pendingSessionMinutes),
        ip: input.client.ip,
        userAgent: input.client.userAgent?.slice(0, 500) ?? null,
      });
      return token;
    },

    /**
     * Finds the session of a cookie token and applies the idle and absolute limits. An expired
     * session is revoked on the spot, so that it is gone from every list too.
     */
    async resolve(token: string): Promise<RequestSession> {
      const now = clock.now();
      const row = await db.system((tx) => findLiveSessionByTokenHash(tx, hashToken(token)));
      if (!row) {
        throw new AppError('unauthenticated', 'Not logged in');
      }
      const idleLimit = addMinutes(row.lastSeenAt, config.sessions.idleMinutes);
      const reason = row.expiresAt <= now ? 'expired' : idleLimit <= now ? 'idle_timeout' : null;
      if (reason) {
        await db.system((tx) => revokeSession(tx, row.id, reason, now));
        throw new AppError('session_expired', 'The session has expired; log in again');
      }
      if (now.getTime() - row.lastSeenAt.getTime() > touchIntervalMs) {
        await db.system((tx) => touchSession(tx, row.id, now));
      }
      return toRequestSession(row);
    },

    /** After a verified second factor: a fresh token (no session fixation) and the full lifetime. */
    async elevate(tx: Tx, sessionId: string, method: SecondFactorMethod): Promise<string> {
      const token = newOpaqueToken();
      const now = clock.now();
      await elevateSession(tx, sessionId, {
        tokenHash: hashToken(token),
        method,
        now,
        expiresAt: addHours(now, config.sessions.maxHours),
      });
      return token;
    },

    async describe(session: RequestSession): Promise<SessionInfo> {
      const { memberships, methods } = await db.user({ userId: session.userId }, async (tx) => ({
        memberships: await listUserMemberships(tx, session.userId),
        methods: await listConfirmedFactorKinds(tx, session.userId),
      }));
      return {
        state: session.state,
        user: {
          id: session.userId,
          email: session.email,
          fullName: session.fullName,
          locale: session.locale,
        },
        agency: session.agency,
        memberships,
        methods: [...methods, ...(methods.length > 0 ? (['recovery_code'] as const) : [])],
        expiresAt: session.expiresAt,
        idleTimeoutMinutes: config.sessions.idleMinutes,
      };
    },

    async list(session: RequestSession) {
      const now = clock.now();
      // A session idle past the limit is dead even before anyone presents it and resolve() revokes it.
      const rows = await db.user({ userId: session.userId }, (tx) =>
        listUserSessions(tx, session.userId, now, addMinutes(now, -config.sessions.idleMinutes)),
      );
      return rows.map((row) => ({
        id: row.id,
        current: row.id === session.id,
        device: describeUserAgent(row.userAgent),
        ip: row.ip,
        createdAt: row.createdAt,
        lastSeenAt: row.lastSeenAt,
        secondFactorMethod: row.secondFactorMethod,
      }));
    },

    async revoke(session: RequestSession, sessionId: string, client: ClientInfo): Promise<void> {
      await db.system(async (tx) => {
        const revoked = await revokeUserSession(
          tx,
          session.userId,
          sessionId,
          'revoked_by_user',
          clock.now(),
        );
        if (!revoked) {
          throw new AppError('not_found', 'Session not found');
        }
        await deps.audit.record(tx, {
          agencyId: session.agency?.id ?? null,
          actor: { userId: session.userId, name: session.fullName },
          event: 'session.revoked',
          target: { type: 'session', id: sessionId },
          ip: client.ip,
          details: { scope: sessionId === session.id ? 'current' : 'one' },
        });
      });
    },

    async revokeAll(session: RequestSession, includeCurrent: boolean, client: ClientInfo): Promise<number> {
      return db.system(async (tx) => {
        const count = await revokeUserSessions(
          tx,
          session.userId,
          'revoked_by_user',
          clock.now(),
          includeCurrent ? undefined : session.id,
        );
        await deps.audit.record(tx, {
          agencyId: session.agency?.id ?? null,
          actor: { userId: session.userId, name: session.fullName },
          event: 'session.revoked',
          ip: client.ip,
          details: { scope: includeCurrent ? 'all' : 'others', count },
        });
        return count;
      });
    },

    async logout(session: RequestSession, client: ClientInfo): Promise<void> {
      await db.system(async (tx) => {
        await revokeSession(tx, session.id, 'logout', clock.now());
        await deps.audit.record(tx, {
          agencyId: session.agency?.id ?? null,
          actor: { userId: session.userId, name: session.fullName },
          event: 'auth.logout',
          target: { type: 'session', id: session.id },
          ip: client.ip,
        });
      });
    },
  };
}
