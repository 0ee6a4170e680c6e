import { and, asc, eq, gte, isNotNull, lte, sql } from 'drizzle-orm';
import type { CommissionReport, EarningsReport } from '../../../shared/api/reports.js';
import type { Clock } from '../../clock.js';
import type { Database } from '../../db/database.js';
import { qualified } from '../../db/qualified.js';
import { commissionLines } from '../../db/schema/imports.js';
import { insurers } from '../../db/schema/insurers.js';
import { statementLines, statements } from '../../db/schema/settlements.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../http/access.js';
import { findImport } from '../imports/imports.repository.js';
import { reconcileImport } from '../settlements/import-reconciliation.js';

/** [first day of `from`, last day of `to`]; default: the twelve months up to the current one. */
function monthRange(clock: Clock, query: { from?: string | undefined; to?: string | undefined }) {
  const now = clock.now();
  const to = query.to ?? now.toISOString().slice(0, 7);
  const [toYear = 0, toMonth = 0] = to.split('-').map(Number);
  const defaultFrom = new Date(Date.UTC(toYear, toMonth - 12, 1)).toISOString().slice(0, 7);
  const from = query.from ?? defaultFrom;
  const lastDay = new Date(Date.UTC(toYear, toMonth, 0)).toISOString().slice(0, 10);
  return { from, to, firstDay: `${from}-01`, lastDay };
}

const monthOf = sql<string>`to_char(${commissionLines.lineDate}, 'YYYY-MM')`;

export type ReportService = ReturnType<typeof createReportService>;

export function createReportService(deps: { db: Database; clock: Clock }) {
  const { db, clock } = deps;

  return {
    async importReconciliation(actor: Actor, importId: string) {
      return db.tenant(actor, async (tx) => {
        const found = await findImport(tx, actor.agencyId, importId);
        if (!found) {
          throw new AppError('not_found', 'Import not found');
        }
        return reconcileImport(tx, actor.agencyId, importId);
      });
    },

    /** Settled commission per month and insurer: what the agency received, passed on and kept, to the grosz. */
    async commission(
      actor: Actor,
      query: { from?: string | undefined; to?: string | undefined },
    ): Promise<CommissionReport> {
      const range = monthRange(clock, query);
      const rows = await db.tenant(actor, (tx) =>
        tx
          .select({
            month: monthOf,
            insurerId: commissionLines.insurerId,
            insurerName: insurers.name,
            lineCount: sql<number>`count(*)::int`,
            commission: sql<string>`sum(${commissionLines.commission})`,
            share: sql<string>`coalesce(sum(${statementLines.share}), 0)`,
          })
          .from(commissionLines)
          .innerJoin(insurers, eq(insurers.id, commissionLines.insurerId))
          .leftJoin(
            statementLines,
            and(
              eq(statementLines.commissionLineId, commissionLines.id),
              sql`exists (select 1 from ${statements} where ${qualified(statements, statements.id)} =
                ${qualified(statementLines, statementLines.statementId)} and ${qualified(statements, statements.isCurrent)})`,
            ),
          )
          .where(
            and(
              eq(commissionLines.agencyId, actor.agencyId),
              isNotNull(commissionLines.settledPeriodId),
              gte(commissionLines.lineDate, range.firstDay),
              lte(commissionLines.lineDate, range.lastDay),
            ),
          )
          .groupBy(monthOf, commissionLines.insurerId, insurers.name)
          .orderBy(asc(monthOf), asc(insurers.name)),
      );
      return {
        from: range.from,
        to: range.to,
        cells: rows.map((row) => {
          const commission = Number(row.commission);
          const share = Number(row.share);
          return { ...row, commission, share, retained: commission - share };
        }),
      };
    },

    /** The collaborator's own earnings from published statements, and what was paid when. */
    async earnings(
      actor: Actor,
      query: { from?: string | undefined; to?: string | undefined },
    ): Promise<EarningsReport> {
      const range = monthRange(clock, query);
      const collaboratorId = actor.collaboratorId ?? '';
      return db.tenant(actor, async (tx) => {
        const rows = await tx
          .select({
            month: monthOf,
            insurerName: insurers.name,
            lineCount: sql<number>`count(*)::int`,
            share: sql<string>`sum(${statementLines.share})`,
          })
          .from(statementLines)
          .innerJoin(statements, eq(statements.id, statementLines.statementId))
          .innerJoin(commissionLines, eq(commissionLines.id, statementLines.commissionLineId))
          .innerJoin(insurers, eq(insurers.id, commissionLines.insurerId))
          .where(
            and(
              eq(statementLines.agencyId, actor.agencyId),
              eq(statementLines.collaboratorId, collaboratorId),
              eq(statements.isCurrent, true),
              isNotNull(statements.publishedAt),
              gte(commissionLines.lineDate, range.firstDay),
              lte(commissionLines.lineDate, range.lastDay),
            ),
          )
          .groupBy(monthOf, insurers.name)
          .orderBy(asc(monthOf), asc(insurers.name));
        const paidMonth = sql<string>`to_char(${statements.paidOn}, 'YYYY-MM')`;
        const paid = await tx
          .select({ month: paidMonth, amount: sql<string>`sum(${statements.amountDue})` })
          .from(statements)
          .where(
            and(
              eq(statements.agencyId, actor.agencyId),
              eq(statements.collaboratorId, collaboratorId),
              eq(statements.isCurrent, true),
              isNotNull(statements.paidOn),
            ),
          )
          .groupBy(paidMonth)
          .orderBy(asc(paidMonth));
        return {
          from: range.from,
          to: range.to,
          cells: rows.map((row) => ({ ...row, share: Number(row.share) })),
          paid: paid.map((row) => ({ month: row.month, amount: Number(row.amount) })),
        };
      });
    },
  };
}
