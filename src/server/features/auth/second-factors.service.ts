import { randomUUID } from 'node:crypto';
import QRCode from 'qrcode';
import type { Clock } from '../../clock.js';
import type { Keyring } from '../../crypto/keys.js';
import type { Database, Tx } from '../../db/database.js';
import { AppError } from '../../errors.js';
import type { AuditService } from '../audit/audit.service.js';
import type { NotificationService } from '../notifications/notifications.service.js';
import type { PasskeyService } from './passkeys.service.js';
import { recordForPerson } from './person-audit.js';
import type { LoginService } from './login.service.js';
import {
  countConfirmedFactors,
  countUnusedRecoveryCodes,
  deleteFactor,
  lockFactorsOf,
  deleteUnconfirmedFactors,
  findTotpFactor,
  insertFactor,
  listConfirmedPasskeys,
  listFactors,
  markTotpUsed,
  renameFactor,
  replaceRecoveryCodes,
} from './second-factors.repository.js';
import type { ClientInfo, RequestSession, SessionService } from './sessions.service.js';
import { newRecoveryCode, normalizeCode } from './tokens.js';
import { checkTotp, newTotpSecret } from './totp.js';
import { findUserById } from './users.repository.js';

const recoveryCodeCount = 10;

export type EnrolmentResult = { token: string | null; recoveryCodes: string[] | null };

export type SecondFactorService = ReturnType<typeof createSecondFactorService>;

