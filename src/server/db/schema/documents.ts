import { sql } from 'drizzle-orm';
import { bigint, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { agencies, collaborators } from './agencies.js';
import { bytea, createdAt, timestamptz } from './columns.js';
import { users } from './identity.js';

/** 'prepared': stored and complete but not visible yet (a statement waiting to be published). */
export const documentStatuses = ['uploading', 'prepared', 'available', 'deleted'] as const;

/**
 * A document placed in one collaborator's panel. It becomes visible only when every file is stored,
 * scanned and committed (status 'available'); an interrupted upload stays 'uploading' and is
 * removed by the cleanup job.
 */
export const documents = pgTable(
  'documents',
  {
    id: uuid('id').primaryKey(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    collaboratorId: uuid('collaborator_id')
      .notNull()
      .references(() => collaborators.id),
    title: text('title').notNull(),
    /** Settlement month as YYYY-MM. */
    periodMonth: text('period_month').notNull(),
    status: text('status', { enum: documentStatuses }).notNull(),
    /** Who put it there: the agency (statements, documents) or the collaborator (an invoice sent back). */
    origin: text('origin', { enum: ['agency', 'collaborator'] })
      .notNull()
      .default('agency'),
    uploadedBy: uuid('uploaded_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
    publishedAt: timestamptz('published_at'),
    deletedAt: timestamptz('deleted_at'),
    deletedBy: uuid('deleted_by').references(() => users.id),
  },
  (t) => [
    index('documents_agency_collaborator_idx').on(t.agencyId, t.collaboratorId, t.publishedAt),
    index('documents_uploading_idx')
      .on(t.updatedAt)
      .where(sql`${t.status} = 'uploading'`),
  ],
);

/** One stored, encrypted file of a document. The data key exists only wrapped by the agency key. */
export const documentFiles = pgTable(
  'document_files',
  {
    id: uuid('id').primaryKey(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    collaboratorId: uuid('collaborator_id')
      .notNull()
      .references(() => collaborators.id),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }),
    sha256: bytea('sha256'),
    storageKey: text('storage_key').notNull(),
    /** Null once the document is deleted: crypto-shredding makes every copy of the blob unreadable. */
    wrappedKey: bytea('wrapped_key'),
    scanState: text('scan_state', { enum: ['pending', 'clean', 'not_scanned'] }).notNull(),
    createdAt: createdAt(),
    /** Set once the blob of a deleted document has been removed from storage. */
    blobDeletedAt: timestamptz('blob_deleted_at'),
  },
  (t) => [index('document_files_document_idx').on(t.documentId)],
);

export const documentReceipts = pgTable(
  'document_receipts',
  {
    id: uuid('id').primaryKey(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    collaboratorId: uuid('collaborator_id')
      .notNull()
      .references(() => collaborators.id),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id),
    fileId: uuid('file_id').references(() => documentFiles.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind', { enum: ['opened', 'downloaded'] }).notNull(),
    ip: text('ip'),
    at: createdAt(),
  },
  (t) => [index('document_receipts_document_idx').on(t.documentId, t.at)],
);
