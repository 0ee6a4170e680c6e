import { randomUUID } from 'node:crypto';
import type { SplitRule, SplitRuleFields } from '../../../shared/api/rules.js';
import type { AuditEventName } from '../../../shared/audit-events.js';
import type { Clock } from '../../clock.js';
import type { Database, Tx } from '../../db/database.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../http/access.js';
import type { AuditService } from '../audit/audit.service.js';
import type { CollaboratorService } from '../collaborators/collaborators.service.js';
import type { InsurerService } from '../insurers/insurers.service.js';
import {
  findCurrentRule,
  insertRule,
  listCurrentRules,
  listRuleVersions,
  loadCurrentRules,
  supersedeRule,
  type NewSplitRule,
  type SplitRuleRow,
} from './rules.repository.js';

type RuleRowWithNames = Awaited<ReturnType<typeof listRuleVersions>>[number];

const RATE = /^\d{1,3}(?:[.,]\d{1,4})?$/;

/** "12,5" → "12.5", "40.00" → "40"; null when it is not a percentage from 0 to 100 with up to 4 decimals. */
export function normalizeRate(input: string): string | null {
  if (!RATE.test(input)) {
    return null;
  }
  const [whole = '0', fraction = ''] = input.replace(',', '.').split('.');
  const trimmedFraction = fraction.replace(/0+$/, '');
  const wholeNumber = Number(whole);
  if (wholeNumber > 100 || (wholeNumber === 100 && trimmedFraction !== '')) {
    return null;
  }
  return trimmedFraction ? `${wholeNumber}.${trimmedFraction}` : String(wholeNumber);
}

/** A rule's dimensions as the engine compares them: the identity of "the same rule" for duplicates. */
function dimensionKey(
  rule: Pick<
    SplitRuleRow,
    'collaboratorId' | 'insurerId' | 'product' | 'risk' | 'policyNumber' | 'renewalsOnly' | 'validFrom'
  >,
) {
  return JSON.stringify([
    rule.collaboratorId,
    rule.insurerId,
    rule.product?.trim().toLowerCase() ?? null,
    rule.risk?.trim().toLowerCase() ?? null,
    rule.policyNumber?.replace(/\s+/g, '').toUpperCase() ?? null,
    rule.renewalsOnly,
    rule.validFrom,
  ]);
}

function presentRule(row: RuleRowWithNames): SplitRule {
  const r = row.rule;
  return {
    id: r.id,
    version: r.version,
    collaboratorId: r.collaboratorId,
    collaboratorName: row.collaboratorName,
    insurerId: r.insurerId,
    insurerName: row.insurerName,
    product: r.product,
    risk: r.risk,
    policyNumber: r.policyNumber,
    validFrom: r.validFrom,
    validTo: r.validTo,
    renewalsOnly: r.renewalsOnly,
    basis: r.basis,
    rate: r.rate === null ? null : (normalizeRate(r.rate) ?? r.rate),
    fixedAmount: r.fixedAmount,
    clawback: r.clawback,
    note: r.note,
    createdAt: r.createdAt,
    createdByName: row.createdByName,
    supersededAt: r.supersededAt,
  };
}

export type RuleService = ReturnType<typeof createRuleService>;

