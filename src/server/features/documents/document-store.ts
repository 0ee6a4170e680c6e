import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import type { Clock } from '../../clock.js';
import type { Config } from '../../config.js';
import { createDecryptStream, IntegrityError } from '../../crypto/chunked-aead.js';
import type { Keyring } from '../../crypto/keys.js';
import type { Database, Tx } from '../../db/database.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../http/access.js';
import type { Logger } from '../../logger.js';
import type { VirusScanner } from '../../scanner/scanning.js';
import type { FileStorage } from '../../storage/file-storage.js';
import { extensionMatches, validateFileName } from '../../uploads/file-name.js';
import type { FileKind } from '../../uploads/inspection.js';
import type { AuditService } from '../audit/audit.service.js';
import type { CollaboratorService } from '../collaborators/collaborators.service.js';
import type { NotificationService } from '../notifications/notifications.service.js';
import {
  completeDocumentFile,
  deleteUploadRows,
  findAgencyKey,
  findCollaboratorRecipient,
  findFileForDownload,
  insertDocument,
  insertDocumentFile,
  listFilesOfDocument,
  publishDocument,
  touchDocument,
  type DocumentFileRow,
} from './documents.repository.js';
import { storeEncryptedUpload } from './upload-pipeline.js';

export type UploadFields = { collaboratorId: string; title: string; periodMonth: string };

export type DocumentUpload = {
  documentId: string;
  addFile(fileName: string, source: Readable): Promise<void>;
  /**
   * Makes the document visible to its collaborator and sends the content-free notice. `within` runs in that same
   * transaction (the caller's own record of the document): if it throws, nothing is published and the caller aborts.
   */
  commit(within?: (tx: Tx) => Promise<void>): Promise<string>;
  /** Removes every blob and row of the upload; nothing half-written remains. */
  abort(reason: unknown): Promise<void>;
};

export type DownloadableFile = {
  fileName: string;
  contentType: string;
  sizeBytes: number;
  stream: Readable;
};

export const storageKeyOf = (agencyId: string, documentId: string, fileId: string) =>
  `agencies/${agencyId}/documents/${documentId}/${fileId}`;

/** The file id goes into the encryption's associated data: a blob moved to another record fails. */
export const aadOf = (fileId: string) => Buffer.from(`sejf/document-file/v1/${fileId}`, 'utf8');

const rejectionCodes = new Set([
  'file_infected',
  'file_type_not_allowed',
  'file_type_mismatch',
  'file_active_content',
]);

/** Staff see every file of the agency; a collaborator only their own, and never all by mistake. */
function downloadScope(actor: Actor): { collaboratorId: string } | 'agency' {
  if (actor.role !== 'collaborator') {
    return 'agency';
  }
  if (!actor.collaboratorId) {
    throw new AppError('forbidden', 'This account is not linked to a collaborator');
  }
  return { collaboratorId: actor.collaboratorId };
}

export type DocumentStoreService = ReturnType<typeof createDocumentStore>;

