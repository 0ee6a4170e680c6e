import { randomUUID } from 'node:crypto';
import { normalizeEmail } from '../../../shared/identifiers.js';
import type { Clock } from '../../clock.js';
import type { Keyring } from '../../crypto/keys.js';
import type { Database, Tx } from '../../db/database.js';
import { AppError } from '../../errors.js';
import type { AuditService } from '../audit/audit.service.js';
import type { NotificationService } from '../notifications/notifications.service.js';
import {
  findKnownDevice,
  insertKnownDevice,
  touchKnownDevice,
  countKnownDevices,
} from './devices.repository.js';
import { verifyPassword } from './passwords.js';
import {
  countUnusedRecoveryCodes,
  listConfirmedPasskeys,
  listConfirmedTotpFactors,
  markTotpUsed,
  useRecoveryCode,
} from './second-factors.repository.js';
import {
  findDefaultMembership,
  listUserMemberships,
  lockSessionForSecondFactor,
  recordSecondFactorFailure,
  revokeSession,
  setSessionAgency,
} from './sessions.repository.js';
import type { ClientInfo, RequestSession, SecondFactorMethod, SessionService } from './sessions.service.js';
import { checkTotp } from './totp.js';
import { normalizeCode } from './tokens.js';
import { describeUserAgent } from './user-agent.js';
import { recordForPerson } from './person-audit.js';
import type { AttemptGuard } from './attempt-guard.js';
import type { PasskeyService } from './passkeys.service.js';
import { findUserByEmail } from './users.repository.js';

/** Wrong second-factor codes allowed per session before it is closed and the password is needed again. */
const maxSecondFactorFailures = 5;
/** Every refused login takes at least this long (see answerFailureAfter). */
const failureAnswerMs = 250;

export type LoginService = ReturnType<typeof createLoginService>;