export function createRuleService(deps: {
  db: Database;
  clock: Clock;
  audit: AuditService;
  collaborators: CollaboratorService;
  insurers: InsurerService;
}) {
  const { db, clock, audit } = deps;

  function record(
    tx: Tx,
    actor: Actor,
    event: AuditEventName,
    id: string,
    details: Record<string, string | number>,
  ) {
    return audit.record(tx, {
      agencyId: actor.agencyId,
      actor: { userId: actor.userId, name: actor.name },
      event,
      target: { type: 'split_rule', id },
      ip: actor.client.ip,
      details,
    });
  }

  /** Checks a rule as a whole; each problem has its own code and field. */
  async function checkedFields(tx: Tx, actor: Actor, input: SplitRuleFields) {
    const fail = (code: 'rule_invalid', field: string, message: string): never => {
      throw new AppError(code, message, { field });
    };
    const collaboratorId = input.collaboratorId ?? null;
    const insurerId = input.insurerId ?? null;
    if (collaboratorId) {
      await deps.collaborators.requireActive(tx, actor, collaboratorId);
    }
    if (insurerId) {
      await deps.insurers.requireActiveInsurer(tx, actor, insurerId);
    }
    if (input.policyNumber && !insurerId) {
      fail('rule_invalid', 'insurerId', 'A per-policy rule names the insurer of the policy');
    }
    const validFrom = input.validFrom ?? null;
    const validTo = input.validTo ?? null;
    if (validFrom && validTo && validFrom > validTo) {
      fail('rule_invalid', 'validTo', 'The rule ends before it starts');
    }
    let rate: string | null = null;
    let fixedAmount: number | null = null;
    if (input.basis === 'fixed_per_policy') {
      if (input.fixedAmount === undefined || input.fixedAmount === null) {
        fail('rule_invalid', 'fixedAmount', 'A fixed amount per policy needs the amount');
      }
      fixedAmount = input.fixedAmount ?? null;
    } else {
      rate = input.rate ? normalizeRate(input.rate) : null;
      if (rate === null) {
        fail('rule_invalid', 'rate', 'The rate is a percentage from 0 to 100 with up to 4 decimals');
      }
    }
    return {
      collaboratorId,
      insurerId,
      product: input.product,
      risk: input.risk,
      policyNumber: input.policyNumber,
      validFrom,
      validTo,
      renewalsOnly: input.renewalsOnly,
      basis: input.basis,
      rate,
      fixedAmount,
      clawback: input.clawback,
      note: input.note,
    } satisfies Partial<NewSplitRule>;
  }

  async function refuseDuplicate(
    tx: Tx,
    actor: Actor,
    fields: Awaited<ReturnType<typeof checkedFields>>,
    exceptId: string | null,
  ) {
    const key = dimensionKey(fields);
    const current = await loadCurrentRules(tx, actor.agencyId);
    const twin = current.find((rule) => rule.id !== exceptId && dimensionKey(rule) === key);
    if (twin) {
      throw new AppError(
        'rule_duplicate',
        'A rule with the same scope and start date exists; change that one',
        {
          ruleId: twin.id,
        },
      );
    }
  }

  async function loadVersion(tx: Tx, actor: Actor, id: string, version: number) {
    const row = (await listRuleVersions(tx, actor.agencyId, id)).find(
      (candidate) => candidate.rule.version === version,
    );
    if (!row) {
      throw new Error('A rule just written cannot be read back');
    }
    return presentRule(row);
  }

  return {
    async list(actor: Actor, filter: Parameters<typeof listCurrentRules>[2]) {
      return db.tenant(actor, async (tx) =>
        (await listCurrentRules(tx, actor.agencyId, filter)).map(presentRule),
      );
    },

    async versions(actor: Actor, id: string) {
      return db.tenant(actor, async (tx) => {
        const rows = await listRuleVersions(tx, actor.agencyId, id);
        if (rows.length === 0) {
          throw new AppError('not_found', 'Rule not found');
        }
        return rows.map(presentRule);
      });
    },

    async create(actor: Actor, input: SplitRuleFields) {
      return db.tenant(actor, async (tx) => {
        const fields = await checkedFields(tx, actor, input);
        await refuseDuplicate(tx, actor, fields, null);
        const id = randomUUID();
        await insertRule(tx, {
          id,
          version: 1,
          agencyId: actor.agencyId,
          ...fields,
          createdBy: actor.userId,
          createdAt: clock.now(),
        });
        await record(tx, actor, 'rule.created', id, { version: 1 });
        return loadVersion(tx, actor, id, 1);
      });
    },

    /**
     * A change writes the next version and supersedes the current one. Periods already locked keep the lines
     * they computed, with the version that computed them; open periods use the new version from now on.
     */
    async change(actor: Actor, id: string, input: SplitRuleFields) {
      return db.tenant(actor, async (tx) => {
        const current = await findCurrentRule(tx, actor.agencyId, id);
        if (!current) {
          throw new AppError('not_found', 'Rule not found');
        }
        const fields = await checkedFields(tx, actor, input);
        await refuseDuplicate(tx, actor, fields, id);
        const now = clock.now();
        if (!(await supersedeRule(tx, actor.agencyId, id, current.version, now, actor.userId))) {
          throw new AppError('conflict', 'Someone else changed this rule at the same time');
        }
        const version = current.version + 1;
        await insertRule(tx, {
          id,
          version,
          agencyId: actor.agencyId,
          ...fields,
          createdBy: actor.userId,
          createdAt: now,
        });
        await record(tx, actor, 'rule.changed', id, { version });
        return loadVersion(tx, actor, id, version);
      });
    },

    async retire(actor: Actor, id: string) {
      await db.tenant(actor, async (tx) => {
        const current = await findCurrentRule(tx, actor.agencyId, id);
        if (
          !current ||
          !(await supersedeRule(tx, actor.agencyId, id, current.version, clock.now(), actor.userId))
        ) {
          throw new AppError('not_found', 'Rule not found');
        }
        await record(tx, actor, 'rule.retired', id, { version: current.version });
      });
    },
  };
}
