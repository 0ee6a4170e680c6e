import type { Multipart } from '@fastify/multipart';
import { z } from 'zod';
import { uuidParam } from '../../../shared/api/common.js';
import {
  invoiceSchema,
  invoiceUploadFieldsSchema,
  voidInvoiceBodySchema,
} from '../../../shared/api/invoices.js';
import type { Config } from '../../config.js';
import { AppError } from '../../errors.js';
import {
  actorOf,
  collaboratorOnly,
  noContent,
  ownerOnly,
  staffRoles,
  type Actor,
} from '../../http/access.js';
import { isAcceptableText, unacceptableTextError } from '../../http/text-guard.js';
import type { ZodApp } from '../../http/zod-app.js';
import type { InvoiceService } from './invoices.service.js';

const tags = ['invoices'];

export function registerInvoiceRoutes(
  app: ZodApp,
  deps: { invoices: InvoiceService; config: Pick<Config, 'uploads'> },
): void {
  const { invoices, config } = deps;

  async function receive(actor: Actor, statementId: string, parts: AsyncIterableIterator<Multipart>) {
    const fields: Record<string, string> = {};
    let result: Awaited<ReturnType<InvoiceService['submit']>> | null = null;
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
        throw new AppError('too_many_files', 'One invoice file at a time');
      }
      const parsed = invoiceUploadFieldsSchema.safeParse(fields);
      if (!parsed.success) {
        part.file.resume();
        throw new AppError('validation_failed', 'The invoice fields come before the file', {
          issues: parsed.error.issues.map((issue) => ({
            path: issue.path.join('.'),
            message: issue.message,
          })),
        });
      }
      result = await invoices.submit(actor, statementId, parsed.data, part.filename, part.file);
    }
    if (!result) {
      throw new AppError('validation_failed', 'Attach the invoice file', { field: 'file' });
    }
    return result;
  }

  const uploadLimits = {
    fileSize: config.uploads.maxBytes,
    files: 1,
    fields: 10,
    fieldSize: 1000,
    parts: 12,
  };
  const uploadDescription =
    'multipart/form-data: `kind` = document (with number, issueDate, amount in grosze) or ksef_xml (optional ' +
    'ksefNumber), then the file. A difference from the statement is refused with the findings field by field.';

  app.post(
    '/api/panel/statements/:id/invoice',
    {
      config: { access: collaboratorOnly },
      schema: {
        tags,
        description: uploadDescription,
        params: uuidParam,
        consumes: ['multipart/form-data'],
        response: { 201: invoiceSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      // A statement the caller may not see is a 404 before any byte of the upload is read.
      await invoices.requireStatement(actor, request.params.id);
      return reply
        .code(201)
        .send(await receive(actor, request.params.id, request.parts({ limits: uploadLimits })));
    },
  );

  app.post(
    '/api/statements/:id/invoice',
    {
      config: { access: ownerOnly },
      schema: {
        tags,
        description: `${uploadDescription} The owner may record a differing invoice with differenceReason.`,
        params: uuidParam,
        consumes: ['multipart/form-data'],
        response: { 201: invoiceSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      // A statement the caller may not see is a 404 before any byte of the upload is read.
      await invoices.requireStatement(actor, request.params.id);
      return reply
        .code(201)
        .send(await receive(actor, request.params.id, request.parts({ limits: uploadLimits })));
    },
  );

  for (const [prefix, access] of [
    ['/api/statements', staffRoles],
    ['/api/panel/statements', collaboratorOnly],
  ] as const) {
    app.get(
      `${prefix}/:id/invoice`,
      {
        config: { access },
        schema: { tags, params: uuidParam, response: { 200: invoiceSchema.nullable() } },
      },
      async (request) => invoices.current(actorOf(request), request.params.id),
    );
  }

  app.post(
    '/api/statements/:id/invoice/draft',
    {
      config: { access: staffRoles },
      schema: {
        tags,
        description:
          'A bill (civil-law contract) or a self-billed invoice (PDF + FA(3) XML) for the collaborator to approve.',
        params: uuidParam,
        response: { 201: invoiceSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await invoices.draft(actorOf(request), request.params.id)),
  );

  app.post(
    '/api/panel/invoices/:id/approve',
    {
      config: { access: collaboratorOnly },
      schema: { tags, params: uuidParam, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await invoices.approve(actorOf(request), request.params.id);
      return noContent(reply);
    },
  );

  app.post(
    '/api/invoices/:id/void',
    {
      config: { access: staffRoles },
      schema: { tags, params: uuidParam, body: voidInvoiceBodySchema, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await invoices.voidInvoice(actorOf(request), request.params.id, request.body.reason);
      return noContent(reply);
    },
  );
}
