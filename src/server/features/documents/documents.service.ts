import { randomUUID } from 'node:crypto';
import type { Clock } from '../../clock.js';
import type { Database, Tx } from '../../db/database.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../http/access.js';
import type { Logger } from '../../logger.js';
import type { FileStorage } from '../../storage/file-storage.js';
import type { AuditService } from '../audit/audit.service.js';
import type { DocumentStoreService } from './document-store.js';
import {
  countPublishedInMonth,
  findDocument,
  isSettlementDocument,
  hasOpenedReceipt,
  insertReceipt,
  listAbandonedUploads,
  listDocuments,
  listFilesOfDocuments,
  listPanelDocuments,
  listPanelMonths,
  listReceipts,
  listShreddedBlobs,
  markBlobDeleted,
  markDocumentDeleted,
  type DocumentFilters,
} from './documents.repository.js';

type FileSummary = Awaited<ReturnType<typeof listFilesOfDocuments>>[number];

function presentFiles(files: FileSummary[], documentId: string) {
  return files
    .filter((file) => file.documentId === documentId)
    .map((file) => ({
      id: file.id,
      fileName: file.fileName,
      contentType: file.contentType,
      sizeBytes: file.sizeBytes ?? 0,
      scanState: file.scanState === 'clean' ? ('clean' as const) : ('not_scanned' as const),
    }));
}

/** Every listed document is `available`, which is set together with its publication time. */
function publishedAtOf(row: { id: string; publishedAt: Date | null }): Date {
  if (!row.publishedAt) {
    throw new Error(`Document ${row.id} is listed but was never published`);
  }
  return row.publishedAt;
}

export type DocumentService = ReturnType<typeof createDocumentService>;

