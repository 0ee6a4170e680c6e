import {
  and,
  asc,
  desc,
  eq,
  gt,
  gte,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  ne,
  sql,
  type SQL,
} from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { arrayLiteral, insertByColumns } from '../../db/bulk-insert.js';
import { queryRows, type Tx } from '../../db/database.js';
import { qualified } from '../../db/qualified.js';
import { collaborators } from '../../db/schema/agencies.js';
import { users } from '../../db/schema/identity.js';
import { commissionLines, imports, type LineType } from '../../db/schema/imports.js';
import { insurers } from '../../db/schema/insurers.js';
import {
  adjustments,
  numberSeries,
  periodReopenings,
  settlementPeriods,
  statementLines,
  statements,
  type PeriodStatus,
} from '../../db/schema/settlements.js';

export type PeriodRow = typeof settlementPeriods.$inferSelect;
export type NewStatement = typeof statements.$inferInsert;
export type NewStatementLine = typeof statementLines.$inferInsert;

const statementCount = sql<number>`(select count(*)::int from ${statements}
  where ${qualified(statements, statements.periodId)} = ${qualified(settlementPeriods, settlementPeriods.id)}
    and ${qualified(statements, statements.isCurrent)})`;

export async function insertPeriod(tx: Tx, row: typeof settlementPeriods.$inferInsert) {
  await tx.insert(settlementPeriods).values(row);
}

export async function listPeriods(tx: Tx, agencyId: string) {
  return tx
    .select({ period: settlementPeriods, statementCount })
    .from(settlementPeriods)
    .where(eq(settlementPeriods.agencyId, agencyId))
    .orderBy(desc(settlementPeriods.dateFrom))
    .limit(240);
}

export async function findPeriodWithCount(tx: Tx, agencyId: string, id: string) {
  const [row] = await tx
    .select({ period: settlementPeriods, statementCount })
    .from(settlementPeriods)
    .where(and(eq(settlementPeriods.agencyId, agencyId), eq(settlementPeriods.id, id)));
  return row ?? null;
}

export async function findPeriod(
  tx: Tx,
  agencyId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
) {
  const query = tx
    .select()
    .from(settlementPeriods)
    .where(and(eq(settlementPeriods.agencyId, agencyId), eq(settlementPeriods.id, id)));
  // NO KEY UPDATE: serialises the period's own writers without blocking rows that merely reference the period
  // (a dispute's message, a statement version), which would otherwise wait on each other in a cycle.
  const [row] = await (options.forUpdate ? query.for('no key update') : query);
  return row ?? null;
}

export async function findOverlappingPeriod(tx: Tx, agencyId: string, dateFrom: string, dateTo: string) {
  const [row] = await tx
    .select({
      id: settlementPeriods.id,
      dateFrom: settlementPeriods.dateFrom,
      dateTo: settlementPeriods.dateTo,
    })
    .from(settlementPeriods)
    .where(
      and(
        eq(settlementPeriods.agencyId, agencyId),
        lte(settlementPeriods.dateFrom, dateTo),
        gte(settlementPeriods.dateTo, dateFrom),
      ),
    );
  return row ?? null;
}

/**
 * The period that must be settled before this one can be locked (an earlier one still open), or that depends on this
 * one staying locked (a later one locked, published or closed: its opening balances came from this one).
 */
export async function findPeriodOutOfOrder(
  tx: Tx,
  agencyId: string,
  period: { dateFrom: string; dateTo: string },
  direction: 'earlier_open' | 'later_settled',
) {
  const [row] = await tx
    .select({
      id: settlementPeriods.id,
      dateFrom: settlementPeriods.dateFrom,
      dateTo: settlementPeriods.dateTo,
      status: settlementPeriods.status,
    })
    .from(settlementPeriods)
    .where(
      direction === 'earlier_open'
        ? and(
            eq(settlementPeriods.agencyId, agencyId),
            lt(settlementPeriods.dateTo, period.dateFrom),
            eq(settlementPeriods.status, 'open'),
          )
        : and(
            eq(settlementPeriods.agencyId, agencyId),
            gt(settlementPeriods.dateFrom, period.dateTo),
            ne(settlementPeriods.status, 'open'),
          ),
    )
    .orderBy(asc(settlementPeriods.dateFrom))
    .limit(1);
  return row ?? null;
}

