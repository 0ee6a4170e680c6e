import { randomUUID } from 'node:crypto';
import { normalizeEmail } from '../../../shared/identifiers.js';
import { addHours, type Clock } from '../../clock.js';
import type { Config } from '../../config.js';
import type { Keyring } from '../../crypto/keys.js';
import type { Database, Tx } from '../../db/database.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../http/access.js';
import { requireEmail } from '../../validation.js';
import type { AuditService } from '../audit/audit.service.js';
import { assertAcceptablePassword } from '../auth/password-policy.js';
import type { AttemptGuard } from '../auth/attempt-guard.js';
import type { LoginService } from '../auth/login.service.js';
import { hashPassword } from '../auth/passwords.js';
import type { ClientInfo, SessionService } from '../auth/sessions.service.js';
import { newInvitationCode, normalizeCode } from '../auth/tokens.js';
import { findUserByEmail, insertUser } from '../auth/users.repository.js';
import { insertMembership } from '../agencies/agencies.repository.js';
import type { CollaboratorService } from '../collaborators/collaborators.service.js';
import type { NotificationService } from '../notifications/notifications.service.js';
import {
  activeMembershipByEmail,
  findInvitation,
  findInvitationByCodeHash,
  findMembershipOfUser,
  findOpenInvitationByEmail,
  insertInvitation,
  linkCollaboratorUser,
  listInvitations,
  reactivateMembership,
  updateInvitation,
  type InvitationRow,
} from './invitations.repository.js';

/** Right code with a wrong e-mail this many times and the invitation is revoked: someone is guessing. */
const maxEmailMismatches = 5;

export type InvitationService = ReturnType<typeof createInvitationService>;

