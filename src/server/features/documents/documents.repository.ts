import { and, asc, count, desc, eq, inArray, isNotNull, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/database.js';
import { agencies, collaborators, memberships } from '../../db/schema/agencies.js';
import { documentFiles, documentReceipts, documents } from '../../db/schema/documents.js';
import { users } from '../../db/schema/identity.js';
import { invoices, statements } from '../../db/schema/settlements.js';

export type NewDocument = typeof documents.$inferInsert;
export type NewDocumentFile = typeof documentFiles.$inferInsert;
export type DocumentFileRow = typeof documentFiles.$inferSelect;

export async function findAgencyKey(tx: Tx, agencyId: string) {
  const [row] = await tx
    .select({ wrappedKey: agencies.wrappedKey })
    .from(agencies)
    .where(eq(agencies.id, agencyId));
  return row?.wrappedKey ?? null;
}

export async function insertDocument(tx: Tx, document: NewDocument): Promise<void> {
  await tx.insert(documents).values(document);
}

export async function insertDocumentFile(tx: Tx, file: NewDocumentFile): Promise<void> {
  await tx.insert(documentFiles).values(file);
}

export async function completeDocumentFile(
  tx: Tx,
  id: string,
  values: { sizeBytes: number; sha256: Buffer; contentType: string; scanState: 'clean' | 'not_scanned' },
): Promise<void> {
  await tx.update(documentFiles).set(values).where(eq(documentFiles.id, id));
}

export async function touchDocument(tx: Tx, id: string, now: Date): Promise<void> {
  await tx.update(documents).set({ updatedAt: now }).where(eq(documents.id, id));
}

/** Makes an uploaded document visible; false if it is no longer an upload in progress. */
export async function publishDocument(tx: Tx, id: string, now: Date): Promise<boolean> {
  const rows = await tx
    .update(documents)
    .set({ status: 'available', publishedAt: now, updatedAt: now })
    .where(and(eq(documents.id, id), eq(documents.status, 'uploading')))
    .returning({ id: documents.id });
  return rows.length > 0;
}

export async function listFilesOfDocument(tx: Tx, documentId: string) {
  return tx
    .select()
    .from(documentFiles)
    .where(eq(documentFiles.documentId, documentId))
    .orderBy(asc(documentFiles.createdAt), asc(documentFiles.fileName));
}

/** An upload in progress is invisible, so it has no receipts to remove. */
export async function deleteUploadRows(tx: Tx, documentId: string): Promise<void> {
  await tx.delete(documentFiles).where(eq(documentFiles.documentId, documentId));
  await tx.delete(documents).where(and(eq(documents.id, documentId), eq(documents.status, 'uploading')));
}

export async function deleteFileRow(tx: Tx, fileId: string): Promise<void> {
  await tx.delete(documentFiles).where(eq(documentFiles.id, fileId));
}

export type DocumentFilters = {
  collaboratorId?: string | undefined;
  month?: string | undefined;
  opened?: 'yes' | 'no' | undefined;
  limit: number;
  offset: number;
};

/** A timestamp computed in SQL (min(), subqueries), mapped like the column it comes from. */
const nullableTimestamp = (value: unknown): Date | null =>
  value instanceof Date ? value : typeof value === 'string' ? new Date(value) : null;

const firstOpenedByCollaborator = sql<Date | null>`(
  select min(${documentReceipts.at}) from ${documentReceipts}
  where ${documentReceipts.documentId} = ${documents.id} and ${documentReceipts.kind} = 'opened'
    and ${documentReceipts.userId} = ${collaborators.userId}
)`.mapWith(nullableTimestamp);

function visibleDocuments(
  agencyId: string,
  filters: Omit<DocumentFilters, 'limit' | 'offset'>,
): SQL | undefined {
  const conditions: SQL[] = [eq(documents.agencyId, agencyId), eq(documents.status, 'available')];
  if (filters.collaboratorId) {
    conditions.push(eq(documents.collaboratorId, filters.collaboratorId));
  }
  if (filters.month) {
    conditions.push(eq(documents.periodMonth, filters.month));
  }
  if (filters.opened) {
    conditions.push(
      sql`${firstOpenedByCollaborator} is ${sql.raw(filters.opened === 'yes' ? 'not null' : 'null')}`,
    );
  }
  return and(...conditions);
}

const downloadCount = sql<number>`(
  select count(*)::int from ${documentReceipts}
  where ${documentReceipts.documentId} = ${documents.id} and ${documentReceipts.kind} = 'downloaded'
)`;

const documentColumns = {
  id: documents.id,
  title: documents.title,
  periodMonth: documents.periodMonth,
  publishedAt: documents.publishedAt,
  collaboratorId: collaborators.id,
  collaboratorName: collaborators.fullName,
  collaboratorKnf: collaborators.knfNumber,
  uploadedBy: users.fullName,
  firstOpenedAt: firstOpenedByCollaborator,
  downloadCount,
};

export async function listDocuments(tx: Tx, agencyId: string, filters: DocumentFilters) {
  const where = visibleDocuments(agencyId, filters);
  const rows = await tx
    .select(documentColumns)
    .from(documents)
    .innerJoin(collaborators, eq(collaborators.id, documents.collaboratorId))
    .innerJoin(users, eq(users.id, documents.uploadedBy))
    .where(where)
    .orderBy(desc(documents.publishedAt), desc(documents.id))
    .limit(filters.limit)
    .offset(filters.offset);
  const [total] = await tx
    .select({ n: count() })
    .from(documents)
    .innerJoin(collaborators, eq(collaborators.id, documents.collaboratorId))
    .where(where);
  return { rows, total: total?.n ?? 0 };
}

export async function findDocument(tx: Tx, agencyId: string, id: string) {
  const [row] = await tx
    .select(documentColumns)
    .from(documents)
    .innerJoin(collaborators, eq(collaborators.id, documents.collaboratorId))
    .innerJoin(users, eq(users.id, documents.uploadedBy))
    .where(and(eq(documents.agencyId, agencyId), eq(documents.id, id), eq(documents.status, 'available')));
  return row ?? null;
}

export async function listFilesOfDocuments(tx: Tx, documentIds: string[]) {
  if (documentIds.length === 0) {
    return [];
  }
  return tx
    .select({
      id: documentFiles.id,
      documentId: documentFiles.documentId,
      fileName: documentFiles.fileName,
      contentType: documentFiles.contentType,
      sizeBytes: documentFiles.sizeBytes,
      scanState: documentFiles.scanState,
    })
    .from(documentFiles)
    .where(inArray(documentFiles.documentId, documentIds))
    .orderBy(asc(documentFiles.createdAt), asc(documentFiles.fileName));
}

export async function listReceipts(tx: Tx, documentId: string) {
  return tx
    .select({
      kind: documentReceipts.kind,
      at: documentReceipts.at,
      userName: users.fullName,
      role: memberships.role,
      fileName: documentFiles.fileName,
      ip: documentReceipts.ip,
    })
    .from(documentReceipts)
    .innerJoin(users, eq(users.id, documentReceipts.userId))
    .leftJoin(
      memberships,
      and(
        eq(memberships.userId, documentReceipts.userId),
        eq(memberships.agencyId, documentReceipts.agencyId),
      ),
    )
    .leftJoin(documentFiles, eq(documentFiles.id, documentReceipts.fileId))
    .where(eq(documentReceipts.documentId, documentId))
    .orderBy(desc(documentReceipts.at));
}

export async function insertReceipt(tx: Tx, receipt: typeof documentReceipts.$inferInsert): Promise<void> {
  await tx.insert(documentReceipts).values(receipt);
}

export async function hasOpenedReceipt(tx: Tx, documentId: string, userId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: documentReceipts.id })
    .from(documentReceipts)
    .where(
      and(
        eq(documentReceipts.documentId, documentId),
        eq(documentReceipts.userId, userId),
        eq(documentReceipts.kind, 'opened'),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** The collaborator's own view: only their documents, only finished ones (RLS says the same). */
export async function listPanelDocuments(
  tx: Tx,
  agencyId: string,
  collaboratorId: string,
  userId: string,
  month?: string,
) {
  const conditions: SQL[] = [
    eq(documents.agencyId, agencyId),
    eq(documents.collaboratorId, collaboratorId),
    eq(documents.status, 'available'),
    eq(documents.origin, 'agency'),
  ];
  if (month) {
    conditions.push(eq(documents.periodMonth, month));
  }
  return tx
    .select({
      id: documents.id,
      title: documents.title,
      periodMonth: documents.periodMonth,
      publishedAt: documents.publishedAt,
      sentBy: users.fullName,
      openedAt: sql<Date | null>`(
        select min(${documentReceipts.at}) from ${documentReceipts}
        where ${documentReceipts.documentId} = ${documents.id} and ${documentReceipts.userId} = ${userId}
          and ${documentReceipts.kind} = 'opened'
      )`.mapWith(nullableTimestamp),
    })
    .from(documents)
    .innerJoin(users, eq(users.id, documents.uploadedBy))
    .where(and(...conditions))
    .orderBy(desc(documents.publishedAt), desc(documents.id));
}

export async function listPanelMonths(tx: Tx, agencyId: string, collaboratorId: string) {
  const rows = await tx
    .selectDistinct({ month: documents.periodMonth })
    .from(documents)
    .where(
      and(
        eq(documents.agencyId, agencyId),
        eq(documents.collaboratorId, collaboratorId),
        eq(documents.status, 'available'),
      ),
    )
    .orderBy(desc(documents.periodMonth));
  return rows.map((row) => row.month);
}

export async function findFileForDownload(
  tx: Tx,
  agencyId: string,
  documentId: string,
  fileId: string,
  scope: { collaboratorId: string } | 'agency',
) {
  const conditions: SQL[] = [
    eq(documentFiles.agencyId, agencyId),
    eq(documentFiles.documentId, documentId),
    eq(documentFiles.id, fileId),
    eq(documents.status, 'available'),
    isNotNull(documentFiles.wrappedKey),
  ];
  if (scope !== 'agency') {
    conditions.push(eq(documents.collaboratorId, scope.collaboratorId));
  }
  const [row] = await tx
    .select({ file: documentFiles, collaboratorUserId: collaborators.userId })
    .from(documentFiles)
    .innerJoin(documents, eq(documents.id, documentFiles.documentId))
    .innerJoin(collaborators, eq(collaborators.id, documents.collaboratorId))
    .where(and(...conditions));
  return row ?? null;
}

/** Deletion keeps a tombstone for receipts and the audit trail, and destroys every data key. */
/**
 * Whether the document is part of a settlement's record (a statement's PDF and XLSX, an invoice or bill): such a
 * document is what was accepted and paid, so it is not deleted by hand.
 */
export async function isSettlementDocument(tx: Tx, agencyId: string, id: string): Promise<boolean> {
  const [statement] = await tx
    .select({ id: statements.id })
    .from(statements)
    .where(and(eq(statements.agencyId, agencyId), eq(statements.documentId, id)))
    .limit(1);
  if (statement) {
    return true;
  }
  const [invoice] = await tx
    .select({ id: invoices.id })
    .from(invoices)
    .where(and(eq(invoices.agencyId, agencyId), eq(invoices.documentId, id)))
    .limit(1);
  return invoice !== undefined;
}

export async function markDocumentDeleted(tx: Tx, agencyId: string, id: string, userId: string, now: Date) {
  const rows = await tx
    .update(documents)
    .set({ status: 'deleted', deletedAt: now, deletedBy: userId, updatedAt: now })
    .where(and(eq(documents.agencyId, agencyId), eq(documents.id, id), eq(documents.status, 'available')))
    .returning({ id: documents.id });
  if (rows.length === 0) {
    return false;
  }
  await tx.update(documentFiles).set({ wrappedKey: null }).where(eq(documentFiles.documentId, id));
  return true;
}

export async function countPublishedInMonth(tx: Tx, agencyId: string, from: Date, to: Date) {
  const [row] = await tx
    .select({ n: count() })
    .from(documents)
    .where(
      and(
        eq(documents.agencyId, agencyId),
        eq(documents.status, 'available'),
        sql`${documents.publishedAt} >= ${from}`,
        lt(documents.publishedAt, to),
      ),
    );
  return row?.n ?? 0;
}

/** Uploads left behind by a crash or a dropped connection. */
export async function listAbandonedUploads(tx: Tx, before: Date, limit: number) {
  return tx
    .select({ id: documents.id })
    .from(documents)
    .where(and(eq(documents.status, 'uploading'), lt(documents.updatedAt, before)))
    .limit(limit);
}

export async function listShreddedBlobs(tx: Tx, limit: number) {
  return tx
    .select({ id: documentFiles.id, storageKey: documentFiles.storageKey })
    .from(documentFiles)
    .innerJoin(documents, eq(documents.id, documentFiles.documentId))
    .where(and(eq(documents.status, 'deleted'), isNull(documentFiles.blobDeletedAt)))
    .limit(limit);
}

export async function markBlobDeleted(tx: Tx, fileId: string, now: Date): Promise<void> {
  await tx.update(documentFiles).set({ blobDeletedAt: now }).where(eq(documentFiles.id, fileId));
}

/** Where the "a document is waiting" notice goes: the collaborator's own account, if it is active. */
export async function findCollaboratorRecipient(tx: Tx, agencyId: string, collaboratorId: string) {
  const [row] = await tx
    .select({ email: users.email, locale: users.locale })
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
    .where(and(eq(collaborators.agencyId, agencyId), eq(collaborators.id, collaboratorId)));
  return row ?? null;
}
