import type { Multipart } from '@fastify/multipart';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { uuidParam } from '../../../shared/api/common.js';
import {
  documentDetailSchema,
  documentListItemSchema,
  documentListSchema,
  documentQuerySchema,
  documentUploadFieldsSchema,
  fileParams,
  panelDocumentSchema,
  panelQuerySchema,
  panelSummarySchema,
} from '../../../shared/api/documents.js';
import type { Config } from '../../config.js';
import { AppError } from '../../errors.js';
import { actorOf, collaboratorOnly, noContent, staffRoles, type Actor } from '../../http/access.js';
import { isAcceptableText, unacceptableTextError } from '../../http/text-guard.js';
import type { ZodApp } from '../../http/zod-app.js';
import { contentDisposition } from '../../uploads/file-name.js';
import type { DocumentStoreService, DownloadableFile } from './document-store.js';
import type { DocumentService } from './documents.service.js';

const tags = ['documents'];

/** A stored document is only ever a download: never rendered inline, never sniffed, never cached. */
function sendFile(reply: FastifyReply, file: DownloadableFile) {
  return reply
    .header('content-type', file.contentType)
    .header('content-length', String(file.sizeBytes))
    .header('content-disposition', contentDisposition(file.fileName))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'no-store')
    .send(file.stream);
}

export function registerDocumentRoutes(
  app: ZodApp,
  deps: { documents: DocumentService; store: DocumentStoreService; config: Pick<Config, 'uploads'> },
): void {
  const { documents, store, config } = deps;

  app.get(
    '/api/documents',
    {
      config: { access: staffRoles },
      schema: { tags, querystring: documentQuerySchema, response: { 200: documentListSchema } },
    },
    async (request) => documents.list(actorOf(request), request.query),
  );

  app.post(
    '/api/documents',
    {
      config: { access: staffRoles },
      schema: {
        tags,
        description:
          'multipart/form-data: the fields collaboratorId, title and periodMonth first, then one or more files. ' +
          'All or nothing: on any error no document, file or blob remains.',
        consumes: ['multipart/form-data'],
        response: { 201: documentListItemSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const documentId = await receiveUpload(
        actor,
        request.parts({
          limits: {
            fileSize: config.uploads.maxBytes,
            files: config.uploads.maxFiles,
            fields: 10,
            fieldSize: 2000,
            parts: config.uploads.maxFiles + 10,
          },
        }),
      );
      const detail = await documents.get(actor, documentId);
      return reply.code(201).send(detail);
    },
  );

  /**
   * Streams the parts: the fields must come first (they say where the files go), then each file
   * goes straight through encryption to storage. Any failure removes everything stored so far.
   */
  async function receiveUpload(actor: Actor, parts: AsyncIterableIterator<Multipart>): Promise<string> {
    const fields: Record<string, string> = {};
    let upload: Awaited<ReturnType<DocumentStoreService['beginUpload']>> | null = null;
    try {
      for await (const part of parts) {
        if (part.type === 'field') {
          if (upload) {
            throw new AppError('multipart_invalid', 'Send the fields before the files');
          }
          const value = typeof part.value === 'string' ? part.value : '';
          if (!isAcceptableText(value)) {
            throw unacceptableTextError(part.fieldname);
          }
          fields[part.fieldname] = value;
          continue;
        }
        if (!upload) {
          const parsed = documentUploadFieldsSchema.safeParse(fields);
          if (!parsed.success) {
            part.file.resume();
            throw new AppError(
              'validation_failed',
              'collaboratorId, title and periodMonth are required before the files',
              {
                issues: parsed.error.issues.map((issue) => ({
                  path: issue.path.join('.'),
                  message: issue.message,
                })),
              },
            );
          }
          upload = await store.beginUpload(actor, parsed.data);
        }
        await upload.addFile(part.filename, part.file);
      }
      if (!upload) {
        throw new AppError('validation_failed', 'Attach at least one file', { field: 'files' });
      }
      return await upload.commit();
    } catch (error) {
      await upload?.abort(error);
      throw error;
    }
  }

  app.get(
    '/api/documents/:id',
    {
      config: { access: staffRoles },
      schema: { tags, params: uuidParam, response: { 200: documentDetailSchema } },
    },
    async (request) => documents.get(actorOf(request), request.params.id),
  );

  app.delete(
    '/api/documents/:id',
    { config: { access: staffRoles }, schema: { tags, params: uuidParam, response: { 204: z.null() } } },
    async (request, reply) => {
      await documents.remove(actorOf(request), request.params.id);
      return noContent(reply);
    },
  );

  app.get(
    '/api/documents/:id/files/:fileId/download',
    { config: { access: staffRoles }, schema: { tags, params: fileParams } },
    async (request, reply) =>
      sendFile(reply, await documents.download(actorOf(request), request.params.id, request.params.fileId)),
  );

  app.get(
    '/api/panel/summary',
    {
      config: { access: collaboratorOnly },
      schema: { tags: ['panel'], response: { 200: panelSummarySchema } },
    },
    async (request) => {
      const actor = actorOf(request);
      return { ...(await documents.panelSummary(actor)), agencyName: request.session?.agency?.name ?? '' };
    },
  );

  app.get(
    '/api/panel/documents',
    {
      config: { access: collaboratorOnly },
      schema: {
        tags: ['panel'],
        querystring: panelQuerySchema,
        response: { 200: z.array(panelDocumentSchema) },
      },
    },
    async (request) => documents.panelList(actorOf(request), request.query.month),
  );

  app.get(
    '/api/panel/documents/:id',
    {
      config: { access: collaboratorOnly },
      schema: { tags: ['panel'], params: uuidParam, response: { 200: panelDocumentSchema } },
    },
    async (request) => documents.panelGet(actorOf(request), request.params.id),
  );

  app.get(
    '/api/panel/documents/:id/files/:fileId/download',
    { config: { access: collaboratorOnly }, schema: { tags: ['panel'], params: fileParams } },
    async (request, reply) =>
      sendFile(reply, await documents.download(actorOf(request), request.params.id, request.params.fileId)),
  );
}