export function createInvitationService(deps: {
  db: Database;
  keyring: Pick<Keyring, 'mac'>;
  clock: Clock;
  config: Pick<Config, 'invitationTtlHours' | 'login'>;
  audit: AuditService;
  sessions: SessionService;
  login: Pick<LoginService, 'verifyAccountPassword'>;
  attempts: Pick<AttemptGuard, 'takeCode' | 'codeFailed' | 'codeSucceeded'>;
  notifications: NotificationService;
  collaborators: CollaboratorService;
}) {
  const { db, keyring, clock, config, audit, notifications } = deps;
  const hashCode = (code: string) => keyring.mac('invitation-code', normalizeCode(code));

  function present(row: InvitationRow) {
    const now = clock.now();
    const status: 'pending' | 'expired' | 'accepted' | 'revoked' = row.acceptedAt
      ? 'accepted'
      : row.revokedAt
        ? 'revoked'
        : row.expiresAt <= now
          ? 'expired'
          : 'pending';
    return {
      id: row.id,
      email: row.email,
      fullName: row.fullName,
      role: row.role,
      collaboratorId: row.collaboratorId,
      status,
      expiresAt: row.expiresAt,
      sentCount: row.sentCount,
      lastSentAt: row.lastSentAt,
      createdAt: row.createdAt,
      acceptedAt: row.acceptedAt,
      revokedAt: row.revokedAt,
    };
  }

  function auditRecord(
    tx: Tx,
    actor: Actor,
    event: 'invitation.created' | 'invitation.resent' | 'invitation.revoked',
    invitationId: string,
    details?: Record<string, string>,
  ) {
    return audit.record(tx, {
      agencyId: actor.agencyId,
      actor: { userId: actor.userId, name: actor.name },
      event,
      target: { type: 'invitation', id: invitationId },
      ip: actor.client.ip,
      details,
    });
  }

  /** Creates the invitation and its e-mail in one transaction: neither exists without the other. */
  async function create(
    tx: Tx,
    actor: Actor,
    invitee: {
      email: string;
      fullName: string;
      role: 'staff' | 'collaborator';
      collaboratorId: string | null;
    },
  ) {
    if (await findOpenInvitationByEmail(tx, actor.agencyId, invitee.email)) {
      throw new AppError(
        'invitation_pending_exists',
        'An invitation for this e-mail is already waiting; resend it instead',
      );
    }
    if (await activeMembershipByEmail(tx, actor.agencyId, invitee.email)) {
      throw new AppError('membership_exists', 'This person already has access to the agency');
    }
    const code = newInvitationCode();
    const now = clock.now();
    const id = randomUUID();
    await insertInvitation(tx, {
      id,
      agencyId: actor.agencyId,
      email: invitee.email,
      fullName: invitee.fullName,
      role: invitee.role,
      collaboratorId: invitee.collaboratorId,
      codeHash: hashCode(code),
      expiresAt: addHours(now, config.invitationTtlHours),
      createdBy: actor.userId,
      createdAt: now,
      lastSentAt: now,
    });
    await notifications.enqueue(tx, {
      agencyId: actor.agencyId,
      to: invitee.email,
      template: 'invitation',
      locale: 'pl',
      invitationCode: code,
    });
    await auditRecord(tx, actor, 'invitation.created', id, { role: invitee.role });
    const row = await findInvitation(tx, actor.agencyId, id);
    if (!row) {
      throw new Error('invitation vanished');
    }
    return present(row);
  }

  async function loadForChange(tx: Tx, actor: Actor, id: string) {
    const row = await findInvitation(tx, actor.agencyId, id);
    // Staff manage collaborators' invitations; only the owner manages the team's.
    if (!row || (row.role === 'staff' && actor.role !== 'owner')) {
      throw new AppError('not_found', 'Invitation not found');
    }
    if (row.acceptedAt) {
      throw new AppError('invitation_used', 'This invitation has already been accepted');
    }
    if (row.revokedAt) {
      throw new AppError('invitation_revoked', 'This invitation has been revoked');
    }
    return row;
  }

  /** The checks every use of a code goes through; failures count against the address. */
  async function resolveCode(tx: Tx, input: { email: string; code: string }) {
    const now = clock.now();
    const found = await findInvitationByCodeHash(tx, hashCode(input.code));
    const emailMatches = found?.invitation.email === normalizeEmail(input.email);
    if (!found || !emailMatches) {
      return { ok: false as const, found };
    }
    const { invitation } = found;
    if (invitation.revokedAt) {
      throw new AppError(
        'invitation_revoked',
        'This invitation has been revoked; ask the agency for a new one',
      );
    }
    if (invitation.acceptedAt) {
      throw new AppError('invitation_used', 'This invitation has already been used; log in instead');
    }
    if (invitation.expiresAt <= now) {
      throw new AppError(
        'invitation_expired',
        'This invitation has expired; ask the agency to send it again',
      );
    }
    return { ok: true as const, found };
  }

  /** Records a wrong code or e-mail outside the failing transaction, then refuses. */
  async function refuse(
    failure: { found: Awaited<ReturnType<typeof findInvitationByCodeHash>> },
    client: ClientInfo,
  ): Promise<never> {
    await deps.attempts.codeFailed(client.ip);
    await db.system(async (tx) => {
      const now = clock.now();
      // Only an invitation still waiting to be accepted counts attempts; a used or revoked one stays as it is.
      const invitation = failure.found?.invitation;
      if (invitation && !invitation.acceptedAt && !invitation.revokedAt) {
        const attempts = invitation.failedAttempts + 1;
        await updateInvitation(tx, invitation.id, {
          failedAttempts: attempts,
          ...(attempts >= maxEmailMismatches ? { revokedAt: now } : {}),
        });
        await audit.record(tx, {
          agencyId: invitation.agencyId,
          actor: null,
          event: 'invitation.failed',
          target: { type: 'invitation', id: invitation.id },
          ip: client.ip,
          details: { reason: 'email_mismatch', attempts, revoked: attempts >= maxEmailMismatches },
        });
      }
    });
    throw new AppError('invitation_invalid', 'The e-mail or the code is wrong');
  }

  /**
   * A code from a person: counted against their address first (a burst of guesses cannot pass
   * the limit), given back when it was right, even if the invitation turns out used or expired.
   */
  async function lookUp(input: { email: string; code: string }, client: ClientInfo) {
    await deps.attempts.takeCode(client.ip);
    let result: Awaited<ReturnType<typeof resolveCode>>;
    try {
      result = await db.system((tx) => resolveCode(tx, input));
    } catch (error) {
      await deps.attempts.codeSucceeded(client.ip);
      throw error;
    }
    if (!result.ok) {
      return refuse(result, client);
    }
    await deps.attempts.codeSucceeded(client.ip);
    return result;
  }

  return {
    async list(actor: Actor, status: 'pending' | 'all') {
      const rows = await db.tenant(actor, (tx) => listInvitations(tx, actor.agencyId, status === 'pending'));
      return rows.filter((row) => row.role === 'collaborator' || actor.role === 'owner').map(present);
    },

    async inviteCollaborator(actor: Actor, collaboratorId: string) {
      const result = await db.tenant(actor, async (tx) => {
        const collaborator = await deps.collaborators.requireActive(tx, actor, collaboratorId);
        if (collaborator.userId) {
          const membership = await findMembershipOfUser(tx, actor.agencyId, collaborator.userId);
          if (membership && !membership.disabledAt) {
            throw new AppError('collaborator_already_active', 'This collaborator already has access');
          }
        }
        return create(tx, actor, {
          email: collaborator.email,
          fullName: collaborator.fullName,
          role: 'collaborator',
          collaboratorId,
        });
      });
      notifications.requestDelivery();
      return result;
    },

    async inviteStaff(actor: Actor, input: { email: string; fullName: string }) {
      const email = requireEmail(input.email);
      const result = await db.tenant(actor, (tx) =>
        create(tx, actor, { email, fullName: input.fullName, role: 'staff', collaboratorId: null }),
      );
      notifications.requestDelivery();
      return result;
    },

    /** A new code and a new expiry; the old code stops working. */
    async resend(actor: Actor, id: string) {
      const result = await db.tenant(actor, async (tx) => {
        const row = await loadForChange(tx, actor, id);
        const code = newInvitationCode();
        const now = clock.now();
        await updateInvitation(tx, id, {
          codeHash: hashCode(code),
          expiresAt: addHours(now, config.invitationTtlHours),
          sentCount: row.sentCount + 1,
          lastSentAt: now,
          failedAttempts: 0,
        });
        await notifications.enqueue(tx, {
          agencyId: actor.agencyId,
          to: row.email,
          template: 'invitation',
          locale: 'pl',
          invitationCode: code,
        });
        await auditRecord(tx, actor, 'invitation.resent', id);
        const updated = await findInvitation(tx, actor.agencyId, id);
        return updated ? present(updated) : present(row);
      });
      notifications.requestDelivery();
      return result;
    },

    async revoke(actor: Actor, id: string) {
      return db.tenant(actor, async (tx) => {
        await loadForChange(tx, actor, id);
        await updateInvitation(tx, id, { revokedAt: clock.now() });
        await auditRecord(tx, actor, 'invitation.revoked', id);
        const row = await findInvitation(tx, actor.agencyId, id);
        if (!row) {
          throw new AppError('not_found', 'Invitation not found');
        }
        return present(row);
      });
    },

    /** What the acceptance form shows before the person sets a password. */
    async check(input: { email: string; code: string }, client: ClientInfo) {
      const { invitation, agencyName } = (await lookUp(input, client)).found;
      const existing = await db.system((tx) => findUserByEmail(tx, invitation.email));
      return {
        fullName: invitation.fullName,
        agencyName,
        role: invitation.role,
        existingAccount: existing !== null,
      };
    },

    /**
     * Accepting creates the account (or, for an e-mail that already has one, asks for its
     * password), the membership and a session that must enrol a second factor next.
     */
    async accept(
      input: {
        email: string;
        code: string;
        password: string;
        fullName?: string | undefined;
        locale?: 'pl' | 'en' | undefined;
      },
      client: ClientInfo,
    ): Promise<string> {
      const preview = await lookUp(input, client);
      const email = preview.found.invitation.email;
      const fullName = input.fullName ?? preview.found.invitation.fullName;
      const existing = await db.system((tx) => findUserByEmail(tx, email));
      if (existing) {
        if (!(await deps.login.verifyAccountPassword(existing.email, input.password, client))) {
          throw new AppError(
            'invalid_credentials',
            'This e-mail already has a Sejf account: enter its password',
          );
        }
      } else {
        assertAcceptablePassword(input.password, [email, fullName, preview.found.agencyName]);
      }
      const passwordHash = existing ? null : await hashPassword(input.password);
      return db.system(async (tx) => {
        const result = await resolveCode(tx, input);
        if (!result.ok) {
          throw new AppError('invitation_invalid', 'The e-mail or the code is wrong');
        }
        const { invitation } = result.found;
        const now = clock.now();
        const userId = existing?.id ?? randomUUID();
        if (!existing && passwordHash) {
          if (await findUserByEmail(tx, email)) {
            throw new AppError('email_taken', 'This e-mail already has an account');
          }
          await insertUser(tx, {
            id: userId,
            email,
            fullName,
            passwordHash,
            passwordChangedAt: now,
            locale: input.locale ?? 'pl',
            createdAt: now,
          });
        }
        const membership = await findMembershipOfUser(tx, invitation.agencyId, userId);
        if (membership) {
          await reactivateMembership(tx, membership.id, {
            role: invitation.role,
            collaboratorId: invitation.collaboratorId,
          });
        } else {
          await insertMembership(tx, {
            id: randomUUID(),
            agencyId: invitation.agencyId,
            userId,
            role: invitation.role,
            collaboratorId: invitation.collaboratorId,
            createdAt: now,
          });
        }
        if (invitation.collaboratorId) {
          await linkCollaboratorUser(tx, invitation.collaboratorId, userId, now);
        }
        await updateInvitation(tx, invitation.id, { acceptedAt: now, acceptedBy: userId });
        await audit.record(tx, {
          agencyId: invitation.agencyId,
          actor: { userId, name: fullName },
          event: 'invitation.accepted',
          target: { type: 'invitation', id: invitation.id },
          ip: client.ip,
          details: { role: invitation.role, existingAccount: existing !== null },
        });
        return deps.sessions.create(tx, { userId, agencyId: invitation.agencyId, client });
      });
    },
  };
}
