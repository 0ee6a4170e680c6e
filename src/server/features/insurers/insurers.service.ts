import { randomUUID } from 'node:crypto';
import { normalizeAgentCode, type AgentCodeInput } from '../../../shared/api/insurers.js';
import type { AuditEventName } from '../../../shared/audit-events.js';
import type { Clock } from '../../clock.js';
import type { Database, Tx } from '../../db/database.js';
import { violatedUniqueConstraint } from '../../db/errors.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../http/access.js';
import type { AuditService } from '../audit/audit.service.js';
import type { CollaboratorService } from '../collaborators/collaborators.service.js';
import { attributeLines } from '../imports/imports.repository.js';
import {
  deleteAgentCode,
  findInsurer,
  insertAgentCode,
  insertInsurers,
  listAgentCodes,
  listInsurers,
  updateInsurer,
} from './insurers.repository.js';

export type InsurerService = ReturnType<typeof createInsurerService>;

// Only the shape is checked: insurers use letters, digits and a few separators in agent codes.
const AGENT_CODE = /^[\p{L}\d/._-]{1,60}$/u;

export function createInsurerService(deps: {
  db: Database;
  clock: Clock;
  audit: AuditService;
  collaborators: CollaboratorService;
}) {
  const { db, clock, audit, collaborators } = deps;

  function record(
    tx: Tx,
    actor: Actor,
    event: AuditEventName,
    target: { type: string; id: string },
    details?: Record<string, string | number>,
  ) {
    return audit.record(tx, {
      agencyId: actor.agencyId,
      actor: { userId: actor.userId, name: actor.name },
      event,
      target,
      ip: actor.client.ip,
      details,
    });
  }

  async function loadInsurer(tx: Tx, actor: Actor, id: string) {
    const rows = await listInsurers(tx, actor.agencyId);
    const row = rows.find((candidate) => candidate.insurer.id === id);
    if (!row) {
      throw new AppError('not_found', 'Insurer not found');
    }
    return present(row);
  }

  function present(row: Awaited<ReturnType<typeof listInsurers>>[number]) {
    return {
      id: row.insurer.id,
      name: row.insurer.name,
      isArchived: row.insurer.archivedAt !== null,
      agentCodeCount: row.agentCodeCount,
      hasTemplate: row.hasTemplate,
      createdAt: row.insurer.createdAt,
    };
  }

  function nameTaken(error: unknown): AppError | null {
    return violatedUniqueConstraint(error) === null
      ? null
      : new AppError('insurer_name_taken', 'Another insurer has this name', { field: 'name' });
  }

  /** The insurer must belong to the agency and be in use. */
  async function requireActiveInsurer(tx: Tx, actor: Actor, id: string) {
    const insurer = await findInsurer(tx, actor.agencyId, id);
    if (!insurer) {
      throw new AppError('not_found', 'Insurer not found');
    }
    if (insurer.archivedAt) {
      throw new AppError('insurer_archived', 'This insurer is archived');
    }
    return insurer;
  }

  return {
    requireActiveInsurer,

    async list(actor: Actor) {
      return db.tenant(actor, async (tx) => (await listInsurers(tx, actor.agencyId)).map(present));
    },

    async create(actor: Actor, input: { name: string }) {
      const id = randomUUID();
      try {
        return await db.tenant(actor, async (tx) => {
          await insertInsurers(tx, [
            { id, agencyId: actor.agencyId, name: input.name, createdAt: clock.now() },
          ]);
          await record(tx, actor, 'insurer.created', { type: 'insurer', id });
          return loadInsurer(tx, actor, id);
        });
      } catch (error) {
        throw nameTaken(error) ?? error;
      }
    },

    async update(
      actor: Actor,
      id: string,
      input: { name?: string | undefined; isArchived?: boolean | undefined },
    ) {
      try {
        return await db.tenant(actor, async (tx) => {
          const current = await findInsurer(tx, actor.agencyId, id);
          if (!current) {
            throw new AppError('not_found', 'Insurer not found');
          }
          const changes: { name?: string; archivedAt?: Date | null } = {};
          if (input.name !== undefined && input.name !== current.name) {
            changes.name = input.name;
          }
          if (input.isArchived !== undefined && input.isArchived !== (current.archivedAt !== null)) {
            changes.archivedAt = input.isArchived ? clock.now() : null;
          }
          if (Object.keys(changes).length > 0) {
            await updateInsurer(tx, actor.agencyId, id, changes);
            await record(
              tx,
              actor,
              'insurer.updated',
              { type: 'insurer', id },
              { fields: Object.keys(changes).join(',') },
            );
          }
          return loadInsurer(tx, actor, id);
        });
      } catch (error) {
        throw nameTaken(error) ?? error;
      }
    },

    async listAgentCodes(
      actor: Actor,
      filter: { insurerId?: string | undefined; collaboratorId?: string | undefined },
    ) {
      return db.tenant(actor, (tx) => listAgentCodes(tx, actor.agencyId, filter));
    },

    /** Used by the import exception queue too, inside its own transaction. */
    async assignAgentCodeIn(tx: Tx, actor: Actor, input: AgentCodeInput) {
      const code = normalizeAgentCode(input.code);
      if (!AGENT_CODE.test(code)) {
        throw new AppError('agent_code_invalid', 'An agent code has letters, digits and / . _ - only', {
          field: 'code',
        });
      }
      await requireActiveInsurer(tx, actor, input.insurerId);
      await collaborators.requireActive(tx, actor, input.collaboratorId);
      const id = randomUUID();
      const inserted = await insertAgentCode(tx, {
        id,
        agencyId: actor.agencyId,
        insurerId: input.insurerId,
        collaboratorId: input.collaboratorId,
        code,
        createdBy: actor.userId,
        createdAt: clock.now(),
      });
      if (!inserted) {
        throw new AppError('agent_code_taken', 'This insurer already uses this code for someone', {
          field: 'code',
        });
      }
      await record(
        tx,
        actor,
        'agent_code.assigned',
        { type: 'collaborator', id: input.collaboratorId },
        { insurerId: input.insurerId, agentCodeId: id },
      );
      const [row] = await listAgentCodes(tx, actor.agencyId, { id });
      if (!row) {
        throw new Error('An agent code just written cannot be read back');
      }
      return row;
    },

    /**
     * A new agent code, which also takes the committed, unsettled lines already waiting with it in the exception
     * queue: nobody should have to assign them once more by hand.
     */
    async assignAgentCode(actor: Actor, input: AgentCodeInput) {
      return db.tenant(actor, async (tx) => {
        const row = await this.assignAgentCodeIn(tx, actor, input);
        const attributed = await attributeLines(
          tx,
          actor.agencyId,
          { insurerId: input.insurerId, agentCode: row.code, onlyUnattributed: true },
          { collaboratorId: input.collaboratorId, attributedBy: 'agent_code' },
        );
        if (attributed > 0) {
          await record(
            tx,
            actor,
            'import.lines_assigned',
            { type: 'collaborator', id: input.collaboratorId },
            { insurerId: input.insurerId, lines: attributed, remembered: 1 },
          );
        }
        return row;
      });
    },

    async removeAgentCode(actor: Actor, id: string) {
      await db.tenant(actor, async (tx) => {
        const removed = await deleteAgentCode(tx, actor.agencyId, id);
        if (!removed) {
          throw new AppError('not_found', 'Agent code not found');
        }
        await record(
          tx,
          actor,
          'agent_code.removed',
          { type: 'collaborator', id: removed.collaboratorId },
          { insurerId: removed.insurerId, agentCodeId: id },
        );
      });
    },
  };
}
