import { and, asc, desc, eq, inArray, isNotNull, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { SettlementLine } from '../../../shared/api/periods.js';
import type { Tx } from '../../db/database.js';
import { qualified } from '../../db/qualified.js';
import { collaborators, memberships } from '../../db/schema/agencies.js';
import { users } from '../../db/schema/identity.js';
import { commissionLines, imports } from '../../db/schema/imports.js';
import { insurers } from '../../db/schema/insurers.js';
import {
  adjustments,
  disputes,
  invoices,
  settlementPeriods,
  statementLines,
  statementMessages,
  statements,
} from '../../db/schema/settlements.js';

/** The highest statement version each collaborator has in the period (also superseded ones). */
export async function previousVersions(tx: Tx, agencyId: string, periodId: string) {
  const rows = await tx
    .select({
      collaboratorId: statements.collaboratorId,
      version: sql<number>`max(${statements.version})::int`,
    })
    .from(statements)
    .where(and(eq(statements.agencyId, agencyId), eq(statements.periodId, periodId)))
    .groupBy(statements.collaboratorId);
  return new Map(rows.map((row) => [row.collaboratorId, row.version]));
}

/** Totals of a locked period from what its statements recorded, per collaborator and per insurer. */
export async function statementTotals(tx: Tx, agencyId: string, periodId: string) {
  const perInsurer = await tx
    .select({
      insurerId: commissionLines.insurerId,
      insurerName: insurers.name,
      collaboratorId: commissionLines.collaboratorId,
      attributedBy: commissionLines.attributedBy,
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
        sql`${qualified(statementLines, statementLines.statementId)} in (select ${qualified(statements, statements.id)}
          from ${statements} where ${qualified(statements, statements.periodId)} = ${periodId}
          and ${qualified(statements, statements.isCurrent)})`,
      ),
    )
    .where(and(eq(commissionLines.agencyId, agencyId), eq(commissionLines.settledPeriodId, periodId)))
    .groupBy(
      commissionLines.insurerId,
      insurers.name,
      commissionLines.collaboratorId,
      commissionLines.attributedBy,
    );
  const insurerTotals = new Map<
    string,
    {
      insurerId: string;
      insurerName: string;
      lineCount: number;
      commission: number;
      share: number;
      retained: number;
    }
  >();
  const byCollaborator = new Map<string, { commission: number }>();
  let lineCount = 0;
  let commission = 0;
  let share = 0;
  let agencyOwn = 0;
  for (const row of perInsurer) {
    const rowCommission = Number(row.commission);
    const rowShare = Number(row.share);
    lineCount += row.lineCount;
    commission += rowCommission;
    share += rowShare;
    if (row.attributedBy === 'agency') {
      agencyOwn += rowCommission;
    } else if (row.collaboratorId) {
      const entry = byCollaborator.get(row.collaboratorId) ?? { commission: 0 };
      entry.commission += rowCommission;
      byCollaborator.set(row.collaboratorId, entry);
    }
    const entry = insurerTotals.get(row.insurerId) ?? {
      insurerId: row.insurerId,
      insurerName: row.insurerName,
      lineCount: 0,
      commission: 0,
      share: 0,
      retained: 0,
    };
    entry.lineCount += row.lineCount;
    entry.commission += rowCommission;
    entry.share += rowShare;
    entry.retained = entry.commission - entry.share;
    insurerTotals.set(row.insurerId, entry);
  }
  return {
    lineCount,
    commission,
    share,
    agencyOwn,
    byCollaborator,
    insurers: [...insurerTotals.values()].sort((a, b) => a.insurerName.localeCompare(b.insurerName, 'pl')),
  };
}

/** The lines of a locked period as its current statements recorded them. */
export async function lockedLines(
  tx: Tx,
  agencyId: string,
  periodId: string,
  query: { collaboratorId?: string | undefined; problem?: string | undefined; offset: number; limit: number },
): Promise<{ total: number; lines: SettlementLine[] }> {
  if (query.problem) {
    return { total: 0, lines: [] };
  }
  const conditions: SQL[] = [
    eq(statementLines.agencyId, agencyId),
    eq(statements.periodId, periodId),
    eq(statements.isCurrent, true),
  ];
  if (query.collaboratorId) {
    conditions.push(eq(statementLines.collaboratorId, query.collaboratorId));
  }
  const where = and(...conditions);
  const [count] = await tx
    .select({ value: sql<number>`count(*)::int` })
    .from(statementLines)
    .innerJoin(statements, eq(statements.id, statementLines.statementId))
    .where(where);
  const rows = await tx
    .select({
      line: commissionLines,
      fileName: imports.fileName,
      insurerName: insurers.name,
      computed: statementLines,
    })
    .from(statementLines)
    .innerJoin(statements, eq(statements.id, statementLines.statementId))
    .innerJoin(commissionLines, eq(commissionLines.id, statementLines.commissionLineId))
    .innerJoin(imports, eq(imports.id, commissionLines.importId))
    .innerJoin(insurers, eq(insurers.id, commissionLines.insurerId))
    .where(where)
    .orderBy(
      asc(insurers.name),
      asc(commissionLines.lineDate),
      asc(imports.fileName),
      asc(commissionLines.rowNumber),
    )
    .offset(query.offset)
    .limit(query.limit);
  return {
    total: count?.value ?? 0,
    lines: rows.map(({ line, fileName, insurerName, computed }) => ({
      lineId: line.id,
      importId: line.importId,
      fileName,
      rowNumber: line.rowNumber,
      insurerId: line.insurerId,
      insurerName,
      policyNumber: line.policyNumber,
      policyholder: line.policyholder,
      product: line.product,
      risk: line.risk,
      lineDate: line.lineDate,
      lineType: line.lineType,
      commission: line.commission,
      collaboratorId: computed.collaboratorId,
      basis: computed.basis,
      rate: computed.rate,
      base: computed.base,
      share: computed.share,
      ruleId: computed.ruleId,
      ruleVersion: computed.ruleVersion,
      appliedOn: computed.appliedOn,
      clawbackOf: computed.clawbackOf,
      note: computed.note,
      problem: null,
    })),
  };
}

const openDisputes = sql<number>`(select count(*)::int from ${disputes}
  where ${qualified(disputes, disputes.statementId)} = ${qualified(statements, statements.id)}
    and ${qualified(disputes, disputes.status)} = 'open')`;

const liveInvoice = sql<string | null>`(select ${qualified(invoices, invoices.status)} from ${invoices}
  where ${qualified(invoices, invoices.statementId)} = ${qualified(statements, statements.id)}
    and ${qualified(invoices, invoices.status)} <> 'void' limit 1)`;

/**
 * Locks one statement row for the rest of the transaction (read it again afterwards: under READ COMMITTED that read
 * sees whatever committed while waiting). Every writer of a statement takes this lock before its checks, so a
 * dispute, acceptance, correction, payment, invoice or close are applied one after another, each seeing the last.
 */
export async function lockStatement(tx: Tx, agencyId: string, id: string): Promise<void> {
  await tx
    .select({ id: statements.id })
    .from(statements)
    .where(and(eq(statements.agencyId, agencyId), eq(statements.id, id)))
    .for('update');
}

export async function hasOpenDispute(tx: Tx, statementId: string): Promise<boolean> {
  const [open] = await tx
    .select({ id: disputes.id })
    .from(disputes)
    .where(and(eq(disputes.statementId, statementId), eq(disputes.status, 'open')))
    .limit(1);
  return open !== undefined;
}

/** Locks every statement of a period for the rest of the transaction. */
export async function lockStatementsOfPeriod(tx: Tx, agencyId: string, periodId: string): Promise<void> {
  await tx
    .select({ id: statements.id })
    .from(statements)
    .where(and(eq(statements.agencyId, agencyId), eq(statements.periodId, periodId)))
    .for('update');
}

export async function listStatementRows(
  tx: Tx,
  agencyId: string,
  filter: {
    periodId?: string;
    collaboratorId?: string;
    publishedOnly?: boolean;
    id?: string;
    ids?: readonly string[];
    currentOnly?: boolean;
  },
) {
  const conditions: SQL[] = [eq(statements.agencyId, agencyId)];
  if (filter.ids) {
    conditions.push(inArray(statements.id, [...filter.ids]));
  }
  if (filter.periodId) {
    conditions.push(eq(statements.periodId, filter.periodId));
  }
  if (filter.collaboratorId) {
    conditions.push(eq(statements.collaboratorId, filter.collaboratorId));
  }
  if (filter.publishedOnly) {
    conditions.push(isNotNull(statements.publishedAt));
  }
  if (filter.id) {
    conditions.push(eq(statements.id, filter.id));
  }
  if (filter.currentOnly !== false) {
    conditions.push(eq(statements.isCurrent, true));
  }
  return tx
    .select({
      statement: statements,
      period: settlementPeriods,
      collaboratorName: collaborators.fullName,
      openDisputes,
      invoiceStatus: liveInvoice,
    })
    .from(statements)
    .innerJoin(settlementPeriods, eq(settlementPeriods.id, statements.periodId))
    .innerJoin(collaborators, eq(collaborators.id, statements.collaboratorId))
    .where(and(...conditions))
    .orderBy(desc(settlementPeriods.dateFrom), asc(collaborators.fullName), desc(statements.version));
}

export type StatementListRow = Awaited<ReturnType<typeof listStatementRows>>[number];

export async function statementVersions(tx: Tx, agencyId: string, periodId: string, collaboratorId: string) {
  return tx
    .select({
      id: statements.id,
      version: statements.version,
      amountDue: statements.amountDue,
      createdAt: statements.createdAt,
      isCurrent: statements.isCurrent,
    })
    .from(statements)
    .where(
      and(
        eq(statements.agencyId, agencyId),
        eq(statements.periodId, periodId),
        eq(statements.collaboratorId, collaboratorId),
      ),
    )
    .orderBy(desc(statements.version));
}

const statementLineColumns = {
  id: statementLines.id,
  commissionLineId: statementLines.commissionLineId,
  insurerName: insurers.name,
  fileName: imports.fileName,
  rowNumber: commissionLines.rowNumber,
  policyNumber: commissionLines.policyNumber,
  policyholder: commissionLines.policyholder,
  product: commissionLines.product,
  risk: commissionLines.risk,
  lineDate: commissionLines.lineDate,
  lineType: commissionLines.lineType,
  commission: commissionLines.commission,
  basis: statementLines.basis,
  rate: statementLines.rate,
  base: statementLines.base,
  share: statementLines.share,
  ruleId: statementLines.ruleId,
  ruleVersion: statementLines.ruleVersion,
  appliedOn: statementLines.appliedOn,
  clawbackOf: statementLines.clawbackOf,
  note: statementLines.note,
  correctedFrom: statementLines.correctedFrom,
  correctionReason: statementLines.correctionReason,
};

/** The order a statement lists its lines in: by insurer, date and policy. */
const statementLineOrder = [
  asc(insurers.name),
  asc(commissionLines.lineDate),
  asc(commissionLines.policyNumber),
  asc(statementLines.id),
];

/** Every line of one statement with what a person needs to recognise it. */
/** Collaborators see no import rows (RLS): the file name is there for the agency's eyes only. */
export async function linesOfStatement(
  tx: Tx,
  statementId: string,
  page?: { offset: number; limit: number },
) {
  const query = tx
    .select(statementLineColumns)
    .from(statementLines)
    .innerJoin(commissionLines, eq(commissionLines.id, statementLines.commissionLineId))
    .leftJoin(imports, eq(imports.id, commissionLines.importId))
    .innerJoin(insurers, eq(insurers.id, commissionLines.insurerId))
    .where(eq(statementLines.statementId, statementId))
    .orderBy(...statementLineOrder);
  return page ? query.offset(page.offset).limit(page.limit) : query;
}

export type StatementLineRow = Awaited<ReturnType<typeof linesOfStatement>>[number];

/** The lines of several statements in one query, each statement's in the order linesOfStatement gives. */
export async function linesOfStatements(
  tx: Tx,
  statementIds: readonly string[],
): Promise<Map<string, StatementLineRow[]>> {
  const byStatement = new Map<string, StatementLineRow[]>(statementIds.map((id) => [id, []]));
  if (statementIds.length === 0) {
    return byStatement;
  }
  const rows = await tx
    .select({ ...statementLineColumns, statementId: statementLines.statementId })
    .from(statementLines)
    .innerJoin(commissionLines, eq(commissionLines.id, statementLines.commissionLineId))
    .leftJoin(imports, eq(imports.id, commissionLines.importId))
    .innerJoin(insurers, eq(insurers.id, commissionLines.insurerId))
    .where(inArray(statementLines.statementId, [...statementIds]))
    .orderBy(...statementLineOrder);
  for (const { statementId, ...line } of rows) {
    byStatement.get(statementId)?.push(line);
  }
  return byStatement;
}

export async function countLinesOfStatement(tx: Tx, statementId: string) {
  const [row] = await tx
    .select({ value: sql<number>`count(*)::int` })
    .from(statementLines)
    .where(eq(statementLines.statementId, statementId));
  return row?.value ?? 0;
}

/** Adjustments that belong to a statement version: the period's own, plus corrections up to this version. */
export async function adjustmentsOfStatement(
  tx: Tx,
  agencyId: string,
  periodId: string,
  collaboratorId: string,
  version: number,
) {
  return tx
    .select({
      id: adjustments.id,
      kind: adjustments.kind,
      reason: adjustments.reason,
      amount: adjustments.amount,
      statementVersion: adjustments.statementVersion,
    })
    .from(adjustments)
    .where(
      and(
        eq(adjustments.agencyId, agencyId),
        eq(adjustments.periodId, periodId),
        eq(adjustments.collaboratorId, collaboratorId),
        isNull(adjustments.deletedAt),
        or(isNull(adjustments.statementVersion), lte(adjustments.statementVersion, version)),
      ),
    )
    .orderBy(asc(adjustments.createdAt));
}

/**
 * The adjustments of several collaborators in several periods (the not deleted ones), oldest first: what
 * adjustmentsOfStatement selects for each statement, before the version filter.
 */
export async function adjustmentsOfCollaborators(
  tx: Tx,
  agencyId: string,
  periodIds: readonly string[],
  collaboratorIds: readonly string[],
) {
  if (periodIds.length === 0 || collaboratorIds.length === 0) {
    return [];
  }
  return tx
    .select({
      id: adjustments.id,
      periodId: adjustments.periodId,
      collaboratorId: adjustments.collaboratorId,
      kind: adjustments.kind,
      reason: adjustments.reason,
      amount: adjustments.amount,
      statementVersion: adjustments.statementVersion,
    })
    .from(adjustments)
    .where(
      and(
        eq(adjustments.agencyId, agencyId),
        inArray(adjustments.periodId, [...new Set(periodIds)]),
        inArray(adjustments.collaboratorId, [...new Set(collaboratorIds)]),
        isNull(adjustments.deletedAt),
      ),
    )
    .orderBy(asc(adjustments.createdAt));
}

/** Several collaborators of the agency, by id. */
export async function collaboratorsByIds(tx: Tx, agencyId: string, ids: readonly string[]) {
  if (ids.length === 0) {
    return new Map<string, typeof collaborators.$inferSelect>();
  }
  const rows = await tx
    .select()
    .from(collaborators)
    .where(and(eq(collaborators.agencyId, agencyId), inArray(collaborators.id, [...new Set(ids)])));
  return new Map(rows.map((row) => [row.id, row]));
}

export async function disputesOfStatements(tx: Tx, statementIds: readonly string[]) {
  if (statementIds.length === 0) {
    return [];
  }
  return tx
    .select()
    .from(disputes)
    .where(inArray(disputes.statementId, [...statementIds]))
    .orderBy(asc(disputes.createdAt));
}

export async function messagesOfThread(tx: Tx, agencyId: string, periodId: string, collaboratorId: string) {
  return tx
    .select({
      id: statementMessages.id,
      authorId: statementMessages.authorId,
      authorName: users.fullName,
      body: statementMessages.body,
      createdAt: statementMessages.createdAt,
    })
    .from(statementMessages)
    .innerJoin(users, eq(users.id, statementMessages.authorId))
    .where(
      and(
        eq(statementMessages.agencyId, agencyId),
        eq(statementMessages.periodId, periodId),
        eq(statementMessages.collaboratorId, collaboratorId),
      ),
    )
    .orderBy(asc(statementMessages.createdAt));
}

export async function insertMessage(tx: Tx, row: typeof statementMessages.$inferInsert) {
  await tx.insert(statementMessages).values(row);
}

export async function insertDispute(tx: Tx, row: typeof disputes.$inferInsert) {
  await tx.insert(disputes).values(row);
}

export async function updateStatement(
  tx: Tx,
  agencyId: string,
  id: string,
  values: Partial<typeof statements.$inferInsert>,
) {
  await tx
    .update(statements)
    .set(values)
    .where(and(eq(statements.agencyId, agencyId), eq(statements.id, id)));
}

/** Records each statement's rendered document and its PDF's SHA-256, in one statement. */
export async function attachStatementDocuments(
  tx: Tx,
  agencyId: string,
  rows: readonly { statementId: string; documentId: string; sha256: Buffer | null }[],
) {
  if (rows.length === 0) {
    return;
  }
  await tx.execute(sql`update ${statements}
    set ${sql.identifier(statements.documentId.name)} = given.document_id,
      ${sql.identifier(statements.sha256.name)} = decode(given.sha256, 'hex')
    from unnest(
      ${sql.param(rows.map((row) => row.statementId))}::uuid[],
      ${sql.param(rows.map((row) => row.documentId))}::uuid[],
      ${sql.param(rows.map((row) => row.sha256?.toString('hex') ?? null))}::text[]
    ) as given(statement_id, document_id, sha256)
    where ${statements.agencyId} = ${agencyId} and ${statements.id} = given.statement_id`);
}

/** Marks statements published, in one statement. */
export async function markStatementsPublished(
  tx: Tx,
  agencyId: string,
  ids: readonly string[],
  publishedAt: Date,
) {
  for (let start = 0; start < ids.length; start += 10_000) {
    await tx
      .update(statements)
      .set({ publishedAt })
      .where(
        and(
          eq(statements.agencyId, agencyId),
          sql`${statements.id} = any(${sql.param(ids.slice(start, start + 10_000))}::uuid[])`,
        ),
      );
  }
}

/**
 * The e-mail and locale of each collaborator with an active account in the agency, as findCollaboratorRecipient
 * gives them one by one.
 */
export async function collaboratorRecipients(tx: Tx, agencyId: string, collaboratorIds: readonly string[]) {
  const recipients = new Map<string, { email: string; locale: 'pl' | 'en' }>();
  if (collaboratorIds.length === 0) {
    return recipients;
  }
  const rows = await tx
    .select({ collaboratorId: collaborators.id, email: users.email, locale: users.locale })
    .from(collaborators)
    .innerJoin(users, eq(users.id, collaborators.userId))
    .innerJoin(
      memberships,
      and(
        eq(memberships.userId, users.id),
        eq(memberships.agencyId, agencyId),
        isNull(memberships.disabledAt),
      ),
    )
    .where(
      and(
        eq(collaborators.agencyId, agencyId),
        sql`${collaborators.id} = any(${sql.param([...new Set(collaboratorIds)])}::uuid[])`,
      ),
    );
  for (const row of rows) {
    if (!recipients.has(row.collaboratorId)) {
      recipients.set(row.collaboratorId, { email: row.email, locale: row.locale });
    }
  }
  return recipients;
}

export async function statementsWithoutDocuments(tx: Tx, periodId?: string) {
  const conditions: SQL[] = [eq(statements.isCurrent, true), isNull(statements.documentId)];
  if (periodId) {
    conditions.push(eq(statements.periodId, periodId));
  }
  return tx
    .select({
      id: statements.id,
      agencyId: statements.agencyId,
      periodId: statements.periodId,
      createdBy: statements.createdBy,
    })
    .from(statements)
    .where(and(...conditions))
    .limit(10_000);
}

export async function resolveOpenDisputes(
  tx: Tx,
  statementId: string,
  values: { status: 'corrected' | 'rejected'; resolvedAt: Date; resolvedBy: string; resolution: string },
  disputeId?: string,
) {
  const conditions: SQL[] = [eq(disputes.statementId, statementId), eq(disputes.status, 'open')];
  if (disputeId) {
    conditions.push(eq(disputes.id, disputeId));
  }
  const updated = await tx
    .update(disputes)
    .set(values)
    .where(and(...conditions))
    .returning({ id: disputes.id });
  return updated.length;
}

/** Sets aside the invoices that answered a statement version now superseded; returns their ids. */
export async function voidInvoicesOfStatement(tx: Tx, agencyId: string, statementId: string, at: Date) {
  const updated = await tx
    .update(invoices)
    .set({ status: 'void', voidedAt: at })
    .where(
      and(
        eq(invoices.agencyId, agencyId),
        eq(invoices.statementId, statementId),
        sql`${invoices.status} <> 'void'`,
      ),
    )
    .returning({ id: invoices.id });
  return updated.map((row) => row.id);
}

export async function rawLinesOfStatement(tx: Tx, statementId: string) {
  return tx.select().from(statementLines).where(eq(statementLines.statementId, statementId));
}

export async function unpublishedCorrections(tx: Tx) {
  return tx
    .select({
      id: statements.id,
      agencyId: statements.agencyId,
      documentId: statements.documentId,
      createdBy: statements.createdBy,
    })
    .from(statements)
    .innerJoin(settlementPeriods, eq(settlementPeriods.id, statements.periodId))
    .where(
      and(
        eq(statements.isCurrent, true),
        isNull(statements.publishedAt),
        isNotNull(statements.documentId),
        inArray(settlementPeriods.status, ['published', 'closed']),
      ),
    )
    .limit(1000);
}

export async function payoutRows(tx: Tx, agencyId: string, periodId: string) {
  return tx
    .select({
      number: statements.number,
      version: statements.version,
      amountDue: statements.amountDue,
      fullName: collaborators.fullName,
      iban: collaborators.iban,
      paidOn: statements.paidOn,
    })
    .from(statements)
    .innerJoin(collaborators, eq(collaborators.id, statements.collaboratorId))
    .where(
      and(
        eq(statements.agencyId, agencyId),
        eq(statements.periodId, periodId),
        eq(statements.isCurrent, true),
        sql`${statements.amountDue} > 0`,
      ),
    )
    .orderBy(asc(collaborators.fullName));
}
