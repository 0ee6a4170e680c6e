import { randomUUID } from 'node:crypto';
import type {
  AdjustmentKind,
  Period,
  PeriodDetail,
  PeriodSettlement,
  SettlementLine,
} from '../../../shared/api/periods.js';
import type { AuditEventName } from '../../../shared/audit-events.js';
import type { Clock } from '../../clock.js';
import type { Database, Tx } from '../../db/database.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../http/access.js';
import type { AuditService } from '../audit/audit.service.js';
import { findAgency } from '../agencies/agencies.repository.js';
import type { CollaboratorService } from '../collaborators/collaborators.service.js';
import { isLineProblem } from './engine/types.js';
import {
  currentStatementsOfPeriod,
  deleteAdjustment,
  findOverlappingPeriod,
  findPeriod,
  findPeriodOutOfOrder,
  findPeriodWithCount,
  insertAdjustment,
  insertPeriod,
  insertReopening,
  insertStatementLines,
  insertStatements,
  listAdjustments,
  listPeriods,
  listReopenings,
  lockAgencyPeriods,
  markLinesSettled,
  nextNumbers,
  releasePeriod,
  transitionPeriod,
  type NewStatement,
  type NewStatementLine,
  type PeriodRow,
} from './periods.repository.js';
import { computeSettlement, presentSettlementLine } from './settlement-computation.js';
import { lockedLines, previousVersions, statementTotals } from './statements.repository.js';

/** Statement lines written per insert while locking. */
const STATEMENT_LINES_PER_INSERT = 10_000;

function presentPeriod(row: { period: PeriodRow; statementCount: number }): Period {
  const p = row.period;
  return {
    id: p.id,
    dateFrom: p.dateFrom,
    dateTo: p.dateTo,
    status: p.status,
    revision: p.revision,
    reopenCount: p.reopenCount,
    statementCount: row.statementCount,
    createdAt: p.createdAt,
    lockedAt: p.lockedAt,
    publishedAt: p.publishedAt,
    closedAt: p.closedAt,
  };
}

function monthRange(month: string): { dateFrom: string; dateTo: string } {
  const [year = 0, monthNumber = 0] = month.split('-').map(Number);
  const lastDay = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
  return { dateFrom: `${month}-01`, dateTo: `${month}-${String(lastDay).padStart(2, '0')}` };
}

/** Adjustments must have the sign their kind implies: a bonus adds, a deduction and an advance take away. */
function checkAdjustmentSign(kind: AdjustmentKind, amount: number) {
  const isWrong =
    amount === 0 ||
    (kind === 'bonus' && amount < 0) ||
    ((kind === 'deduction' || kind === 'advance') && amount > 0);
  if (isWrong) {
    throw new AppError(
      'adjustment_invalid',
      'A bonus is positive, a deduction or an advance negative, none zero',
      {
        field: 'amount',
      },
    );
  }
}

export type PeriodService = ReturnType<typeof createPeriodService>;