export function createLoginService(deps: {
  db: Database;
  keyring: Pick<Keyring, 'open' | 'mac'>;
  clock: Clock;
  audit: AuditService;
  attempts: AttemptGuard;
  sessions: SessionService;
  passkeys: PasskeyService;
  notifications: NotificationService;
}) {
  const { db, keyring, clock, audit, sessions, attempts } = deps;

  /**
   * A refused login answers after the same time whatever the reason, so that response times do
   * not tell a known e-mail (whose failure is written to each of its agencies' trails) from an
   * unknown one.
   */
  async function answerFailureAfter(startedAt: number): Promise<void> {
    const remaining = failureAnswerMs - (performance.now() - startedAt);
    if (remaining > 0) {
      await new Promise((resolve) => setTimeout(resolve, remaining));
    }
  }

  /** A refused login in the trail of each agency of the account, or the system trail if none. */
  async function recordLoginFailure(email: string, reason: string, client: ClientInfo): Promise<void> {
    await db.system(async (tx) => {
      const user = await findUserByEmail(tx, email);
      if (user) {
        await recordForPerson(tx, audit, user.id, {
          actor: null,
          event: 'auth.login_failed',
          target: { type: 'user', id: user.id },
          ip: client.ip,
          details: { reason },
        });
      } else {
        await audit.record(tx, {
          agencyId: null,
          actor: null,
          event: 'auth.login_failed',
          ip: client.ip,
          details: { reason },
        });
      }
    });
  }

  async function completeSecondFactor(
    tx: Tx,
    session: RequestSession,
    method: SecondFactorMethod,
    client: ClientInfo,
  ): Promise<string> {
    const token = await sessions.elevate(tx, session.id, method);
    await recordForPerson(tx, audit, session.userId, {
      actor: { userId: session.userId, name: session.fullName },
      event: 'auth.second_factor_verified',
      target: { type: 'session', id: session.id },
      ip: client.ip,
      details: { method },
    });
    return token;
  }

  /**
   * One second-factor attempt. Every code tried counts against the account like a wrong
   * password (a session that knows the password cannot be reopened for fresh guesses), and the
   * session row stays locked from the check to the recorded failure, so codes sent at the same
   * moment are judged one after another. A session closes after five wrong codes; the account
   * locks after LOGIN_MAX_FAILURES of them, and its owner gets a content-free warning.
   */
  async function attemptSecondFactor<T>(
    session: RequestSession,
    method: SecondFactorMethod,
    client: ClientInfo,
    check: (tx: Tx) => Promise<T | null>,
  ): Promise<{ ok: true; value: T } | { ok: false; isClosed: boolean }> {
    await attempts.take(session.email, client.ip);
    const result = await db.system(async (tx) => {
      const state = await lockSessionForSecondFactor(tx, session.id);
      if (state?.secondFactorAt) {
        throw new AppError('conflict', 'This session does not wait for a second factor');
      }
      if (!state || state.revokedAt || state.failures >= maxSecondFactorFailures) {
        return { ok: false as const, isClosed: true, wasChecked: false };
      }
      const value = await check(tx);
      if (value !== null) {
        return { ok: true as const, value };
      }
      const count = await recordSecondFactorFailure(tx, session.id);
      const isClosed = count >= maxSecondFactorFailures;
      if (isClosed) {
        await revokeSession(tx, session.id, 'second_factor_failures', clock.now());
      }
      await recordForPerson(tx, audit, session.userId, {
        actor: { userId: session.userId, name: session.fullName },
        event: 'auth.second_factor_failed',
        target: { type: 'session', id: session.id },
        ip: client.ip,
        details: { method, attempt: count },
      });
      return { ok: false as const, isClosed, wasChecked: true };
    });
    if (result.ok) {
      // Only a complete login forgets the failures: clearing them at the password step would let
      // whoever knows the password keep guessing codes.
      await attempts.succeeded(session.email, client.ip);
      await attempts.clearAccount(session.email);
      return result;
    }
    if (!result.wasChecked) {
      await attempts.succeeded(session.email, client.ip);
      return { ok: false, isClosed: true };
    }
    const { isAccountLocked } = await attempts.failed(session.email, client.ip);
    if (isAccountLocked) {
      await db.system(async (tx) => {
        await revokeSession(tx, session.id, 'account_locked', clock.now());
        await deps.notifications.enqueue(tx, {
          agencyId: session.agency?.id ?? null,
          to: session.email,
          template: 'second_factor_failures',
          locale: session.locale,
        });
      });
      deps.notifications.requestDelivery();
    }
    return { ok: false, isClosed: result.isClosed || isAccountLocked };
  }

  function assertPending(session: RequestSession): void {
    if (session.state !== 'second_factor_required') {
      throw new AppError('conflict', 'This session does not wait for a second factor');
    }
  }

  return {
    /**
     * Checks the password and opens a session that still needs the second factor. An unknown
     * e-mail and a wrong password get the same answer after the same work.
     */
    async login(input: { email: string; password: string }, client: ClientInfo): Promise<string> {
      const startedAt = performance.now();
      const email = normalizeEmail(input.email);
      const refuse = async (reason: string, error: AppError): Promise<never> => {
        await recordLoginFailure(email, reason, client);
        await answerFailureAfter(startedAt);
        throw error;
      };
      try {
        await attempts.take(email, client.ip);
      } catch (error) {
        if (error instanceof AppError) {
          return refuse('locked', error);
        }
        throw error;
      }
      const user = await db.system((tx) => findUserByEmail(tx, email));
      const isValid = await verifyPassword(user?.passwordHash ?? null, input.password);
      const membership = user && isValid ? await db.system((tx) => findDefaultMembership(tx, user.id)) : null;
      if (!user || !isValid || !membership) {
        await attempts.failed(email, client.ip);
        return refuse(
          !user ? 'unknown_email' : !isValid ? 'wrong_password' : 'no_membership',
          new AppError('invalid_credentials', 'Wrong e-mail or password'),
        );
      }
      await attempts.succeeded(email, client.ip);
      return db.system(async (tx) => {
        const token = await sessions.create(tx, { userId: user.id, agencyId: membership.agencyId, client });
        await audit.record(tx, {
          agencyId: membership.agencyId,
          actor: { userId: user.id, name: user.fullName },
          event: 'auth.login_succeeded',
          target: { type: 'user', id: user.id },
          ip: client.ip,
          details: { device: describeUserAgent(client.userAgent) },
        });
        return token;
      });
    },

    /**
     * A password asked for outside the login form (accepting an invitation with an existing
     * account, changing the password, new recovery codes): the same limits apply, or those forms
     * would be ways to guess passwords without limit.
     */
    async verifyAccountPassword(email: string, password: string, client: ClientInfo): Promise<boolean> {
      const normalized = normalizeEmail(email);
      await attempts.take(normalized, client.ip);
      const user = await db.system((tx) => findUserByEmail(tx, normalized));
      if (await verifyPassword(user?.passwordHash ?? null, password)) {
        await attempts.succeeded(normalized, client.ip);
        return true;
      }
      await attempts.failed(normalized, client.ip);
      await recordLoginFailure(normalized, 'wrong_password', client);
      return false;
    },

    async verifyTotp(session: RequestSession, code: string, client: ClientInfo): Promise<string> {
      assertPending(session);
      const now = clock.now();
      const seen = { isReused: false };
      // The factor rows stay locked from check to update: the same code sent twice at once is
      // accepted once.
      const attempt = await attemptSecondFactor(session, 'totp', client, async (tx) => {
        for (const factor of await listConfirmedTotpFactors(tx, session.userId, { lock: true })) {
          if (!factor.totpSecretEncrypted) {
            continue;
          }
          const secret = keyring.open('totp-secret', factor.id, factor.totpSecretEncrypted).toString('utf8');
          const check = checkTotp(secret, code, now, factor.totpLastStep);
          if (check.ok) {
            await markTotpUsed(tx, factor.id, { step: check.step, now, confirm: false });
            return completeSecondFactor(tx, session, 'totp', client);
          }
          seen.isReused ||= check.reason === 'reused';
        }
        return null;
      });
      if (attempt.ok) {
        return attempt.value;
      }
      if (attempt.isClosed) {
        throw new AppError('unauthenticated', 'Too many wrong codes; log in again');
      }
      throw seen.isReused
        ? new AppError('second_factor_code_reused', 'This code has already been used; wait for the next one')
        : new AppError('invalid_second_factor_code', 'Wrong code');
    },

    async verifyRecoveryCode(
      session: RequestSession,
      code: string,
      client: ClientInfo,
    ): Promise<{ token: string; remaining: number }> {
      assertPending(session);
      const codeHash = keyring.mac('recovery-code', `${session.userId}:${normalizeCode(code)}`);
      const attempt = await attemptSecondFactor(session, 'recovery_code', client, async (tx) => {
        if (!(await useRecoveryCode(tx, session.userId, codeHash, clock.now()))) {
          return null;
        }
        const remaining = await countUnusedRecoveryCodes(tx, session.userId);
        await recordForPerson(tx, audit, session.userId, {
          actor: { userId: session.userId, name: session.fullName },
          event: 'auth.recovery_code_used',
          target: { type: 'user', id: session.userId },
          ip: client.ip,
          details: { remaining },
        });
        return { token: await completeSecondFactor(tx, session, 'recovery_code', client), remaining };
      });
      if (attempt.ok) {
        return attempt.value;
      }
      if (attempt.isClosed) {
        throw new AppError('unauthenticated', 'Too many wrong codes; log in again');
      }
      throw new AppError('invalid_recovery_code', 'Wrong or already used recovery code');
    },

    async passkeyOptions(session: RequestSession) {
      assertPending(session);
      const passkeys = await db.system((tx) => listConfirmedPasskeys(tx, session.userId));
      if (passkeys.length === 0) {
        throw new AppError('conflict', 'No passkey is registered for this account');
      }
      return deps.passkeys.authenticationOptions(session.id, passkeys);
    },

    async verifyPasskey(session: RequestSession, response: unknown, client: ClientInfo): Promise<string> {
      assertPending(session);
      const passkeys = await db.system((tx) => listConfirmedPasskeys(tx, session.userId));
      const isVerified = await deps.passkeys.verifyAuthentication(session.id, passkeys, response);
      const attempt = await attemptSecondFactor(session, 'passkey', client, async (tx) =>
        isVerified ? completeSecondFactor(tx, session, 'passkey', client) : null,
      );
      if (attempt.ok) {
        return attempt.value;
      }
      if (attempt.isClosed) {
        throw new AppError('unauthenticated', 'Too many failed attempts; log in again');
      }
      throw new AppError('passkey_verification_failed', 'The passkey could not be verified');
    },

    /**
     * Remembers the browser a full login came from. A login from a browser the account has not
     * used before sends a content-free alert, except for the very first one.
     */
    async recognizeDevice(
      session: RequestSession,
      deviceId: string | null,
      client: ClientInfo,
    ): Promise<string> {
      const id = deviceId ?? randomUUID();
      const deviceHash = keyring.mac('device', `${session.userId}:${id}`);
      const now = clock.now();
      await db.system(async (tx) => {
        const known = await findKnownDevice(tx, session.userId, deviceHash);
        if (known) {
          await touchKnownDevice(tx, known.id, now);
          return;
        }
        const isFirstDevice = (await countKnownDevices(tx, session.userId)) === 0;
        await insertKnownDevice(tx, {
          id: randomUUID(),
          userId: session.userId,
          deviceHash,
          label: describeUserAgent(client.userAgent),
          firstSeenAt: now,
          lastSeenAt: now,
        });
        if (!isFirstDevice) {
          await deps.notifications.enqueue(tx, {
            agencyId: session.agency?.id ?? null,
            to: session.email,
            template: 'new_device_login',
            locale: session.locale,
          });
        }
      });
      deps.notifications.requestDelivery();
      return id;
    },

    async switchAgency(session: RequestSession, agencyId: string, client: ClientInfo): Promise<void> {
      await db.system(async (tx) => {
        const memberships = await listUserMemberships(tx, session.userId);
        if (!memberships.some((m) => m.agencyId === agencyId)) {
          throw new AppError('not_found', 'Agency not found');
        }
        await setSessionAgency(tx, session.id, agencyId);
        await audit.record(tx, {
          agencyId,
          actor: { userId: session.userId, name: session.fullName },
          event: 'auth.agency_switched',
          target: { type: 'session', id: session.id },
          ip: client.ip,
        });
      });
    },
  };
}
