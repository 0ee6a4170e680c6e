import type { Clock } from '../../clock.js';
import type { Keyring } from '../../crypto/keys.js';
import type { Database } from '../../db/database.js';
import { AppError } from '../../errors.js';
import type { AuditService } from '../audit/audit.service.js';
import type { NotificationService } from '../notifications/notifications.service.js';
import { deleteKnownDevice, listKnownDevices } from './devices.repository.js';
import { assertAcceptablePassword } from './password-policy.js';
import type { LoginService } from './login.service.js';
import { hashPassword } from './passwords.js';
import type { SecondFactorService } from './second-factors.service.js';
import { recordForPerson } from './person-audit.js';
import { replaceSessionToken, revokeUserSessions } from './sessions.repository.js';
import type { ClientInfo, RequestSession, SessionService } from './sessions.service.js';
import { newOpaqueToken } from './tokens.js';
import { findUserById, updateUser } from './users.repository.js';

export type AccountService = ReturnType<typeof createAccountService>;

export function createAccountService(deps: {
  db: Database;
  keyring: Pick<Keyring, 'mac'>;
  clock: Clock;
  audit: AuditService;
  secondFactors: SecondFactorService;
  login: Pick<LoginService, 'verifyAccountPassword'>;
  notifications: NotificationService;
  sessions: Pick<SessionService, 'hashToken'>;
}) {
  const { db, clock } = deps;

  async function loadUser(userId: string) {
    const user = await db.user({ userId }, (tx) => findUserById(tx, userId));
    if (!user) {
      throw new AppError('unauthenticated', 'Not logged in');
    }
    return user;
  }

  return {
    async get(session: RequestSession) {
      const user = await loadUser(session.userId);
      const { factors, recoveryCodesRemaining } = await deps.secondFactors.list(session);
      return {
        id: user.id,
        email: user.email,
        fullName: user.fullName,
        locale: user.locale,
        passwordChangedAt: user.passwordChangedAt,
        secondFactors: factors,
        recoveryCodesRemaining,
      };
    },

    /** The name is what every audit entry of this person shows, so a new name is itself recorded. */
    async update(
      session: RequestSession,
      input: { locale?: 'pl' | 'en' | undefined; fullName?: string | undefined },
      client: ClientInfo,
    ) {
      const isRenamed = input.fullName !== undefined && input.fullName !== session.fullName;
      await db.system(async (tx) => {
        await updateUser(tx, session.userId, {
          ...(input.locale ? { locale: input.locale } : {}),
          ...(input.fullName ? { fullName: input.fullName } : {}),
        });
        if (isRenamed) {
          await recordForPerson(tx, deps.audit, session.userId, {
            actor: { userId: session.userId, name: input.fullName ?? session.fullName },
            event: 'account.updated',
            target: { type: 'user', id: session.userId },
            ip: client.ip,
            details: { fields: 'fullName', previousName: session.fullName },
          });
        }
      });
    },

    /**
     * A new password ends every other session (whoever knew the old one is logged out everywhere) and gives this
     * one a new token, so that even a copy of this browser's cookie taken before the change stops working.
     */
    async changePassword(
      session: RequestSession,
      input: { currentPassword: string; newPassword: string },
      client: ClientInfo,
    ): Promise<{ revoked: number; token: string }> {
      const user = await loadUser(session.userId);
      if (!(await deps.login.verifyAccountPassword(user.email, input.currentPassword, client))) {
        throw new AppError('current_password_wrong', 'The current password is wrong');
      }
      if (input.newPassword === input.currentPassword) {
        throw new AppError('validation_failed', 'The new password must differ from the current one', {
          fields: { newPassword: 'same_as_current' },
        });
      }
      assertAcceptablePassword(input.newPassword, [user.email, user.fullName]);
      const passwordHash = await hashPassword(input.newPassword);
      const revoked = await db.system(async (tx) => {
        const now = clock.now();
        await updateUser(tx, session.userId, { passwordHash, passwordChangedAt: now });
        const count = await revokeUserSessions(tx, session.userId, 'password_changed', now, session.id);
        const token = newOpaqueToken();
        await replaceSessionToken(tx, session.id, deps.sessions.hashToken(token));
        await recordForPerson(tx, deps.audit, session.userId, {
          actor: { userId: session.userId, name: session.fullName },
          event: 'auth.password_changed',
          target: { type: 'user', id: session.userId },
          ip: client.ip,
          details: { revokedSessions: count },
        });
        await deps.notifications.enqueue(tx, {
          agencyId: session.agency?.id ?? null,
          to: session.email,
          template: 'password_changed',
          locale: session.locale,
        });
        return { revoked: count, token };
      });
      deps.notifications.requestDelivery();
      return revoked;
    },

    async listDevices(session: RequestSession, currentDeviceId: string | null) {
      const currentHash = currentDeviceId
        ? deps.keyring.mac('device', `${session.userId}:${currentDeviceId}`)
        : null;
      const rows = await db.user({ userId: session.userId }, (tx) => listKnownDevices(tx, session.userId));
      return rows.map((row) => ({
        id: row.id,
        label: row.label,
        firstSeenAt: row.firstSeenAt,
        lastSeenAt: row.lastSeenAt,
        current: currentHash !== null && row.deviceHash.equals(currentHash),
      }));
    },

    /** Forgetting a device means the next login from it sends the new-device alert again. */
    async forgetDevice(session: RequestSession, deviceId: string): Promise<void> {
      const deleted = await db.user({ userId: session.userId }, (tx) =>
        deleteKnownDevice(tx, session.userId, deviceId),
      );
      if (!deleted) {
        throw new AppError('not_found', 'Device not found');
      }
    },
  };
}
