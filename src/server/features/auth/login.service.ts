import { createHash, randomUUID } from 'node:crypto';
import { normalizeEmail } from '../../../shared/identifiers.js';
import { addMinutes, type Clock } from '../../clock.js';
import type { Config } from '../../config.js';
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
import { clearThrottle, findThrottle, lockThrottle, recordFailure } from './throttles.repository.js';
import { checkTotp } from './totp.js';
import { normalizeCode } from './tokens.js';
import { describeUserAgent } from './user-agent.js';
import { recordForPerson } from './person-audit.js';
import type { PasskeyService } from './passkeys.service.js';
import { findUserByEmail } from './users.repository.js';

/** Wrong second-factor codes allowed per session before it is closed and the password is needed again. */
const maxSecondFactorFailures = 5;

export type LoginService = ReturnType<typeof createLoginService>;

export function createLoginService(deps: {
  db: Database;
  keyring: Pick<Keyring, 'open' | 'mac'>;
  clock: Clock;
  config: Pick<Config, 'login'>;
  audit: AuditService;
  sessions: SessionService;
  passkeys: PasskeyService;
  notifications: NotificationService;
}) {
  const { db, keyring, clock, config, audit, sessions } = deps;

  // Throttle keys never hold the e-mail itself: the table is not a list of who tried to log in.
  const accountKey = (email: string) => `account:${createHash('sha256').update(email).digest('hex')}`;
  const ipKey = (ip: string) => `ip:${ip}`;

  async function assertNotThrottled(email: string, ip: string): Promise<void> {
    const now = clock.now();
    const [account, address] = await db.system(async (tx) => [
      await findThrottle(tx, accountKey(email)),
      await findThrottle(tx, ipKey(ip)),
    ]);
    for (const [row, code] of [
      [account, 'account_locked'],
      [address, 'rate_limited'],
    ] as const) {
      if (row?.lockedUntil && row.lockedUntil > now) {
        const seconds = Math.ceil((row.lockedUntil.getTime() - now.getTime()) / 1000);
        throw new AppError(
          code,
          'Too many failed attempts; try again later',
          { retryAfterSeconds: seconds },
          {
            retryAfterSeconds: seconds,
          },
        );
      }
    }
  }

  /** Counts a failure against the account and the address; locks either when over its limit. */
  async function recordLoginFailure(tx: Tx, email: string, ip: string): Promise<void> {
    const now = clock.now();
    const window = config.login.lockoutMinutes;
    const until = addMinutes(now, config.login.lockoutMinutes);
    if ((await recordFailure(tx, accountKey(email), now, window)) >= config.login.maxFailures) {
      await lockThrottle(tx, accountKey(email), until);
    }
    if ((await recordFailure(tx, ipKey(ip), now, window)) >= config.login.ipMaxFailures) {
      await lockThrottle(tx, ipKey(ip), until);
    }
  }

  async function completeSecondFactor(
    tx: Tx,
    session: RequestSession,
    method: SecondFactorMethod,
    client: ClientInfo,
  ): Promise<string> {
    const token = await sessions.elevate(tx, session.id, method);
    // Only a complete login clears the failures: clearing them at the password step would let
    // whoever knows the password guess second-factor codes without ever being locked out.
    await clearThrottle(tx, accountKey(session.email));
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
   * One second-factor attempt. The session row stays locked from the check to the recorded
   * failure, so codes sent at the same moment are judged one after another and no more than
   * maxSecondFactorFailures wrong ones are ever tried on a session.
   */
  async function attemptSecondFactor<T>(
    session: RequestSession,
    method: SecondFactorMethod,
    client: ClientInfo,
    check: (tx: Tx) => Promise<T | null>,
  ): Promise<{ ok: true; value: T } | { ok: false; isClosed: boolean }> {
    return db.system(async (tx) => {
      const state = await lockSessionForSecondFactor(tx, session.id);
      if (state?.secondFactorAt) {
        throw new AppError('conflict', 'This session does not wait for a second factor');
      }
      if (!state || state.revokedAt || state.failures >= maxSecondFactorFailures) {
        return { ok: false, isClosed: true };
      }
      const value = await check(tx);
      if (value !== null) {
        return { ok: true, value };
      }
      const count = await recordSecondFactorFailure(tx, session.id);
      const isClosed = count >= maxSecondFactorFailures;
      if (isClosed) {
        await revokeSession(tx, session.id, 'second_factor_failures', clock.now());
        await recordLoginFailure(tx, session.email, client.ip);
      }
      await recordForPerson(tx, audit, session.userId, {
        actor: { userId: session.userId, name: session.fullName },
        event: 'auth.second_factor_failed',
        target: { type: 'session', id: session.id },
        ip: client.ip,
        details: { method, attempt: count },
      });
      return { ok: false, isClosed };
    });
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
      const email = normalizeEmail(input.email);
      await assertNotThrottled(email, client.ip);
      const user = await db.system((tx) => findUserByEmail(tx, email));
      const isValid = await verifyPassword(user?.passwordHash ?? null, input.password);
      const membership = user && isValid ? await db.system((tx) => findDefaultMembership(tx, user.id)) : null;
      if (!user || !isValid || !membership) {
        await db.system(async (tx) => {
          await recordLoginFailure(tx, email, client.ip);
          const details = { reason: !user ? 'unknown_email' : !isValid ? 'wrong_password' : 'no_membership' };
          if (user) {
            await recordForPerson(tx, audit, user.id, {
              actor: null,
              event: 'auth.login_failed',
              target: { type: 'user', id: user.id },
              ip: client.ip,
              details,
            });
          } else {
            await audit.record(tx, {
              agencyId: null,
              actor: null,
              event: 'auth.login_failed',
              ip: client.ip,
              details,
            });
          }
        });
        throw new AppError('invalid_credentials', 'Wrong e-mail or password');
      }
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
     * The password of an existing account asked for outside the login form (accepting an
     * invitation into another agency): the same lockout applies, or that form would be a way to
     * guess passwords without limit.
     */
    async verifyAccountPassword(email: string, password: string, client: ClientInfo): Promise<boolean> {
      const normalized = normalizeEmail(email);
      await assertNotThrottled(normalized, client.ip);
      const user = await db.system((tx) => findUserByEmail(tx, normalized));
      if (await verifyPassword(user?.passwordHash ?? null, password)) {
        return true;
      }
      await db.system((tx) => recordLoginFailure(tx, normalized, client.ip));
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
