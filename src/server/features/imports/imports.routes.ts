import type { Multipart } from '@fastify/multipart';
import { z } from 'zod';
import { uuidParam } from '../../../shared/api/common.js';
import {
  assignmentBodySchema,
  importDetailSchema,
  importLinesPageSchema,
  importLinesQuerySchema,
  importListQuerySchema,
  importMappingBodySchema,
  importSummarySchema,
  isoDate,
  unmatchedGroupSchema,
} from '../../../shared/api/imports.js';
import type { Config } from '../../config.js';
import { AppError } from '../../errors.js';
import { actorOf, noContent, staffRoles, type Actor } from '../../http/access.js';
import { isAcceptableText, unacceptableTextError } from '../../http/text-guard.js';
import type { ZodApp } from '../../http/zod-app.js';
import { contentDisposition } from '../../uploads/file-name.js';
import type { ImportService } from './imports.service.js';

const tags = ['imports'];

const uploadFieldsSchema = z.object({ insurerId: z.uuid(), statementDate: isoDate });

export function registerImportRoutes(
  app: ZodApp,
  deps: { imports: ImportService; config: Pick<Config, 'uploads'> },
): void {
  const { imports, config } = deps;

  app.get(
    '/api/imports',
    {
      config: { access: staffRoles },
      schema: { tags, querystring: importListQuerySchema, response: { 200: z.array(importSummarySchema) } },
    },
    async (request) => imports.list(actorOf(request), request.query),
  );

  app.post(
    '/api/imports',
    {
      config: { access: staffRoles },
      schema: {
        tags,
        description:
          'multipart/form-data: the fields insurerId and statementDate (YYYY-MM-DD, the date of lines without ' +
          'their own) first, then one CSV or XLSX file. The file is stored encrypted and inspected; nothing ' +
          'remains if it is refused.',
        consumes: ['multipart/form-data'],
        response: { 201: importDetailSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const parts = request.parts({
        limits: { fileSize: config.uploads.maxBytes, files: 1, fields: 5, fieldSize: 200, parts: 6 },
      });
      return reply.code(201).send(await receiveImport(actor, parts));
    },
  );

  async function receiveImport(actor: Actor, parts: AsyncIterableIterator<Multipart>) {
    const fields: Record<string, string> = {};
    let result: Awaited<ReturnType<ImportService['upload']>> | null = null;
    for await (const part of parts) {
      if (part.type === 'field') {
        const value = typeof part.value === 'string' ? part.value : '';
        if (result || !isAcceptableText(value)) {
          throw result
            ? new AppError('multipart_invalid', 'Send the fields before the file')
            : unacceptableTextError(part.fieldname);
        }
        fields[part.fieldname] = value;
        continue;
      }
      if (result) {
        part.file.resume();
        throw new AppError('too_many_files', 'One statement file per import');
      }
      const parsed = uploadFieldsSchema.safeParse(fields);
      if (!parsed.success) {
        part.file.resume();
        throw new AppError('validation_failed', 'insurerId and statementDate are required before the file', {
          issues: parsed.error.issues.map((issue) => ({
            path: issue.path.join('.'),
            message: issue.message,
          })),
        });
      }
      result = await imports.upload(actor, parsed.data, part.filename, part.file);
    }
    if (!result) {
      throw new AppError('validation_failed', 'Attach the statement file', { field: 'file' });
    }
    return result;
  }

  app.get(
    '/api/imports/unmatched',
    {
      config: { access: staffRoles },
      schema: { tags, response: { 200: z.array(unmatchedGroupSchema) } },
    },
    async (request) => imports.unmatched(actorOf(request)),
  );

  app.post(
    '/api/imports/assignments',
    {
      config: { access: staffRoles },
      schema: {
        tags,
        body: assignmentBodySchema,
        response: { 200: z.object({ assigned: z.number().int() }) },
      },
    },
    async (request) => imports.assign(actorOf(request), request.body),
  );

  app.get(
    '/api/imports/:id',
    {
      config: { access: staffRoles },
      schema: { tags, params: uuidParam, response: { 200: importDetailSchema } },
    },
    async (request) => imports.get(actorOf(request), request.params.id),
  );

  app.put(
    '/api/imports/:id/mapping',
    {
      config: { access: staffRoles },
      schema: {
        tags,
        params: uuidParam,
        body: importMappingBodySchema,
        response: { 200: importDetailSchema },
      },
    },
    async (request) =>
      imports.setMapping(actorOf(request), request.params.id, request.body.mapping, request.body.remember),
  );

  app.post(
    '/api/imports/:id/parse',
    {
      config: { access: staffRoles },
      schema: {
        tags,
        description: 'Starts reading every row in the background; poll the import for progress.',
        params: uuidParam,
        response: { 202: importDetailSchema },
      },
    },
    async (request, reply) => reply.code(202).send(await imports.parse(actorOf(request), request.params.id)),
  );

  app.get(
    '/api/imports/:id/lines',
    {
      config: { access: staffRoles },
      schema: {
        tags,
        params: uuidParam,
        querystring: importLinesQuerySchema,
        response: { 200: importLinesPageSchema },
      },
    },
    async (request) => imports.lines(actorOf(request), request.params.id, request.query),
  );

  app.post(
    '/api/imports/:id/commit',
    {
      config: { access: staffRoles },
      schema: { tags, params: uuidParam, response: { 200: importDetailSchema } },
    },
    async (request) => imports.commit(actorOf(request), request.params.id),
  );

  app.delete(
    '/api/imports/:id',
    { config: { access: staffRoles }, schema: { tags, params: uuidParam, response: { 204: z.null() } } },
    async (request, reply) => {
      await imports.discard(actorOf(request), request.params.id);
      return noContent(reply);
    },
  );

  app.get(
    '/api/imports/:id/file',
    { config: { access: staffRoles }, schema: { tags, params: uuidParam } },
    async (request, reply) => {
      const file = await imports.original(actorOf(request), request.params.id);
      return reply
        .header('content-type', file.contentType)
        .header('content-length', String(file.sizeBytes))
        .header('content-disposition', contentDisposition(file.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'no-store')
        .send(file.stream);
    },
  );
}