/**
 * An agency-wide advisory lock for the rest of the transaction: creating, locking and reopening periods are
 * serialised per agency, so two periods never settle the same lines and balances carry in date order.
 */
export async function lockAgencyPeriods(tx: Tx, agencyId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`sejf.periods.${agencyId}`}))`);
}

/** Moves a period on only from the status and revision the caller saw; false when someone else moved it first. */
export async function transitionPeriod(
  tx: Tx,
  agencyId: string,
  id: string,
  expected: { status: PeriodStatus; revision: number },
  values: Partial<typeof settlementPeriods.$inferInsert>,
): Promise<boolean> {
  const updated = await tx
    .update(settlementPeriods)
    .set({ ...values, revision: expected.revision + 1 })
    .where(
      and(
        eq(settlementPeriods.agencyId, agencyId),
        eq(settlementPeriods.id, id),
        eq(settlementPeriods.status, expected.status),
        eq(settlementPeriods.revision, expected.revision),
      ),
    )
    .returning({ id: settlementPeriods.id });
  return updated.length > 0;
}

export async function listReopenings(tx: Tx, agencyId: string, periodId: string) {
  return tx
    .select({
      at: periodReopenings.reopenedAt,
      by: users.fullName,
      fromStatus: periodReopenings.fromStatus,
      reason: periodReopenings.reason,
    })
    .from(periodReopenings)
    .innerJoin(users, eq(users.id, periodReopenings.reopenedBy))
    .where(and(eq(periodReopenings.agencyId, agencyId), eq(periodReopenings.periodId, periodId)))
    .orderBy(desc(periodReopenings.reopenedAt));
}

export async function insertReopening(tx: Tx, row: typeof periodReopenings.$inferInsert) {
  await tx.insert(periodReopenings).values(row);
}

/** A line a period settles, with the name of its file. */
export type UnsettledLine = {
  id: string;
  importId: string;
  fileName: string;
  rowNumber: number;
  insurerId: string;
  policyNumber: string;
  policyholder: string | null;
  product: string | null;
  risk: string | null;
  lineDate: string;
  lineType: LineType;
  renewal: boolean | null;
  commission: number;
  premium: number | null;
  collectedPremium: number | null;
  collaboratorId: string | null;
  attributedBy: 'agent_code' | 'manual' | 'agency' | null;
};

type UnsettledLineRow = {
  id: string;
  import_id: string;
  file_name: string;
  row_number: number;
  insurer_id: string;
  policy_number: string;
  policyholder: string | null;
  product: string | null;
  risk: string | null;
  line_date: string;
  line_type: LineType;
  renewal: boolean | null;
  commission: number | string;
  premium: number | string | null;
  collected_premium: number | string | null;
  collaborator_id: string | null;
  attributed_by: UnsettledLine['attributedBy'];
};

const LINES_PER_FETCH = 20_000;

/** bigint as a number, as drizzle reads it (PostgreSQL's driver gives a string, PGlite a number). */
const toNumber = (value: number | string) => (typeof value === 'number' ? value : Number(value));

/**
 * Lines a period settles: every line of a committed import not settled yet, dated up to the period's end (a line
 * that arrives late is settled by the next open period). A month-end has a million of them: they are read through a
 * cursor (one snapshot, a slice at a time, so that the driver never holds them all twice), and the values repeated
 * on many lines (ids of the import, insurer and collaborator, dates, products, file names) are kept once.
 */
export async function loadUnsettledLines(tx: Tx, agencyId: string, dateTo: string): Promise<UnsettledLine[]> {
  const shared = new Map<string, string>();
  const once = <T extends string | null>(value: T): T => {
    if (value === null) {
      return value;
    }
    const known = shared.get(value);
    if (known !== undefined) {
      return known as T;
    }
    shared.set(value, value);
    return value;
  };
  const cursor = sql.identifier('sejf_unsettled_lines');
  await tx.execute(sql`declare ${cursor} no scroll cursor for
    select ${commissionLines.id} as id, ${commissionLines.importId} as import_id,
      ${imports.fileName} as file_name, ${commissionLines.rowNumber} as row_number,
      ${commissionLines.insurerId} as insurer_id, ${commissionLines.policyNumber} as policy_number,
      ${commissionLines.policyholder} as policyholder, ${commissionLines.product} as product,
      ${commissionLines.risk} as risk, ${commissionLines.lineDate} as line_date,
      ${commissionLines.lineType} as line_type, ${commissionLines.renewal} as renewal,
      ${commissionLines.commission} as commission, ${commissionLines.premium} as premium,
      ${commissionLines.collectedPremium} as collected_premium,
      ${commissionLines.collaboratorId} as collaborator_id, ${commissionLines.attributedBy} as attributed_by
    from ${commissionLines}
    inner join ${imports} on ${imports.id} = ${commissionLines.importId}
    where ${commissionLines.agencyId} = ${agencyId}
      and ${imports.status} = 'committed'
      and ${commissionLines.settledPeriodId} is null
      and ${commissionLines.lineDate} <= ${dateTo}`);
  const lines: UnsettledLine[] = [];
  for (;;) {
    const rows = await queryRows<UnsettledLineRow>(
      tx,
      sql`fetch forward ${sql.raw(String(LINES_PER_FETCH))} from ${cursor}`,
    );
    for (const row of rows) {
      lines.push({
        id: row.id,
        importId: once(row.import_id),
        fileName: once(row.file_name),
        rowNumber: row.row_number,
        insurerId: once(row.insurer_id),
        policyNumber: row.policy_number,
        policyholder: row.policyholder,
        product: once(row.product),
        risk: once(row.risk),
        lineDate: once(row.line_date),
        lineType: row.line_type,
        renewal: row.renewal,
        commission: toNumber(row.commission),
        premium: row.premium === null ? null : toNumber(row.premium),
        collectedPremium: row.collected_premium === null ? null : toNumber(row.collected_premium),
        collaboratorId: once(row.collaborator_id),
        attributedBy: row.attributed_by,
      });
    }
    if (rows.length < LINES_PER_FETCH) {
      break;
    }
  }
  await tx.execute(sql`close ${cursor}`);
  return lines;
}

/** Settled positive lines of the given policies: the originals a clawback of this period may reverse. */
export async function loadSettledOriginals(tx: Tx, agencyId: string, policyKeys: readonly string[]) {
  if (policyKeys.length === 0) {
    return [];
  }
  return tx
    .select({
      id: commissionLines.id,
      importId: commissionLines.importId,
      rowNumber: commissionLines.rowNumber,
      insurerId: commissionLines.insurerId,
      policyNumber: commissionLines.policyNumber,
      product: commissionLines.product,
      risk: commissionLines.risk,
      lineDate: commissionLines.lineDate,
      lineType: commissionLines.lineType,
      renewal: commissionLines.renewal,
      commission: commissionLines.commission,
      premium: commissionLines.premium,
      collectedPremium: commissionLines.collectedPremium,
      collaboratorId: commissionLines.collaboratorId,
      settledRuleId: commissionLines.settledRuleId,
      settledRuleVersion: commissionLines.settledRuleVersion,
    })
    .from(commissionLines)
    .where(
      and(
        eq(commissionLines.agencyId, agencyId),
        isNotNull(commissionLines.settledPeriodId),
        sql`${commissionLines.commission} > 0`,
        // One array parameter rather than an IN list of thousands of parameters.
        sql`${commissionLines.policyKey} = any(${arrayLiteral(policyKeys)}::text[])`,
      ),
    );
}

/** fixed_per_policy amounts paid (share > 0) and taken back (share < 0) by current statements. */
export async function loadFixedLedger(tx: Tx, agencyId: string) {
  return tx
    .select({
      collaboratorId: statementLines.collaboratorId,
      insurerId: commissionLines.insurerId,
      policyNumber: commissionLines.policyNumber,
      share: statementLines.share,
    })
    .from(statementLines)
    .innerJoin(statements, eq(statements.id, statementLines.statementId))
    .innerJoin(commissionLines, eq(commissionLines.id, statementLines.commissionLineId))
    .where(
      and(
        eq(statementLines.agencyId, agencyId),
        eq(statements.isCurrent, true),
        eq(statementLines.basis, 'fixed_per_policy'),
        ne(statementLines.share, 0),
      ),
    );
}

/** What each collaborator carried forward from the latest earlier period with a statement for them. */
export async function loadOpeningBalances(tx: Tx, agencyId: string, before: string) {
  const rows = await tx
    .select({
      collaboratorId: statements.collaboratorId,
      carriedForward: statements.carriedForward,
      dateTo: settlementPeriods.dateTo,
    })
    .from(statements)
    .innerJoin(settlementPeriods, eq(settlementPeriods.id, statements.periodId))
    .where(
      and(
        eq(statements.agencyId, agencyId),
        eq(statements.isCurrent, true),
        lt(settlementPeriods.dateTo, before),
        inArray(settlementPeriods.status, ['locked', 'published', 'closed']),
      ),
    )
    .orderBy(asc(settlementPeriods.dateTo));
  const balances = new Map<string, number>();
  for (const row of rows) {
    balances.set(row.collaboratorId, row.carriedForward);
  }
  return balances;
}

const adjustmentAuthors = alias(users, 'adjustment_authors');

export async function listAdjustments(tx: Tx, agencyId: string, periodId: string) {
  return tx
    .select({
      id: adjustments.id,
      collaboratorId: adjustments.collaboratorId,
      collaboratorName: collaborators.fullName,
      kind: adjustments.kind,
      amount: adjustments.amount,
      reason: adjustments.reason,
      statementVersion: adjustments.statementVersion,
      createdAt: adjustments.createdAt,
      createdByName: adjustmentAuthors.fullName,
    })
    .from(adjustments)
    .innerJoin(collaborators, eq(collaborators.id, adjustments.collaboratorId))
    .innerJoin(adjustmentAuthors, eq(adjustmentAuthors.id, adjustments.createdBy))
    .where(
      and(
        eq(adjustments.agencyId, agencyId),
        eq(adjustments.periodId, periodId),
        isNull(adjustments.deletedAt),
      ),
    )
    .orderBy(asc(collaborators.fullName), asc(adjustments.createdAt));
}

export async function insertAdjustment(tx: Tx, row: typeof adjustments.$inferInsert) {
  await tx.insert(adjustments).values(row);
}

export async function deleteAdjustment(
  tx: Tx,
  agencyId: string,
  periodId: string,
  id: string,
  by: string,
  at: Date,
) {
  const updated = await tx
    .update(adjustments)
    .set({ deletedAt: at, deletedBy: by })
    .where(
      and(
        eq(adjustments.agencyId, agencyId),
        eq(adjustments.periodId, periodId),
        eq(adjustments.id, id),
        isNull(adjustments.deletedAt),
        isNull(adjustments.statementVersion),
      ),
    )
    .returning({ collaboratorId: adjustments.collaboratorId, amount: adjustments.amount });
  return updated[0] ?? null;
}

export async function listAgencyCollaborators(tx: Tx, agencyId: string) {
  return tx
    .select({ id: collaborators.id, fullName: collaborators.fullName, knfNumber: collaborators.knfNumber })
    .from(collaborators)
    .where(eq(collaborators.agencyId, agencyId));
}

export async function insurerNames(tx: Tx, agencyId: string) {
  const rows = await tx
    .select({ id: insurers.id, name: insurers.name })
    .from(insurers)
    .where(eq(insurers.agencyId, agencyId));
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** The next number of a gap-free series (per agency, series and year), taken inside the caller's transaction. */
export async function nextNumbers(tx: Tx, agencyId: string, series: string, year: number, count: number) {
  const [row] = await tx
    .insert(numberSeries)
    .values({ agencyId, series, year, last: count })
    .onConflictDoUpdate({
      target: [numberSeries.agencyId, numberSeries.series, numberSeries.year],
      set: { last: sql`${numberSeries.last} + ${count}` },
    })
    .returning({ last: numberSeries.last });
  const last = row?.last ?? count;
  return last - count + 1;
}

export async function insertStatements(tx: Tx, rows: NewStatement[]) {
  for (let start = 0; start < rows.length; start += 500) {
    await tx.insert(statements).values(rows.slice(start, start + 500));
  }
}

/** Statement lines in statements of 10,000 rows, each sent as one array per column. */
export async function insertStatementLines(tx: Tx, rows: NewStatementLine[]) {
  for (let start = 0; start < rows.length; start += 10_000) {
    await insertByColumns(tx, statementLines, rows.slice(start, start + 10_000));
  }
}

/** A line a lock settles, with the rule version that settled it (null for the agency's own lines). */
export type SettledLine = { id: string; ruleId: string | null; ruleVersion: number | null };

/**
 * Marks the lines settled by the period, with the rule version of each, in the order given. The lines come in the
 * order they were read, which is about the order they lie in the table: joined to the list one by one (not
 * `id = any(…)`, which visits them in id order, at random across the table) the update reads and writes the table
 * almost sequentially. Returns how many were settled: fewer than given means another period settled some first.
 */
export async function markLinesSettled(
  tx: Tx,
  agencyId: string,
  periodId: string,
  lines: readonly SettledLine[],
): Promise<number> {
  let settled = 0;
  // Large batches: a few statements, each planned and executed once over a quarter of a million rows.
  for (let start = 0; start < lines.length; start += 250_000) {
    const batch = lines.slice(start, start + 250_000);
    const [row] = await queryRows<{ count: number }>(
      tx,
      sql`with settled as (update ${commissionLines}
      set ${sql.identifier(commissionLines.settledPeriodId.name)} = ${periodId},
        ${sql.identifier(commissionLines.settledRuleId.name)} = given.rule_id,
        ${sql.identifier(commissionLines.settledRuleVersion.name)} = given.rule_version
      from unnest(${arrayLiteral(batch.map((line) => line.id))}::uuid[],
        ${arrayLiteral(batch.map((line) => line.ruleId))}::uuid[],
        ${arrayLiteral(batch.map((line) => line.ruleVersion))}::integer[]) as given(id, rule_id, rule_version)
      where ${commissionLines.id} = given.id
        and ${commissionLines.agencyId} = ${agencyId}
        and ${commissionLines.settledPeriodId} is null
      returning 1)
      select count(*)::integer as count from settled`,
    );
    settled += row?.count ?? 0;
  }
  return settled;
}

/** Undoes a lock: the statements stop being current and the lines are free to be settled again. */
export async function releasePeriod(tx: Tx, agencyId: string, periodId: string, at: Date) {
  await tx
    .update(statements)
    .set({ isCurrent: false, supersededAt: at })
    .where(
      and(
        eq(statements.agencyId, agencyId),
        eq(statements.periodId, periodId),
        eq(statements.isCurrent, true),
      ),
    );
  await tx
    .update(commissionLines)
    .set({ settledPeriodId: null, settledRuleId: null, settledRuleVersion: null })
    .where(and(eq(commissionLines.agencyId, agencyId), eq(commissionLines.settledPeriodId, periodId)));
}

export async function currentStatementsOfPeriod(tx: Tx, agencyId: string, periodId: string) {
  const conditions: SQL[] = [
    eq(statements.agencyId, agencyId),
    eq(statements.periodId, periodId),
    eq(statements.isCurrent, true),
  ];
  return tx
    .select({ statement: statements, fullName: collaborators.fullName, knfNumber: collaborators.knfNumber })
    .from(statements)
    .innerJoin(collaborators, eq(collaborators.id, statements.collaboratorId))
    .where(and(...conditions))
    .orderBy(asc(collaborators.fullName));
}