/** Storing and reading encrypted document files: the part of documents that touches bytes. */
export function createDocumentStore(deps: {
  db: Database;
  storage: FileStorage;
  keyring: Pick<Keyring, 'newKey' | 'wrapDataKey' | 'unwrapDataKey' | 'unwrapAgencyKey'>;
  scanner: VirusScanner;
  clock: Clock;
  config: Pick<Config, 'uploads'>;
  audit: AuditService;
  notifications: NotificationService;
  collaborators: CollaboratorService;
  logger: Pick<Logger, 'warn' | 'error'>;
}) {
  const { db, storage, keyring, clock, audit } = deps;

  async function agencyKey(tx: Tx, agencyId: string): Promise<Buffer> {
    const wrapped = await findAgencyKey(tx, agencyId);
    if (!wrapped) {
      throw new AppError('not_found', 'Agency not found');
    }
    return keyring.unwrapAgencyKey(agencyId, wrapped);
  }

  /** Deletes blobs first, then rows: a crash in between leaves rows the cleanup job finishes. */
  async function removeUpload(documentId: string, runInTx: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>) {
    const files = await runInTx((tx) => listFilesOfDocument(tx, documentId));
    for (const file of files) {
      await storage.delete(file.storageKey);
    }
    await runInTx((tx) => deleteUploadRows(tx, documentId));
  }

  async function decryptToSink(file: DocumentFileRow, dataKey: Buffer, sink: Writable): Promise<void> {
    const blob = await storage.get(file.storageKey);
    await pipeline(blob, createDecryptStream(dataKey, aadOf(file.id)), sink);
  }

  return {
    /**
     * `origin: 'collaborator'`: a collaborator sends something back (an invoice) into their own panel's record; the
     * agency sees it, and nobody is notified by e-mail about one's own upload.
     */
    async beginUpload(
      actor: Actor,
      fields: UploadFields,
      options: { origin?: 'agency' | 'collaborator'; kinds?: readonly FileKind[] } = {},
    ): Promise<DocumentUpload> {
      const origin = options.origin ?? 'agency';
      const documentId = randomUUID();
      const now = clock.now();
      const key = await db.tenant(actor, async (tx) => {
        const collaborator = await deps.collaborators.requireActive(tx, actor, fields.collaboratorId);
        await insertDocument(tx, {
          id: documentId,
          agencyId: actor.agencyId,
          collaboratorId: collaborator.id,
          title: fields.title,
          periodMonth: fields.periodMonth,
          status: 'uploading',
          origin,
          uploadedBy: actor.userId,
          createdAt: now,
          updatedAt: now,
        });
        return agencyKey(tx, actor.agencyId);
      });
      const fileNames = new Set<string>();
      let fileCount = 0;
      let totalBytes = 0;

      return {
        documentId,

        async addFile(rawName, source) {
          const name = validateFileName(rawName);
          if (!name.ok) {
            source.resume();
            throw new AppError('file_name_invalid', 'The file name is not allowed', { reason: name.reason });
          }
          if (fileCount >= deps.config.uploads.maxFiles) {
            source.resume();
            throw new AppError(
              'too_many_files',
              `At most ${deps.config.uploads.maxFiles} files per document`,
            );
          }
          const fileId = randomUUID();
          const dataKey = keyring.newKey();
          const storageKey = storageKeyOf(actor.agencyId, documentId, fileId);
          // The row is committed before the first byte is stored, so a crash mid-upload leaves a
          // record the cleanup job can follow to the blob.
          await db.tenant(actor, (tx) =>
            insertDocumentFile(tx, {
              id: fileId,
              agencyId: actor.agencyId,
              collaboratorId: fields.collaboratorId,
              documentId,
              fileName: name.name,
              contentType: 'application/octet-stream',
              storageKey,
              wrappedKey: keyring.wrapDataKey(key, fileId, dataKey),
              scanState: 'pending',
              createdAt: clock.now(),
            }),
          );
          fileCount++;
          const stored = await storeEncryptedUpload({
            source,
            storage,
            storageKey,
            dataKey,
            aad: aadOf(fileId),
            scanner: deps.scanner,
            maxBytes: deps.config.uploads.maxBytes,
          });
          // Malware first: it is the finding the agency most needs in its audit trail.
          if (stored.verdict.status === 'infected') {
            throw new AppError('file_infected', 'The virus scanner found malware in this file', {
              fileName: name.name,
              signature: stored.verdict.signature,
            });
          }
          if (!stored.inspection.ok) {
            throw new AppError(stored.inspection.code, stored.inspection.reason, { fileName: name.name });
          }
          if (options.kinds && !options.kinds.includes(stored.inspection.kind)) {
            throw new AppError(
              'file_type_not_allowed',
              `A ${stored.inspection.kind} file is not accepted here`,
              {
                fileName: name.name,
                detected: stored.inspection.kind,
                allowed: options.kinds.join(','),
              },
            );
          }
          if (!extensionMatches(name.name, stored.inspection.kind)) {
            throw new AppError(
              'file_type_mismatch',
              `The content is ${stored.inspection.kind}, the name says otherwise`,
              {
                fileName: name.name,
                detected: stored.inspection.kind,
              },
            );
          }
          const lowerName = name.name.toLowerCase();
          if (fileNames.has(lowerName)) {
            throw new AppError('validation_failed', 'Two files have the same name', { fileName: name.name });
          }
          fileNames.add(lowerName);
          totalBytes += stored.sizeBytes;
          await db.tenant(actor, async (tx) => {
            await completeDocumentFile(tx, fileId, {
              sizeBytes: stored.sizeBytes,
              sha256: stored.sha256,
              contentType: stored.inspection.ok ? stored.inspection.mime : 'application/octet-stream',
              scanState: stored.verdict.status === 'clean' ? 'clean' : 'not_scanned',
            });
            await touchDocument(tx, documentId, clock.now());
          });
        },

        async commit(within) {
          if (fileCount === 0) {
            throw new AppError('validation_failed', 'Attach at least one file', { field: 'files' });
          }
          await db.tenant(actor, async (tx) => {
            if (!(await publishDocument(tx, documentId, clock.now()))) {
              throw new AppError('conflict', 'The upload was interrupted; send the document again');
            }
            await within?.(tx);
            await audit.record(tx, {
              agencyId: actor.agencyId,
              actor: { userId: actor.userId, name: actor.name },
              event: 'document.uploaded',
              target: { type: 'document', id: documentId },
              ip: actor.client.ip,
              details: { collaboratorId: fields.collaboratorId, files: fileCount, bytes: totalBytes },
            });
            const recipient =
              origin === 'agency'
                ? await findCollaboratorRecipient(tx, actor.agencyId, fields.collaboratorId)
                : null;
            if (recipient) {
              await deps.notifications.enqueue(tx, {
                agencyId: actor.agencyId,
                to: recipient.email,
                template: 'document_waiting',
                locale: recipient.locale,
              });
            }
          });
          deps.notifications.requestDelivery();
          return documentId;
        },

        async abort(reason) {
          try {
            await removeUpload(documentId, (fn) => db.tenant(actor, fn));
          } catch (error) {
            deps.logger.error(
              { documentId, err: error },
              'could not remove a failed upload; the cleanup job will',
            );
          }
          if (reason instanceof AppError && rejectionCodes.has(reason.code)) {
            await db.tenant(actor, (tx) =>
              audit.record(tx, {
                agencyId: actor.agencyId,
                actor: { userId: actor.userId, name: actor.name },
                event: 'document.upload_rejected',
                target: { type: 'collaborator', id: fields.collaboratorId },
                ip: actor.client.ip,
                details: { reason: reason.code },
              }),
            );
          }
        },
      };
    },

    /**
     * Reads a file for download. The whole blob is first decrypted and checked against the
     * SHA-256 recorded at upload, so a damaged blob fails cleanly with an integrity error before
     * any byte is sent; the stream returned then decrypts again, authenticating every chunk.
     */
    async openFile(
      actor: Actor,
      documentId: string,
      fileId: string,
    ): Promise<DownloadableFile & { file: DocumentFileRow }> {
      const found = await db.tenant(actor, async (tx) => {
        const row = await findFileForDownload(tx, actor.agencyId, documentId, fileId, downloadScope(actor));
        return row ? { row, key: await agencyKey(tx, actor.agencyId) } : null;
      });
      if (!found?.row.file.wrappedKey || !found.row.file.sha256 || found.row.file.sizeBytes === null) {
        throw new AppError('not_found', 'File not found');
      }
      const file = found.row.file;
      const wrappedKey = found.row.file.wrappedKey;
      const expectedHash = found.row.file.sha256;
      try {
        const dataKey = keyring.unwrapDataKey(found.key, file.id, wrappedKey);
        const hash = createHash('sha256');
        await decryptToSink(
          file,
          dataKey,
          new Writable({
            write(chunk: Buffer, _e, cb) {
              hash.update(chunk);
              cb();
            },
          }),
        );
        if (!hash.digest().equals(expectedHash)) {
          throw new IntegrityError('The decrypted file does not match its recorded SHA-256');
        }
        const blob = await storage.get(file.storageKey);
        const stream = blob.pipe(createDecryptStream(dataKey, aadOf(file.id)));
        blob.once('error', (error) => stream.destroy(error));
        return {
          file,
          fileName: file.fileName,
          contentType: file.contentType,
          sizeBytes: file.sizeBytes ?? 0,
          stream,
        };
      } catch (error) {
        if (!(error instanceof IntegrityError)) {
          throw error;
        }
        deps.logger.error({ fileId: file.id }, 'stored file failed its integrity check');
        await db.tenant(actor, (tx) =>
          audit.record(tx, {
            agencyId: actor.agencyId,
            actor: { userId: actor.userId, name: actor.name },
            event: 'document.integrity_failed',
            target: { type: 'document_file', id: file.id },
            ip: actor.client.ip,
          }),
        );
        throw new AppError(
          'integrity_error',
          'This file is damaged in storage and cannot be delivered; the failure has been recorded',
        );
      }
    },

    removeUpload,
  };
}
