import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Clock } from '../../clock.js';
import { createEncryptStream } from '../../crypto/chunked-aead.js';
import type { Keyring } from '../../crypto/keys.js';
import type { Database, TenantScope, Tx } from '../../db/database.js';
import { documentFiles, documents } from '../../db/schema/documents.js';
import type { Logger } from '../../logger.js';
import type { FileStorage } from '../../storage/file-storage.js';
import { aadOf, storageKeyOf } from './document-store.js';
import { findAgencyKey } from './documents.repository.js';

async function insertDocuments(tx: Tx, rows: (typeof documents.$inferInsert)[]) {
  await tx.insert(documents).values(rows);
}

async function insertDocumentFiles(tx: Tx, rows: (typeof documentFiles.$inferInsert)[]) {
  await tx.insert(documentFiles).values(rows);
}

/** What completeDocumentFile sets (scan state 'not_scanned'), for many files in one statement. */
async function completeDocumentFiles(
  tx: Tx,
  files: readonly { id: string; sizeBytes: number; sha256: Buffer; contentType: string }[],
) {
  await tx.execute(sql`update ${documentFiles}
    set ${sql.identifier(documentFiles.sizeBytes.name)} = given.size_bytes,
      ${sql.identifier(documentFiles.sha256.name)} = decode(given.sha256, 'hex'),
      ${sql.identifier(documentFiles.contentType.name)} = given.content_type,
      ${sql.identifier(documentFiles.scanState.name)} = 'not_scanned'
    from unnest(
      ${sql.param(files.map((file) => file.id))}::uuid[],
      ${sql.param(files.map((file) => file.sizeBytes))}::bigint[],
      ${sql.param(files.map((file) => file.sha256.toString('hex')))}::text[],
      ${sql.param(files.map((file) => file.contentType))}::text[]
    ) as given(id, size_bytes, sha256, content_type)
    where ${documentFiles.id} = given.id`);
}

export type GeneratedFile = { fileName: string; contentType: string; content: Buffer };

export type GeneratedDocumentInput = {
  collaboratorId: string;
  title: string;
  periodMonth: string;
  files: GeneratedFile[];
};

export type StoredGeneratedDocument = {
  documentId: string;
  files: { fileId: string; fileName: string; sha256: Buffer }[];
};

/** Blobs written at once: a local disk syncs each file and its directory, which overlaps well. */
const PARALLEL_PUTS = 8;

/**
 * Documents Sejf writes itself (statements, bills, drafted invoices), stored exactly like uploads (a data key per
 * file, AES-256-GCM chunks) but born 'prepared': invisible to the collaborator until published. Rows come first
 * as 'uploading', so a crash mid-way leaves what the upload cleanup job already removes.
 */