export function createSecondFactorService(deps: {
  db: Database;
  keyring: Pick<Keyring, 'seal' | 'open' | 'mac'>;
  clock: Clock;
  audit: AuditService;
  sessions: SessionService;
  passkeys: PasskeyService;
  notifications: NotificationService;
  login: Pick<LoginService, 'verifyAccountPassword'>;
}) {
  const { db, keyring, clock, audit, sessions } = deps;

  /**
   * A factor may be added by a fully logged-in user, or by someone completing the mandatory
   * enrolment who has none yet. Never by a session that has only the password of an account that
   * already has a factor: that would let a stolen password replace the second factor.
   */
  function assertMayEnrol(session: RequestSession): void {
    if (session.state === 'second_factor_required') {
      throw new AppError('second_factor_required', 'Confirm your second factor first');
    }
  }

  async function issueRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
    const codes = Array.from({ length: recoveryCodeCount }, newRecoveryCode);
    await replaceRecoveryCodes(
      tx,
      userId,
      codes.map((code) => ({
        id: randomUUID(),
        codeHash: keyring.mac('recovery-code', `${userId}:${normalizeCode(code)}`),
      })),
      clock.now(),
    );
    return codes;
  }

  /** After a factor is confirmed: the first one completes enrolment; later ones alert the owner of the account. */
  async function afterConfirmed(
    tx: Tx,
    session: RequestSession,
    kind: 'totp' | 'passkey',
    factorId: string,
    client: ClientInfo,
  ): Promise<EnrolmentResult> {
    const isFirst = (await countConfirmedFactors(tx, session.userId)) === 1;
    await recordForPerson(tx, audit, session.userId, {
      actor: { userId: session.userId, name: session.fullName },
      event: kind === 'totp' ? 'auth.totp_enrolled' : 'auth.passkey_enrolled',
      target: { type: 'second_factor', id: factorId },
      ip: client.ip,
    });
    const recoveryCodes = isFirst ? await issueRecoveryCodes(tx, session.userId) : null;
    const token = session.state === 'active' ? null : await sessions.elevate(tx, session.id, kind);
    if (!isFirst) {
      await deps.notifications.enqueue(tx, {
        agencyId: session.agency?.id ?? null,
        to: session.email,
        template: 'second_factor_changed',
        locale: session.locale,
      });
    }
    return { token, recoveryCodes };
  }

  return {
    async list(session: RequestSession) {
      return db.user({ userId: session.userId }, async (tx) => ({
        factors: await listFactors(tx, session.userId),
        recoveryCodesRemaining: await countUnusedRecoveryCodes(tx, session.userId),
      }));
    },

    async startTotp(session: RequestSession) {
      assertMayEnrol(session);
      const factorId = randomUUID();
      const { secret, uri } = newTotpSecret(session.email);
      await db.system(async (tx) => {
        await deleteUnconfirmedFactors(tx, session.userId, 'totp');
        await insertFactor(tx, {
          id: factorId,
          userId: session.userId,
          kind: 'totp',
          label: 'Authenticator',
          totpSecretEncrypted: keyring.seal('totp-secret', factorId, Buffer.from(secret, 'utf8')),
          createdAt: clock.now(),
        });
      });
      const qrCodeDataUrl = await QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 2, scale: 6 });
      return { factorId, secret, otpauthUri: uri, qrCodeDataUrl };
    },

    async confirmTotp(
      session: RequestSession,
      input: { factorId: string; code: string; label?: string | undefined },
      client: ClientInfo,
    ): Promise<EnrolmentResult> {
      assertMayEnrol(session);
      const now = clock.now();
      const result = await db.system(async (tx) => {
        const factor = await findTotpFactor(tx, session.userId, input.factorId);
        if (!factor?.totpSecretEncrypted || factor.confirmedAt) {
          throw new AppError('not_found', 'Start the authenticator setup again');
        }
        const secret = keyring.open('totp-secret', factor.id, factor.totpSecretEncrypted).toString('utf8');
        const check = checkTotp(secret, input.code, now, factor.totpLastStep);
        if (!check.ok) {
          return null;
        }
        await markTotpUsed(tx, factor.id, { step: check.step, now, confirm: true });
        if (input.label) {
          await renameFactor(tx, factor.id, input.label);
        }
        return afterConfirmed(tx, session, 'totp', factor.id, client);
      });
      if (!result) {
        throw new AppError(
          'invalid_second_factor_code',
          'Wrong code; check the time on your phone and try again',
        );
      }
      deps.notifications.requestDelivery();
      return result;
    },

    async passkeyRegistrationOptions(session: RequestSession) {
      assertMayEnrol(session);
      const existing = await db.user({ userId: session.userId }, (tx) =>
        listConfirmedPasskeys(tx, session.userId),
      );
      return deps.passkeys.registrationOptions(session, existing);
    },

    async registerPasskey(
      session: RequestSession,
      input: { response: unknown; label?: string | undefined },
      client: ClientInfo,
    ): Promise<EnrolmentResult> {
      assertMayEnrol(session);
      const passkey = await deps.passkeys.verifyRegistration(session.id, input.response);
      const factorId = randomUUID();
      const result = await db.system(async (tx) => {
        const now = clock.now();
        await insertFactor(tx, {
          id: factorId,
          userId: session.userId,
          kind: 'passkey',
          label: input.label ?? 'Passkey',
          credentialId: passkey.credentialId,
          publicKey: passkey.publicKey,
          signCount: passkey.signCount,
          transports: passkey.transports,
          backedUp: passkey.backedUp,
          confirmedAt: now,
          createdAt: now,
        });
        return afterConfirmed(tx, session, 'passkey', factorId, client);
      });
      deps.notifications.requestDelivery();
      return result;
    },

    async remove(session: RequestSession, factorId: string, client: ClientInfo): Promise<void> {
      await db.system(async (tx) => {
        // Two removals at once must not both see "another factor is left".
        await lockFactorsOf(tx, session.userId);
        if (!(await deleteFactor(tx, session.userId, factorId))) {
          throw new AppError('not_found', 'Second factor not found');
        }
        // Checked after the delete, inside the same transaction: the last factor is never removed.
        if ((await countConfirmedFactors(tx, session.userId)) === 0) {
          throw new AppError('last_second_factor', 'Add another second factor before removing this one');
        }
        await recordForPerson(tx, audit, session.userId, {
          actor: { userId: session.userId, name: session.fullName },
          event: 'auth.second_factor_removed',
          target: { type: 'second_factor', id: factorId },
          ip: client.ip,
        });
        await deps.notifications.enqueue(tx, {
          agencyId: session.agency?.id ?? null,
          to: session.email,
          template: 'second_factor_changed',
          locale: session.locale,
        });
      });
      deps.notifications.requestDelivery();
    },

    async regenerateRecoveryCodes(
      session: RequestSession,
      password: string,
      client: ClientInfo,
    ): Promise<string[]> {
      const user = await db.user({ userId: session.userId }, (tx) => findUserById(tx, session.userId));
      if (!user || !(await deps.login.verifyAccountPassword(user.email, password, client))) {
        throw new AppError('current_password_wrong', 'Wrong password');
      }
      return db.system(async (tx) => {
        const codes = await issueRecoveryCodes(tx, session.userId);
        await recordForPerson(tx, audit, session.userId, {
          actor: { userId: session.userId, name: session.fullName },
          event: 'auth.recovery_codes_regenerated',
          target: { type: 'user', id: session.userId },
          ip: client.ip,
        });
        return codes;
      });
    },
  };
}
