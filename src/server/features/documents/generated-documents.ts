import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { and, eq, inArray } from 'drizzle-orm';
import type { Clock } from '../../clock.js';
import { createEncryptStream } from '../../crypto/chunked-aead.js';
import type { Keyring } from '../../crypto/keys.js';
import type { Database, TenantScope, Tx } from '../../db/database.js';
import { documents } from '../../db/schema/documents.js';
import type { FileStorage } from '../../storage/file-storage.js';
import { aadOf, storageKeyOf } from './document-store.js';
import {
  completeDocumentFile,
  findAgencyKey,
  insertDocument,
  insertDocumentFile,
} from './documents.repository.js';

export type GeneratedFile = { fileName: string; contentType: string; content: Buffer };

export type StoredGeneratedDocument = {
  documentId: string;
  files: { fileId: string; fileName: string; sha256: Buffer }[];
};

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
}) {
  const { db, storage, keyring, clock } = deps;

  return {
    async store(
      scope: TenantScope,
      input: { collaboratorId: string; title: string; periodMonth: string; files: GeneratedFile[] },
    ): Promise<StoredGeneratedDocument> {
      const documentId = randomUUID();
      const now = clock.now();
      const planned = input.files.map((file) => ({
        ...file,
        fileId: randomUUID(),
        dataKey: keyring.newKey(),
      }));
      await db.tenant(scope, async (tx) => {
        const wrapped = await findAgencyKey(tx, scope.agencyId);
        if (!wrapped) {
          throw new Error('The agency has no key');
        }
        const agencyKey = keyring.unwrapAgencyKey(scope.agencyId, wrapped);
        await insertDocument(tx, {
          id: documentId,
          agencyId: scope.agencyId,
          collaboratorId: input.collaboratorId,
          title: input.title,
          periodMonth: input.periodMonth,
          status: 'uploading',
          uploadedBy: scope.userId,
          createdAt: now,
          updatedAt: now,
        });
        for (const file of planned) {
          await insertDocumentFile(tx, {
            id: file.fileId,
            agencyId: scope.agencyId,
            collaboratorId: input.collaboratorId,
            documentId,
            fileName: file.fileName,
            contentType: file.contentType,
            storageKey: storageKeyOf(scope.agencyId, documentId, file.fileId),
            wrappedKey: keyring.wrapDataKey(agencyKey, file.fileId, file.dataKey),
            scanState: 'not_scanned',
            createdAt: now,
          });
        }
      });
      const stored: StoredGeneratedDocument['files'] = [];
      for (const file of planned) {
        await storage.put(
          storageKeyOf(scope.agencyId, documentId, file.fileId),
          Readable.from([file.content]).pipe(createEncryptStream(file.dataKey, aadOf(file.fileId))),
        );
        file.dataKey.fill(0);
        stored.push({
          fileId: file.fileId,
          fileName: file.fileName,
          sha256: createHash('sha256').update(file.content).digest(),
        });
      }
      await db.tenant(scope, async (tx) => {
        for (const [index, file] of planned.entries()) {
          await completeDocumentFile(tx, file.fileId, {
            sizeBytes: file.content.length,
            sha256: stored[index]?.sha256 ?? Buffer.alloc(0),
            contentType: file.contentType,
            scanState: 'not_scanned',
          });
        }
        await tx
          .update(documents)
          .set({ status: 'prepared', updatedAt: clock.now() })
          .where(and(eq(documents.id, documentId), eq(documents.status, 'uploading')));
      });
      return { documentId, files: stored };
    },

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
