import { randomUUID } from 'node:crypto';
import type {
  CollaboratorInput,
  CollaboratorStatus,
  CollaboratorUpdate,
  TaxMode,
} from '../../../shared/api/collaborators.js';
import { maskPesel } from '../../../shared/identifiers.js';
import type { Clock } from '../../clock.js';
import type { Database, Tx } from '../../db/database.js';
import { violatedUniqueConstraint } from '../../db/errors.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../http/access.js';
import {
  requireEmail,
  requireIban,
  requireKnfNumber,
  requireNip,
  requirePesel,
  requirePhone,
} from '../../validation.js';
import type { AuditService } from '../audit/audit.service.js';
import { disableCollaboratorMemberships, revokeOpenInvitations } from './collaborator-access.repository.js';
import {
  findCollaborator,
  insertCollaborator,
  listCollaborators,
  listOpenInvitations,
  updateCollaborator,
  type CollaboratorRow,
} from './collaborators.repository.js';
import { revokeSessionsInAgency } from '../auth/sessions.repository.js';

type OpenInvitation = Awaited<ReturnType<typeof listOpenInvitations>>[number];

type NormalizedFields = {
  fullName: string;
  email: string;
  phone: string | null;
  knfNumber: string;
  nip: string | null;
  pesel: string | null;
  taxMode: TaxMode;
  selfBilling: boolean;
  address: string | null;
  iban: string | null;
};

/**
 * A collaborator who invoices needs a NIP; one paid against a bill needs a PESEL (the agency
 * withholds tax for them). Either may have both.
 */
function normalizeFields(
  input: Required<Pick<CollaboratorInput, 'fullName' | 'email' | 'knfNumber' | 'taxMode'>> &
    CollaboratorInput,
): NormalizedFields {
  const fields: NormalizedFields = {
    fullName: input.fullName.trim(),
    email: requireEmail(input.email),
    phone: input.phone ? requirePhone(input.phone) : null,
    knfNumber: requireKnfNumber(input.knfNumber),
    nip: input.nip ? requireNip(input.nip) : null,
    pesel: input.pesel ? requirePesel(input.pesel) : null,
    taxMode: input.taxMode,
    selfBilling: input.selfBilling ?? false,
    address: input.address ? input.address.trim() : null,
    iban: input.iban ? requireIban(input.iban) : null,
  };
  if (fields.selfBilling && fields.taxMode !== 'invoice') {
    throw new AppError('self_billing_requires_invoice', 'Self-billing applies to collaborators who invoice', {
      field: 'selfBilling',
    });
  }
  if (fields.taxMode === 'invoice' && !fields.nip) {
    throw new AppError('nip_required_for_invoice', 'A collaborator who invoices needs a NIP', {
      field: 'nip',
    });
  }
  if (fields.taxMode === 'bill' && !fields.pesel) {
    throw new AppError('pesel_required_for_bill', 'A collaborator paid against a bill needs a PESEL', {
      field: 'pesel',
    });
  }
  return fields;
}

function duplicateError(error: unknown): AppError | null {
  const constraint = violatedUniqueConstraint(error);
  if (constraint === null) {
    return null;
  }
  const field = constraint.includes('knf') ? 'knfNumber' : 'email';
  return new AppError('collaborator_duplicate', `Another collaborator has this ${field}`, { field });
}

export type CollaboratorService = ReturnType<typeof createCollaboratorService>;