export function createDocumentService(deps: {
  db: Database;
  storage: FileStorage;
  clock: Clock;
  audit: AuditService;
  store: DocumentStoreService;
  logger: Pick<Logger, 'warn' | 'info'>;
}) {
  const { db, clock, audit } = deps;

  async function recordOpened(
    tx: Tx,
    actor: Actor,
    collaboratorId: string,
    documentId: string,
  ): Promise<void> {
    if (await hasOpenedReceipt(tx, documentId, actor.userId)) {
      return;
    }
    await insertReceipt(tx, {
      id: randomUUID(),
      agencyId: actor.agencyId,
      collaboratorId,
      documentId,
      userId: actor.userId,
      kind: 'opened',
      ip: actor.client.ip,
      at: clock.now(),
    });
    await audit.record(tx, {
      agencyId: actor.agencyId,
      actor: { userId: actor.userId, name: actor.name },
      event: 'document.opened',
      target: { type: 'document', id: documentId },
      ip: actor.client.ip,
    });
  }

  /** Job: removes the blobs of deleted documents (their keys are already gone). */
  async function deleteShreddedBlobs(): Promise<number> {
    const files = await db.system((tx) => listShreddedBlobs(tx, 500));
    for (const file of files) {
      await deps.storage.delete(file.storageKey);
      await db.system((tx) => markBlobDeleted(tx, file.id, clock.now()));
    }
    return files.length;
  }

  function panelCollaborator(actor: Actor): string {
    if (!actor.collaboratorId) {
      throw new AppError('forbidden', 'Only collaborators have a panel');
    }
    return actor.collaboratorId;
  }

  function toListItem(row: Awaited<ReturnType<typeof listDocuments>>['rows'][number], files: FileSummary[]) {
    return {
      id: row.id,
      title: row.title,
      periodMonth: row.periodMonth,
      publishedAt: publishedAtOf(row),
      collaborator: {
        id: row.collaboratorId,
        fullName: row.collaboratorName,
        knfNumber: row.collaboratorKnf,
      },
      uploadedBy: row.uploadedBy,
      files: presentFiles(files, row.id),
      firstOpenedAt: row.firstOpenedAt,
      downloadCount: row.downloadCount,
    };
  }

  return {
    async list(actor: Actor, filters: DocumentFilters) {
      return db.tenant(actor, async (tx) => {
        const { rows, total } = await listDocuments(tx, actor.agencyId, filters);
        const files = await listFilesOfDocuments(
          tx,
          rows.map((row) => row.id),
        );
        return { items: rows.map((row) => toListItem(row, files)), total };
      });
    },

    async get(actor: Actor, id: string) {
      return db.tenant(actor, async (tx) => {
        const row = await findDocument(tx, actor.agencyId, id);
        if (!row) {
          throw new AppError('not_found', 'Document not found');
        }
        const files = await listFilesOfDocuments(tx, [id]);
        return {
          ...toListItem(row, files),
          receipts: await listReceipts(tx, id),
          inSettlement: await isSettlementDocument(tx, actor.agencyId, id),
        };
      });
    },

    /** Deleting destroys the data keys at once (crypto-shredding), then the blobs. */
    async remove(actor: Actor, id: string): Promise<void> {
      await db.tenant(actor, async (tx) => {
        if (await isSettlementDocument(tx, actor.agencyId, id)) {
          throw new AppError(
            'document_in_settlement',
            'This document belongs to a settlement and is kept with it',
          );
        }
        if (!(await markDocumentDeleted(tx, actor.agencyId, id, actor.userId, clock.now()))) {
          throw new AppError('not_found', 'Document not found');
        }
        await audit.record(tx, {
          agencyId: actor.agencyId,
          actor: { userId: actor.userId, name: actor.name },
          event: 'document.deleted',
          target: { type: 'document', id },
          ip: actor.client.ip,
        });
      });
      await deleteShreddedBlobs();
    },

    async panelSummary(actor: Actor) {
      const collaboratorId = panelCollaborator(actor);
      return db.tenant(actor, async (tx) => {
        const documents = await listPanelDocuments(tx, actor.agencyId, collaboratorId, actor.userId);
        return {
          unopenedDocuments: documents.filter((d) => d.openedAt === null).length,
          totalDocuments: documents.length,
          months: await listPanelMonths(tx, actor.agencyId, collaboratorId),
        };
      });
    },

    async panelList(actor: Actor, month: string | undefined) {
      return db.tenant(actor, async (tx) => {
        const rows = await listPanelDocuments(
          tx,
          actor.agencyId,
          panelCollaborator(actor),
          actor.userId,
          month,
        );
        const files = await listFilesOfDocuments(
          tx,
          rows.map((row) => row.id),
        );
        return rows.map((row) => ({
          ...row,
          publishedAt: publishedAtOf(row),
          files: presentFiles(files, row.id),
        }));
      });
    },

    /** Opening a document in the panel is the read receipt the agency sees. */
    async panelGet(actor: Actor, id: string) {
      return db.tenant(actor, async (tx) => {
        const collaboratorId = panelCollaborator(actor);
        const rows = await listPanelDocuments(tx, actor.agencyId, collaboratorId, actor.userId);
        const row = rows.find((r) => r.id === id);
        if (!row) {
          throw new AppError('not_found', 'Document not found');
        }
        await recordOpened(tx, actor, collaboratorId, id);
        const files = await listFilesOfDocuments(tx, [id]);
        return {
          ...row,
          publishedAt: publishedAtOf(row),
          openedAt: row.openedAt ?? clock.now(),
          files: presentFiles(files, id),
        };
      });
    },

    /** Every download is a receipt and an audit event, whoever downloads. */
    async download(actor: Actor, documentId: string, fileId: string) {
      const opened = await deps.store.openFile(actor, documentId, fileId);
      await db.tenant(actor, async (tx) => {
        if (actor.role === 'collaborator') {
          await recordOpened(tx, actor, opened.file.collaboratorId, documentId);
        }
        await insertReceipt(tx, {
          id: randomUUID(),
          agencyId: actor.agencyId,
          collaboratorId: opened.file.collaboratorId,
          documentId,
          fileId,
          userId: actor.userId,
          kind: 'downloaded',
          ip: actor.client.ip,
          at: clock.now(),
        });
        await audit.record(tx, {
          agencyId: actor.agencyId,
          actor: { userId: actor.userId, name: actor.name },
          event: 'document.downloaded',
          target: { type: 'document', id: documentId },
          ip: actor.client.ip,
          details: { fileId },
        });
      });
      return opened;
    },

    async dashboardCounts(actor: Actor, monthStart: Date, nextMonthStart: Date) {
      return db.tenant(actor, async (tx) => ({
        documentsThisMonth: await countPublishedInMonth(tx, actor.agencyId, monthStart, nextMonthStart),
        unopenedDocuments: (await listDocuments(tx, actor.agencyId, { opened: 'no', limit: 1, offset: 0 }))
          .total,
      }));
    },

    /** Job: removes uploads abandoned before `before` (crash, dropped connection), blobs first. */
    async cleanupAbandonedUploads(before: Date): Promise<number> {
      const abandoned = await db.system((tx) => listAbandonedUploads(tx, before, 100));
      for (const { id } of abandoned) {
        await deps.store.removeUpload(id, (fn) => db.system(fn));
      }
      const swept = await deps.storage.sweepIncomplete(before);
      if (abandoned.length > 0 || swept > 0) {
        deps.logger.info({ uploads: abandoned.length, incompleteBlobs: swept }, 'removed abandoned uploads');
      }
      return abandoned.length;
    },

    deleteShreddedBlobs,
  };
}