export function createPeriodService(deps: {
  db: Database;
  clock: Clock;
  audit: AuditService;
  collaborators: CollaboratorService;
}) {
  const { db, clock, audit } = deps;

  function record(
    tx: Tx,
    actor: Actor,
    event: AuditEventName,
    periodId: string,
    details?: Record<string, string | number>,
  ) {
    return audit.record(tx, {
      agencyId: actor.agencyId,
      actor: { userId: actor.userId, name: actor.name },
      event,
      target: { type: 'settlement_period', id: periodId },
      ip: actor.client.ip,
      details,
    });
  }

  async function requirePeriod(tx: Tx, actor: Actor, id: string, options: { forUpdate?: boolean } = {}) {
    const period = await findPeriod(tx, actor.agencyId, id, options);
    if (!period) {
      throw new AppError('not_found', 'Settlement period not found');
    }
    return period;
  }

  async function loadPeriod(tx: Tx, actor: Actor, id: string): Promise<Period> {
    const row = await findPeriodWithCount(tx, actor.agencyId, id);
    if (!row) {
      throw new AppError('not_found', 'Settlement period not found');
    }
    return presentPeriod(row);
  }

  async function minimumPayout(tx: Tx, agencyId: string) {
    return (await findAgency(tx, agencyId))?.minimumPayout ?? 0;
  }

  /**
   * A later period already locked settled every unsettled line up to its end, this period's too, and carried its
   * balances on: a period before it can be neither created nor locked.
   */
  async function refuseIfLaterSettled(tx: Tx, agencyId: string, range: { dateFrom: string; dateTo: string }) {
    const later = await findPeriodOutOfOrder(tx, agencyId, range, 'later_settled');
    if (later) {
      throw new AppError('later_period_settled', 'A later period is locked: periods settle in date order', {
        periodId: later.id,
        dateFrom: later.dateFrom,
        dateTo: later.dateTo,
      });
    }
  }

  /** The period must be open and exactly as the caller saw it. */
  function requireOpen(period: PeriodRow, revision?: number) {
    // A stale revision first: whoever acted on an old view learns that someone else acted, whatever they did.
    if (revision !== undefined && revision !== period.revision) {
      throw new AppError('period_conflict', 'Someone else changed this period; reload it', {
        revision: period.revision,
        status: period.status,
      });
    }
    if (period.status !== 'open') {
      throw new AppError('period_not_open', `The period is ${period.status}: it cannot change`, {
        status: period.status,
      });
    }
  }

  async function lockedSettlement(
    tx: Tx,
    actor: Actor,
    period: PeriodRow,
  ): Promise<Omit<PeriodSettlement, 'period'>> {
    const statements = await currentStatementsOfPeriod(tx, actor.agencyId, period.id);
    const summary = await statementTotals(tx, actor.agencyId, period.id);
    const collaborators = statements.map(({ statement, fullName, knfNumber }) => {
      const byCollaborator = summary.byCollaborator.get(statement.collaboratorId);
      return {
        collaboratorId: statement.collaboratorId,
        fullName,
        knfNumber,
        lineCount: statement.lineCount,
        commission: byCollaborator?.commission ?? 0,
        share: statement.linesTotal,
        retained: (byCollaborator?.commission ?? 0) - statement.linesTotal,
        adjustments: statement.adjustmentsTotal,
        openingBalance: statement.openingBalance,
        closingBalance: statement.closingBalance,
        amountDue: statement.amountDue,
        carriedForward: statement.carriedForward,
      };
    });
    return {
      totals: {
        lineCount: summary.lineCount,
        commission: summary.commission,
        share: summary.share,
        retained: summary.commission - summary.share,
        agencyOwn: summary.agencyOwn,
        problemCommission: 0,
        adjustments: collaborators.reduce((sum, c) => sum + c.adjustments, 0),
        amountDue: collaborators.reduce((sum, c) => sum + c.amountDue, 0),
      },
      collaborators,
      insurers: summary.insurers,
      problems: [],
    };
  }

  return {
    async create(actor: Actor, input: { month: string } | { dateFrom: string; dateTo: string }) {
      const range = 'month' in input ? monthRange(input.month) : input;
      if (range.dateFrom > range.dateTo) {
        throw new AppError('validation_failed', 'The period ends before it starts', { field: 'dateTo' });
      }
      return db.tenant(actor, async (tx) => {
        await lockAgencyPeriods(tx, actor.agencyId);
        const overlap = await findOverlappingPeriod(tx, actor.agencyId, range.dateFrom, range.dateTo);
        if (overlap) {
          throw new AppError('period_overlap', 'Periods of an agency cannot overlap', {
            periodId: overlap.id,
            dateFrom: overlap.dateFrom,
            dateTo: overlap.dateTo,
          });
        }
        await refuseIfLaterSettled(tx, actor.agencyId, range);
        const id = randomUUID();
        await insertPeriod(tx, {
          id,
          agencyId: actor.agencyId,
          dateFrom: range.dateFrom,
          dateTo: range.dateTo,
          status: 'open',
          createdBy: actor.userId,
          createdAt: clock.now(),
        });
        await record(tx, actor, 'period.created', id, { dateFrom: range.dateFrom, dateTo: range.dateTo });
        return loadPeriod(tx, actor, id);
      });
    },

    async list(actor: Actor) {
      return db.tenant(actor, async (tx) => (await listPeriods(tx, actor.agencyId)).map(presentPeriod));
    },

    async get(actor: Actor, id: string): Promise<PeriodDetail> {
      return db.tenant(actor, async (tx) => ({
        ...(await loadPeriod(tx, actor, id)),
        reopenings: await listReopenings(tx, actor.agencyId, id),
      }));
    },

    /** While open: computed now from the imports, rules and adjustments. Once locked: what the statements say. */
    async settlement(actor: Actor, id: string): Promise<PeriodSettlement> {
      return db.tenant(actor, async (tx) => {
        const period = await requirePeriod(tx, actor, id);
        const settlement =
          period.status === 'open'
            ? (await computeSettlement(tx, period, await minimumPayout(tx, actor.agencyId))).summary
            : await lockedSettlement(tx, actor, period);
        return { period: await loadPeriod(tx, actor, id), ...settlement };
      });
    },

    /** The lines of an open period's preview, with source, rule, rate and share, filterable by person and problem. */
    async lines(
      actor: Actor,
      id: string,
      query: {
        collaboratorId?: string | undefined;
        problem?: string | undefined;
        offset: number;
        limit: number;
      },
    ): Promise<{ total: number; lines: SettlementLine[] }> {
      return db.tenant(actor, async (tx) => {
        const period = await requirePeriod(tx, actor, id);
        if (period.status !== 'open') {
          const page = await lockedLines(tx, actor.agencyId, period.id, query);
          return page;
        }
        const computed = await computeSettlement(tx, period, await minimumPayout(tx, actor.agencyId));
        const selected = computed.lines
          .map((line) =>
            presentSettlementLine(line, computed.resultByLine.get(line.id), computed.insurerNames),
          )
          .filter(
            (line) =>
              (!query.collaboratorId || line.collaboratorId === query.collaboratorId) &&
              (!query.problem ||
                (query.problem === 'any' ? line.problem !== null : line.problem === query.problem)),
          )
          .sort(
            (a, b) =>
              a.insurerName.localeCompare(b.insurerName, 'pl') ||
              a.lineDate.localeCompare(b.lineDate) ||
              a.fileName.localeCompare(b.fileName) ||
              a.rowNumber - b.rowNumber,
          );
        return { total: selected.length, lines: selected.slice(query.offset, query.offset + query.limit) };
      });
    },

    async adjustments(actor: Actor, id: string) {
      return db.tenant(actor, async (tx) => {
        await requirePeriod(tx, actor, id);
        return listAdjustments(tx, actor.agencyId, id);
      });
    },

    async addAdjustment(
      actor: Actor,
      periodId: string,
      input: { collaboratorId: string; kind: AdjustmentKind; amount: number; reason: string },
    ) {
      checkAdjustmentSign(input.kind, input.amount);
      return db.tenant(actor, async (tx) => {
        const period = await requirePeriod(tx, actor, periodId, { forUpdate: true });
        requireOpen(period);
        await deps.collaborators.requireActive(tx, actor, input.collaboratorId);
        const id = randomUUID();
        await insertAdjustment(tx, {
          id,
          agencyId: actor.agencyId,
          periodId,
          collaboratorId: input.collaboratorId,
          kind: input.kind,
          amount: input.amount,
          reason: input.reason,
          createdBy: actor.userId,
          createdAt: clock.now(),
        });
        await record(tx, actor, 'period.adjustment_added', periodId, {
          adjustmentId: id,
          collaboratorId: input.collaboratorId,
          kind: input.kind,
          amount: input.amount,
          reason: input.reason,
        });
        const created = (await listAdjustments(tx, actor.agencyId, periodId)).find((row) => row.id === id);
        if (!created) {
          throw new Error('An adjustment just written cannot be read back');
        }
        return created;
      });
    },

    async removeAdjustment(actor: Actor, periodId: string, adjustmentId: string) {
      await db.tenant(actor, async (tx) => {
        const period = await requirePeriod(tx, actor, periodId, { forUpdate: true });
        requireOpen(period);
        const removed = await deleteAdjustment(
          tx,
          actor.agencyId,
          periodId,
          adjustmentId,
          actor.userId,
          clock.now(),
        );
        if (!removed) {
          throw new AppError('not_found', 'Adjustment not found');
        }
        await record(tx, actor, 'period.adjustment_removed', periodId, {
          adjustmentId,
          collaboratorId: removed.collaboratorId,
          amount: removed.amount,
        });
      });
    },

    /**
     * Locks the period: computes it one last time and writes one statement per collaborator with every line, the
     * rule version that computed it and the balances; the lines are settled and never settled again. Refused while
     * any line has a problem. Two people locking at once: the period row is locked, the second gets a conflict.
     */
    async lock(actor: Actor, id: string, revision: number): Promise<Period> {
      return db.tenant(actor, async (tx) => {
        await lockAgencyPeriods(tx, actor.agencyId);
        const period = await requirePeriod(tx, actor, id, { forUpdate: true });
        requireOpen(period, revision);
        await refuseIfLaterSettled(tx, actor.agencyId, period);
        const earlier = await findPeriodOutOfOrder(tx, actor.agencyId, period, 'earlier_open');
        if (earlier) {
          throw new AppError(
            'earlier_period_open',
            'Lock the earlier period first: periods settle in date order',
            {
              periodId: earlier.id,
              dateFrom: earlier.dateFrom,
              dateTo: earlier.dateTo,
            },
          );
        }
        const computed = await computeSettlement(tx, period, await minimumPayout(tx, actor.agencyId));
        if (computed.summary.problems.length > 0) {
          throw new AppError('period_has_problems', 'Resolve the lines with problems before locking', {
            problems: computed.summary.problems,
          });
        }
        const now = clock.now();
        const year = Number(period.dateTo.slice(0, 4));
        const first = await nextNumbers(tx, actor.agencyId, 'ROZ', year, computed.balances.length);
        const versions = await previousVersions(tx, actor.agencyId, id);
        const statementIds = new Map<string, string>();
        const statementRows: NewStatement[] = computed.balances.map((balance, index) => {
          const statementId = randomUUID();
          statementIds.set(balance.collaboratorId, statementId);
          return {
            id: statementId,
            agencyId: actor.agencyId,
            periodId: id,
            collaboratorId: balance.collaboratorId,
            number: `ROZ/${year}/${String(first + index).padStart(5, '0')}`,
            version: (versions.get(balance.collaboratorId) ?? 0) + 1,
            isCurrent: true,
            openingBalance: balance.openingBalance,
            linesTotal: balance.share,
            adjustmentsTotal: balance.adjustments,
            closingBalance: balance.closingBalance,
            amountDue: balance.amountDue,
            carriedForward: balance.carriedForward,
            lineCount: balance.lineCount,
            createdBy: actor.userId,
            createdAt: now,
          };
        });
        await insertStatements(tx, statementRows);
        // Written a slice at a time: a million rows built at once would double the memory the computation holds.
        let lineRows: NewStatementLine[] = [];
        for (const result of computed.resultByLine.values()) {
          if (isLineProblem(result)) {
            continue;
          }
          const statementId = statementIds.get(result.collaboratorId);
          if (!statementId) {
            throw new Error('A computed line has no statement');
          }
          lineRows.push({
            id: randomUUID(),
            agencyId: actor.agencyId,
            statementId,
            collaboratorId: result.collaboratorId,
            commissionLineId: result.lineId,
            ruleId: result.ruleId,
            ruleVersion: result.ruleVersion,
            basis: result.basis,
            rate: result.rate,
            base: result.base,
            share: result.share,
            appliedOn: result.appliedOn,
            clawbackOf: result.clawbackOf,
            note: result.note,
          });
          if (lineRows.length === STATEMENT_LINES_PER_INSERT) {
            await insertStatementLines(tx, lineRows);
            lineRows = [];
          }
        }
        await insertStatementLines(tx, lineRows);
        const settled = await markLinesSettled(
          tx,
          actor.agencyId,
          id,
          computed.lines.map((line) => {
            const result = computed.resultByLine.get(line.id);
            return result && !isLineProblem(result)
              ? { id: line.id, ruleId: result.ruleId, ruleVersion: result.ruleVersion }
              : { id: line.id, ruleId: null, ruleVersion: null };
          }),
        );
        // Cannot happen while locks are serialised per agency; if it ever did, nothing is settled twice.
        if (settled !== computed.lines.length) {
          throw new AppError(
            'period_conflict',
            'Some lines were settled by another period meanwhile; reload it',
          );
        }
        if (
          !(await transitionPeriod(tx, actor.agencyId, id, period, {
            status: 'locked',
            lockedAt: now,
            lockedBy: actor.userId,
          }))
        ) {
          throw new AppError('period_conflict', 'Someone else changed this period; reload it');
        }
        await record(tx, actor, 'period.locked', id, {
          statements: statementRows.length,
          lines: computed.lines.length,
          commission: computed.summary.totals.commission,
        });
        return loadPeriod(tx, actor, id);
      });
    },

    /**
     * Owner only, with a reason: a locked period opens again. Its statements stop being current (they stay, as
     * does the mark of the reopening) and its lines can be settled again.
     */
    async reopen(actor: Actor, id: string, revision: number, reason: string): Promise<Period> {
      return db.tenant(actor, async (tx) => {
        await lockAgencyPeriods(tx, actor.agencyId);
        const period = await requirePeriod(tx, actor, id, { forUpdate: true });
        if (period.status !== 'locked') {
          throw new AppError(
            'period_not_locked',
            'Only a locked period that is not published can be reopened',
            {
              status: period.status,
            },
          );
        }
        if (period.revision !== revision) {
          throw new AppError('period_conflict', 'Someone else changed this period; reload it');
        }
        const later = await findPeriodOutOfOrder(tx, actor.agencyId, period, 'later_settled');
        if (later) {
          throw new AppError(
            'later_period_locked',
            'A later period is already locked: its opening balances come from this one; correct in a later period',
            { periodId: later.id, dateFrom: later.dateFrom, dateTo: later.dateTo, status: later.status },
          );
        }
        const now = clock.now();
        await releasePeriod(tx, actor.agencyId, id, now);
        await insertReopening(tx, {
          id: randomUUID(),
          agencyId: actor.agencyId,
          periodId: id,
          fromStatus: period.status,
          reason,
          reopenedBy: actor.userId,
          reopenedAt: now,
        });
        await transitionPeriod(tx, actor.agencyId, id, period, {
          status: 'open',
          lockedAt: null,
          lockedBy: null,
          reopenCount: period.reopenCount + 1,
        });
        await record(tx, actor, 'period.reopened', id, { from: period.status, reason });
        return loadPeriod(tx, actor, id);
      });
    },
  };
}