export function createCollaboratorService(deps: { db: Database; clock: Clock; audit: AuditService }) {
  const { db, clock, audit } = deps;

  function present(
    row: { collaborator: CollaboratorRow; membershipActive: boolean },
    invitation: OpenInvitation | undefined,
  ) {
    const c = row.collaborator;
    const now = clock.now();
    const status: CollaboratorStatus = c.archivedAt
      ? 'archived'
      : c.userId && row.membershipActive
        ? 'active'
        : invitation
          ? 'invited'
          : 'not_invited';
    return {
      id: c.id,
      fullName: c.fullName,
      email: c.email,
      phone: c.phone,
      knfNumber: c.knfNumber,
      nip: c.nip,
      peselMasked: c.pesel ? maskPesel(c.pesel) : null,
      taxMode: c.taxMode,
      selfBilling: c.selfBilling,
      status,
      invitation:
        status === 'invited' && invitation
          ? {
              id: invitation.id,
              expiresAt: invitation.expiresAt,
              sentCount: invitation.sentCount,
              lastSentAt: invitation.lastSentAt,
              isExpired: invitation.expiresAt <= now,
            }
          : null,
      createdAt: c.createdAt,
    };
  }

  async function loadOne(tx: Tx, actor: Actor, id: string) {
    const row = await findCollaborator(tx, actor.agencyId, id);
    if (!row) {
      throw new AppError('not_found', 'Collaborator not found');
    }
    const invitation = (await listOpenInvitations(tx, actor.agencyId)).find((i) => i.collaboratorId === id);
    return {
      ...present(row, invitation),
      pesel: row.collaborator.pesel,
      address: row.collaborator.address,
      iban: row.collaborator.iban,
      updatedAt: row.collaborator.updatedAt,
    };
  }

  function record(
    tx: Tx,
    actor: Actor,
    event: 'collaborator.created' | 'collaborator.updated' | 'collaborator.archived',
    id: string,
    details?: Record<string, string>,
  ) {
    return audit.record(tx, {
      agencyId: actor.agencyId,
      actor: { userId: actor.userId, name: actor.name },
      event,
      target: { type: 'collaborator', id },
      ip: actor.client.ip,
      details,
    });
  }

  return {
    async list(actor: Actor, query: { q?: string | undefined; status: 'current' | 'archived' | 'all' }) {
      return db.tenant(actor, async (tx) => {
        const rows = await listCollaborators(tx, actor.agencyId, query);
        const invitations = await listOpenInvitations(tx, actor.agencyId);
        return rows.map((row) =>
          present(
            row,
            invitations.find((i) => i.collaboratorId === row.collaborator.id),
          ),
        );
      });
    },

    async get(actor: Actor, id: string) {
      return db.tenant(actor, (tx) => loadOne(tx, actor, id));
    },

    async create(actor: Actor, input: CollaboratorInput) {
      const fields = normalizeFields(input);
      const id = randomUUID();
      try {
        return await db.tenant(actor, async (tx) => {
          const now = clock.now();
          await insertCollaborator(tx, {
            id,
            agencyId: actor.agencyId,
            ...fields,
            createdAt: now,
            updatedAt: now,
          });
          await record(tx, actor, 'collaborator.created', id);
          return loadOne(tx, actor, id);
        });
      } catch (error) {
        throw duplicateError(error) ?? error;
      }
    },

    async update(actor: Actor, id: string, input: CollaboratorUpdate) {
      try {
        return await db.tenant(actor, async (tx) => {
          const current = await loadOne(tx, actor, id);
          if (current.status === 'archived') {
            throw new AppError('collaborator_archived', 'This collaborator is archived');
          }
          const fields = normalizeFields({
            fullName: input.fullName ?? current.fullName,
            email: input.email ?? current.email,
            phone: input.phone === undefined ? (current.phone ?? undefined) : (input.phone ?? undefined),
            knfNumber: input.knfNumber ?? current.knfNumber,
            nip: input.nip === undefined ? (current.nip ?? undefined) : (input.nip ?? undefined),
            pesel: input.pesel === undefined ? (current.pesel ?? undefined) : (input.pesel ?? undefined),
            taxMode: input.taxMode ?? current.taxMode,
            selfBilling: input.selfBilling ?? (input.taxMode === 'bill' ? false : current.selfBilling),
            address:
              input.address === undefined ? (current.address ?? undefined) : (input.address ?? undefined),
            iban: input.iban === undefined ? (current.iban ?? undefined) : (input.iban ?? undefined),
          });
          const changed = Object.keys(fields).filter(
            (key) => fields[key as keyof NormalizedFields] !== current[key as keyof NormalizedFields],
          );
          if (changed.length > 0) {
            await updateCollaborator(tx, actor.agencyId, id, { ...fields, updatedAt: clock.now() });
            await record(tx, actor, 'collaborator.updated', id, { fields: changed.join(',') });
          }
          return loadOne(tx, actor, id);
        });
      } catch (error) {
        throw duplicateError(error) ?? error;
      }
    },

    /**
     * Archiving ends the collaborator's access at once (membership, sessions, open invitations);
     * their documents stay with the agency under its retention rules.
     */
    async archive(actor: Actor, id: string) {
      const userId = await db.tenant(actor, async (tx) => {
        const current = await loadOne(tx, actor, id);
        if (current.status === 'archived') {
          return null;
        }
        const now = clock.now();
        await updateCollaborator(tx, actor.agencyId, id, { archivedAt: now, updatedAt: now });
        await disableCollaboratorMemberships(tx, actor.agencyId, id, now);
        await revokeOpenInvitations(tx, actor.agencyId, id, now);
        await record(tx, actor, 'collaborator.archived', id);
        const row = await findCollaborator(tx, actor.agencyId, id);
        return row?.collaborator.userId ?? null;
      });
      if (userId) {
        await db.system((tx) =>
          revokeSessionsInAgency(tx, userId, actor.agencyId, 'collaborator_archived', clock.now()),
        );
      }
      return this.get(actor, id);
    },

    /** For the document send flow: the collaborator must exist in the agency and not be archived. */
    async requireActive(tx: Tx, actor: Actor, id: string) {
      const row = await findCollaborator(tx, actor.agencyId, id);
      if (!row) {
        throw new AppError('not_found', 'Collaborator not found');
      }
      if (row.collaborator.archivedAt) {
        throw new AppError('collaborator_archived', 'This collaborator is archived');
      }
      return row.collaborator;
    },
  };
}