export function createGeneratedDocuments(deps: {
  db: Database;
  storage: FileStorage;
  keyring: Pick<Keyring, 'newKey' | 'wrapDataKey' | 'unwrapAgencyKey'>;
  clock: Clock;
  logger: Pick<Logger, 'error'>;
}) {
  const { db, storage, keyring, clock } = deps;

  /**
   * Stores several documents with two transactions in all: their rows first ('uploading'), then the encrypted
   * blobs, then the files' sizes and hashes and the status 'prepared', with `onStored` (the caller's own record
   * of them) in that same last transaction.
   */
  async function storeMany(
    scope: TenantScope,
    inputs: readonly GeneratedDocumentInput[],
    onStored?: (tx: Tx, stored: StoredGeneratedDocument[]) => Promise<void>,
  ): Promise<StoredGeneratedDocument[]> {
    if (inputs.length === 0) {
      return [];
    }
    const now = clock.now();
    const planned = inputs.map((input) => {
      const documentId = randomUUID();
      return {
        ...input,
        documentId,
        files: input.files.map((file) => {
          const fileId = randomUUID();
          return {
            ...file,
            fileId,
            dataKey: keyring.newKey(),
            storageKey: storageKeyOf(scope.agencyId, documentId, fileId),
          };
        }),
      };
    });
    const allFiles = planned.flatMap((document) =>
      document.files.map((file) => ({ ...file, documentId: document.documentId })),
    );
    await db.tenant(scope, async (tx) => {
      const wrapped = await findAgencyKey(tx, scope.agencyId);
      if (!wrapped) {
        throw new Error('The agency has no key');
      }
      const agencyKey = keyring.unwrapAgencyKey(scope.agencyId, wrapped);
      await insertDocuments(
        tx,
        planned.map((document) => ({
          id: document.documentId,
          agencyId: scope.agencyId,
          collaboratorId: document.collaboratorId,
          title: document.title,
          periodMonth: document.periodMonth,
          status: 'uploading' as const,
          uploadedBy: scope.userId,
          createdAt: now,
          updatedAt: now,
        })),
      );
      await insertDocumentFiles(
        tx,
        planned.flatMap((document) =>
          document.files.map((file) => ({
            id: file.fileId,
            agencyId: scope.agencyId,
            collaboratorId: document.collaboratorId,
            documentId: document.documentId,
            fileName: file.fileName,
            contentType: file.contentType,
            storageKey: file.storageKey,
            wrappedKey: keyring.wrapDataKey(agencyKey, file.fileId, file.dataKey),
            scanState: 'not_scanned' as const,
            createdAt: now,
          })),
        ),
      );
    });
    try {
      return await storeBlobsAndComplete(scope, planned, allFiles, onStored);
    } catch (error) {
      // Nothing of a failed store stays behind: its blobs and its rows (still 'uploading', the last transaction
      // rolled back) go now. Should that fail too, the rows stay 'uploading' and the upload cleanup job removes them.
      await discard(scope, allFiles).catch((cleanupError: unknown) => {
        deps.logger.error({ err: cleanupError }, 'could not remove a failed store; the cleanup job will');
      });
      throw error;
    }
  }

  /** Blobs first, then rows, and only of documents still 'uploading': a crash in between leaves what the job removes. */
  async function discard(scope: TenantScope, files: readonly { documentId: string; storageKey: string }[]) {
    const documentIds = [...new Set(files.map((file) => file.documentId))];
    const pending = await db.tenant(scope, async (tx) =>
      (
        await tx
          .select({ id: documents.id })
          .from(documents)
          .where(and(inArray(documents.id, documentIds), eq(documents.status, 'uploading')))
      ).map((row) => row.id),
    );
    if (pending.length === 0) {
      return;
    }
    const pendingIds = new Set(pending);
    for (const file of files) {
      if (pendingIds.has(file.documentId)) {
        await storage.delete(file.storageKey);
      }
    }
    await db.tenant(scope, async (tx) => {
      await tx.delete(documentFiles).where(inArray(documentFiles.documentId, pending));
      await tx
        .delete(documents)
        .where(and(inArray(documents.id, pending), eq(documents.status, 'uploading')));
    });
  }

  type PlannedDocument = Omit<GeneratedDocumentInput, 'files'> & {
    documentId: string;
    files: (GeneratedFile & { fileId: string; dataKey: Buffer; storageKey: string })[];
  };

  async function storeBlobsAndComplete(
    scope: TenantScope,
    planned: PlannedDocument[],
    allFiles: (PlannedDocument['files'][number] & { documentId: string })[],
    onStored: ((tx: Tx, stored: StoredGeneratedDocument[]) => Promise<void>) | undefined,
  ): Promise<StoredGeneratedDocument[]> {
    const hashes = new Map<string, Buffer>();
    let next = 0;
    const putWorker = async () => {
      while (next < allFiles.length) {
        const file = allFiles[next] as (typeof allFiles)[number];
        next += 1;
        try {
          await storage.put(
            file.storageKey,
            Readable.from([file.content]).pipe(createEncryptStream(file.dataKey, aadOf(file.fileId))),
          );
        } finally {
          file.dataKey.fill(0);
        }
        hashes.set(file.fileId, createHash('sha256').update(file.content).digest());
      }
    };
    // Every worker runs to its end before a failure is reported: no blob is written after this returns.
    const puts = await Promise.allSettled(
      Array.from({ length: Math.min(PARALLEL_PUTS, allFiles.length) }, putWorker),
    );
    for (const put of puts) {
      if (put.status === 'rejected') {
        for (const file of allFiles) {
          file.dataKey.fill(0);
        }
        throw put.reason;
      }
    }
    const stored: StoredGeneratedDocument[] = planned.map((document) => ({
      documentId: document.documentId,
      files: document.files.map((file) => ({
        fileId: file.fileId,
        fileName: file.fileName,
        sha256: hashes.get(file.fileId) ?? Buffer.alloc(0),
      })),
    }));
    await db.tenant(scope, async (tx) => {
      await completeDocumentFiles(
        tx,
        allFiles.map((file) => ({
          id: file.fileId,
          sizeBytes: file.content.length,
          sha256: hashes.get(file.fileId) ?? Buffer.alloc(0),
          contentType: file.contentType,
        })),
      );
      await tx
        .update(documents)
        .set({ status: 'prepared', updatedAt: clock.now() })
        .where(
          and(
            inArray(
              documents.id,
              planned.map((document) => document.documentId),
            ),
            eq(documents.status, 'uploading'),
          ),
        );
      await onStored?.(tx, stored);
    });
    return stored;
  }

  return {
    storeMany,

    /** Makes prepared documents visible, inside the caller's transaction (so a publication is all or nothing). */
    async publish(tx: Tx, agencyId: string, documentIds: readonly string[], now: Date): Promise<number> {
      if (documentIds.length === 0) {
        return 0;
      }
      const updated = await tx
        .update(documents)
        .set({ status: 'available', publishedAt: now, updatedAt: now })
        .where(
          and(
            eq(documents.agencyId, agencyId),
            inArray(documents.id, [...documentIds]),
            eq(documents.status, 'prepared'),
          ),
        )
        .returning({ id: documents.id });
      return updated.length;
    },
  };
}

export type GeneratedDocuments = ReturnType<typeof createGeneratedDocuments>;
