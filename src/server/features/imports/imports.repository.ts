import { and, asc, count, desc, eq, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { insertByColumns } from '../../db/bulk-insert.js';
import type { Tx } from '../../db/database.js';
import { qualified } from '../../db/qualified.js';
import { collaborators } from '../../db/schema/agencies.js';
import { users } from '../../db/schema/identity.js';
import { commissionLines, importRowErrors, imports, type ImportStatus } from '../../db/schema/imports.js';
import { importTemplates, insurers } from '../../db/schema/insurers.js';

export type ImportRow = typeof imports.$inferSelect;
export type NewImport = typeof imports.$inferInsert;
export type NewCommissionLine = typeof commissionLines.$inferInsert;
export type NewRowError = typeof importRowErrors.$inferInsert;

export async function insertImport(tx: Tx, row: NewImport) {
  await tx.insert(imports).values(row);
}

const unmatchedCount = sql<number>`(select count(*)::int from ${commissionLines}
  where ${qualified(commissionLines, commissionLines.importId)} = ${qualified(imports, imports.id)}
    and ${qualified(commissionLines, commissionLines.attributedBy)} is null)`;

const summaryColumns = {
  import: imports,
  insurerName: insurers.name,
  createdByName: users.fullName,
  unmatchedCount,
};

function summaries(tx: Tx) {
  return tx
    .select(summaryColumns)
    .from(imports)
    .innerJoin(insurers, eq(insurers.id, imports.insurerId))
    .innerJoin(users, eq(users.id, imports.createdBy));
}

export type ImportSummaryRow = Awaited<ReturnType<typeof findImportSummary>>;

export async function findImportSummary(tx: Tx, agencyId: string, id: string) {
  const [row] = await summaries(tx).where(and(eq(imports.agencyId, agencyId), eq(imports.id, id)));
  return row ?? null;
}

export async function listImportSummaries(
  tx: Tx,
  agencyId: string,
  statuses: readonly ImportStatus[] | null,
) {
  const conditions: SQL[] = [eq(imports.agencyId, agencyId)];
  if (statuses) {
    conditions.push(inArray(imports.status, [...statuses]));
  }
  return summaries(tx)
    .where(and(...conditions))
    .orderBy(desc(imports.createdAt))
    .limit(500);
}

export async function findImport(
  tx: Tx,
  agencyId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
) {
  const query = tx
    .select()
    .from(imports)
    .where(and(eq(imports.agencyId, agencyId), eq(imports.id, id)));
  const [row] = await (options.forUpdate ? query.for('update') : query);
  return row ?? null;
}

/** Moves an import between states only from the expected ones: false when someone else moved it first. */
export async function transitionImport(
  tx: Tx,
  agencyId: string,
  id: string,
  from: readonly ImportStatus[],
  values: Partial<NewImport> & { status: ImportStatus },
): Promise<boolean> {
  const updated = await tx
    .update(imports)
    .set(values)
    .where(and(eq(imports.agencyId, agencyId), eq(imports.id, id), inArray(imports.status, [...from])))
    .returning({ id: imports.id });
  return updated.length > 0;
}

export async function updateImport(tx: Tx, agencyId: string, id: string, values: Partial<NewImport>) {
  await tx
    .update(imports)
    .set(values)
    .where(and(eq(imports.agencyId, agencyId), eq(imports.id, id)));
}

export async function findCommittedImportByHash(tx: Tx, agencyId: string, sha256: Buffer) {
  const [row] = await tx
    .select({ id: imports.id, fileName: imports.fileName, committedAt: imports.committedAt })
    .from(imports)
    .where(and(eq(imports.agencyId, agencyId), eq(imports.sha256, sha256), eq(imports.status, 'committed')));
  return row ?? null;
}

export async function deleteStagedRows(tx: Tx, importId: string) {
  await tx.delete(commissionLines).where(eq(commissionLines.importId, importId));
  await tx.delete(importRowErrors).where(eq(importRowErrors.importId, importId));
}

/** One statement per call however many lines: the rows travel as one array per column. */
export async function insertLines(tx: Tx, rows: NewCommissionLine[]) {
  await insertByColumns(tx, commissionLines, rows);
}

export async function insertRowErrors(tx: Tx, rows: NewRowError[]) {
  if (rows.length > 0) {
    await tx.insert(importRowErrors).values(rows);
  }
}

export async function findTemplate(tx: Tx, agencyId: string, insurerId: string) {
  const [row] = await tx
    .select()
    .from(importTemplates)
    .where(and(eq(importTemplates.agencyId, agencyId), eq(importTemplates.insurerId, insurerId)));
  return row ?? null;
}

export async function saveTemplate(tx: Tx, row: typeof importTemplates.$inferInsert) {
  await tx
    .insert(importTemplates)
    .values(row)
    .onConflictDoUpdate({
      target: [importTemplates.agencyId, importTemplates.insurerId],
      set: { mapping: row.mapping, updatedBy: row.updatedBy, updatedAt: row.updatedAt },
    });
}

const lineColumns = {
  id: commissionLines.id,
  rowNumber: commissionLines.rowNumber,
  policyNumber: commissionLines.policyNumber,
  policyholder: commissionLines.policyholder,
  product: commissionLines.product,
  risk: commissionLines.risk,
  premium: commissionLines.premium,
  collectedPremium: commissionLines.collectedPremium,
  commissionBase: commissionLines.commissionBase,
  insurerRate: commissionLines.insurerRate,
  commission: commissionLines.commission,
  installment: commissionLines.installment,
  lineDate: commissionLines.lineDate,
  agentCode: commissionLines.agentCode,
  lineType: commissionLines.lineType,
  renewal: commissionLines.renewal,
  collaboratorId: commissionLines.collaboratorId,
  collaboratorName: collaborators.fullName,
  attributedBy: commissionLines.attributedBy,
};

export async function pageOfLines(
  tx: Tx,
  importId: string,
  options: { unmatchedOnly: boolean; offset: number; limit: number },
) {
  const conditions: SQL[] = [eq(commissionLines.importId, importId)];
  if (options.unmatchedOnly) {
    conditions.push(isNull(commissionLines.attributedBy));
  }
  const where = and(...conditions);
  const [total] = await tx.select({ value: count() }).from(commissionLines).where(where);
  const lines = await tx
    .select(lineColumns)
    .from(commissionLines)
    .leftJoin(collaborators, eq(collaborators.id, commissionLines.collaboratorId))
    .where(where)
    .orderBy(asc(commissionLines.rowNumber))
    .offset(options.offset)
    .limit(options.limit);
  return { total: total?.value ?? 0, lines };
}

export async function pageOfRowErrors(tx: Tx, importId: string, options: { offset: number; limit: number }) {
  const [total] = await tx
    .select({ value: count() })
    .from(importRowErrors)
    .where(eq(importRowErrors.importId, importId));
  const errors = await tx
    .select({
      rowNumber: importRowErrors.rowNumber,
      code: importRowErrors.code,
      field: importRowErrors.field,
    })
    .from(importRowErrors)
    .where(eq(importRowErrors.importId, importId))
    .orderBy(asc(importRowErrors.rowNumber), asc(importRowErrors.field))
    .offset(options.offset)
    .limit(options.limit);
  return { total: total?.value ?? 0, errors };
}

/** Lines of committed imports that no one is attributed to and no period has settled: the exception queue. */
export async function unmatchedGroups(tx: Tx, agencyId: string) {
  return tx
    .select({
      insurerId: commissionLines.insurerId,
      insurerName: insurers.name,
      agentCode: commissionLines.agentCode,
      lineCount: sql<number>`count(*)::int`,
      commissionTotal: sql<string>`sum(${commissionLines.commission})`,
      firstLineDate: sql<string>`min(${commissionLines.lineDate})`,
      lastLineDate: sql<string>`max(${commissionLines.lineDate})`,
    })
    .from(commissionLines)
    .innerJoin(imports, eq(imports.id, commissionLines.importId))
    .innerJoin(insurers, eq(insurers.id, commissionLines.insurerId))
    .where(
      and(
        eq(commissionLines.agencyId, agencyId),
        eq(imports.status, 'committed'),
        isNull(commissionLines.attributedBy),
        isNull(commissionLines.settledPeriodId),
      ),
    )
    .groupBy(commissionLines.insurerId, insurers.name, commissionLines.agentCode)
    .orderBy(asc(insurers.name), asc(commissionLines.agentCode));
}

/** Attributes unsettled lines of one insurer carrying an agent code (or none); returns how many changed. */
export async function attributeLines(
  tx: Tx,
  agencyId: string,
  filter: {
    insurerId: string;
    agentCode: string | null;
    importId?: string | undefined;
    onlyUnattributed: boolean;
  },
  values: { collaboratorId: string | null; attributedBy: 'agent_code' | 'manual' | 'agency' },
): Promise<number> {
  const conditions: SQL[] = [
    eq(commissionLines.agencyId, agencyId),
    eq(commissionLines.insurerId, filter.insurerId),
    isNull(commissionLines.settledPeriodId),
    filter.agentCode === null
      ? isNull(commissionLines.agentCode)
      : eq(commissionLines.agentCode, filter.agentCode),
  ];
  if (filter.importId) {
    conditions.push(eq(commissionLines.importId, filter.importId));
  }
  if (filter.onlyUnattributed) {
    conditions.push(isNull(commissionLines.attributedBy));
  }
  const updated = await tx
    .update(commissionLines)
    .set(values)
    .where(and(...conditions))
    .returning({ id: commissionLines.id });
  return updated.length;
}

/** Uploads cut short and parses whose process died: both older than `before`. */
export async function listStaleImports(tx: Tx, before: Date) {
  return tx
    .select({ id: imports.id, status: imports.status, storageKey: imports.storageKey })
    .from(imports)
    .where(and(inArray(imports.status, ['uploading', 'parsing']), lt(imports.updatedAt, before)))
    .limit(100);
}

export async function deleteImportRow(tx: Tx, id: string) {
  await deleteStagedRows(tx, id);
  await tx.delete(imports).where(eq(imports.id, id));
}

export async function failInterruptedParse(tx: Tx, id: string, now: Date) {
  await deleteStagedRows(tx, id);
  await tx
    .update(imports)
    .set({
      status: 'failed',
      failureCode: 'import_interrupted',
      failureDetails: null,
      lineCount: 0,
      errorCount: 0,
      rowsProcessed: 0,
      commissionTotal: 0,
      updatedAt: now,
    })
    .where(and(eq(imports.id, id), eq(imports.status, 'parsing')));
}
