import type { Clock } from '../../clock.js';
import type { Database } from '../../db/database.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../http/access.js';
import { requireNip, requireRegon } from '../../validation.js';
import type { AuditService } from '../audit/audit.service.js';
import { revokeSessionsInAgency } from '../auth/sessions.repository.js';
import {
  disableMembership,
  findAgency,
  findMembership,
  listTeam,
  updateAgency,
} from './agencies.repository.js';

export type AgencyService = ReturnType<typeof createAgencyService>;

export function createAgencyService(deps: { db: Database; clock: Clock; audit: AuditService }) {
  const { db, clock } = deps;

  async function get(actor: Actor) {
    const agency = await db.tenant(actor, (tx) => findAgency(tx, actor.agencyId));
    if (!agency) {
      throw new AppError('not_found', 'Agency not found');
    }
    return {
      id: agency.id,
      name: agency.name,
      nip: agency.nip,
      regon: agency.regon,
      address: agency.address,
      minimumPayout: agency.minimumPayout,
      createdAt: agency.createdAt,
    };
  }

  return {
    get,

    async update(
      actor: Actor,
      input: {
        name?: string | undefined;
        nip?: string | undefined;
        regon?: string | null | undefined;
        address?: string | null | undefined;
        minimumPayout?: number | undefined;
      },
    ) {
      const values = {
        ...(input.name ? { name: input.name } : {}),
        ...(input.nip ? { nip: requireNip(input.nip) } : {}),
        ...(input.regon !== undefined ? { regon: input.regon ? requireRegon(input.regon) : null } : {}),
        ...(input.address !== undefined ? { address: input.address || null } : {}),
        ...(input.minimumPayout !== undefined ? { minimumPayout: input.minimumPayout } : {}),
      };
      await db.tenant(actor, async (tx) => {
        await updateAgency(tx, actor.agencyId, values);
        await deps.audit.record(tx, {
          agencyId: actor.agencyId,
          actor: { userId: actor.userId, name: actor.name },
          event: 'agency.updated',
          target: { type: 'agency', id: actor.agencyId },
          ip: actor.client.ip,
          details: { fields: Object.keys(values).join(',') },
        });
      });
      return get(actor);
    },

    async team(actor: Actor) {
      const rows = await db.tenant(actor, (tx) => listTeam(tx, actor.agencyId));
      return rows.flatMap((row) => (row.role === 'collaborator' ? [] : [{ ...row, role: row.role }]));
    },

    /** Ends a staff member's access to this agency: membership disabled, their sessions here revoked. */
    async disableStaff(actor: Actor, membershipId: string): Promise<void> {
      await db.tenant(actor, async (tx) => {
        const membership = await findMembership(tx, actor.agencyId, membershipId);
        if (!membership || membership.role !== 'staff') {
          throw new AppError('not_found', 'Team member not found');
        }
        await disableMembership(tx, membershipId, clock.now());
        await deps.audit.record(tx, {
          agencyId: actor.agencyId,
          actor: { userId: actor.userId, name: actor.name },
          event: 'team.member_disabled',
          target: { type: 'membership', id: membershipId },
          ip: actor.client.ip,
        });
      });
      const membership = await db.tenant(actor, (tx) => findMembership(tx, actor.agencyId, membershipId));
      if (membership) {
        await db.system((tx) =>
          revokeSessionsInAgency(tx, membership.userId, actor.agencyId, 'membership_disabled', clock.now()),
        );
      }
    },
  };
}
