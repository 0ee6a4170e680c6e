import { z } from 'zod';
import { uuidParam } from '../../../shared/api/common.js';
import {
  acceptBodySchema,
  correctionBodySchema,
  paymentBodySchema,
  payoutFormatQuerySchema,
  rejectDisputeBodySchema,
  disputeBodySchema,
  messageBodySchema,
  publishBodySchema,
  statementDetailSchema,
  statementLinesPageSchema,
  statementLinesQuerySchema,
  statementSummarySchema,
} from '../../../shared/api/statements.js';
import { actorOf, collaboratorOnly, noContent, ownerOnly, staffRoles } from '../../http/access.js';
import type { ZodApp } from '../../http/zod-app.js';
import { contentDisposition } from '../../uploads/file-name.js';
import { renderPayoutCsv, renderPayoutXlsx } from '../statements/render/payouts.js';
import type { PeriodService } from './periods.service.js';
import type { StatementService } from './statements.service.js';

const tags = ['statements'];

export function registerStatementRoutes(
  app: ZodApp,
  deps: { statements: StatementService; periods: PeriodService },
): void {
  const { statements, periods } = deps;

  app.post(
    '/api/periods/:id/lock',
    {
      config: { access: staffRoles },
      schema: {
        tags: ['settlement periods'],
        description:
          'Writes one statement per collaborator and settles the lines; the statements’ PDF and XLSX are then ' +
          'rendered in the background (the period board shows when they are ready to publish).',
        params: uuidParam,
        body: publishBodySchema,
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const period = await periods.lock(actor, request.params.id, request.body.revision);
      statements.generateInBackground(actor, request.params.id);
      return period;
    },
  );

  app.post(
    '/api/periods/:id/publish',
    {
      config: { access: staffRoles },
      schema: {
        tags: ['settlement periods'],
        description:
          'Publishes every statement of the locked period at once, with a content-free notice each.',
        params: uuidParam,
        body: publishBodySchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await statements.publish(actorOf(request), request.params.id, request.body.revision);
      return noContent(reply);
    },
  );

  app.get(
    '/api/periods/:id/statements',
    {
      config: { access: staffRoles },
      schema: { tags, params: uuidParam, response: { 200: z.array(statementSummarySchema) } },
    },
    async (request) => statements.listForPeriod(actorOf(request), request.params.id),
  );

  for (const [prefix, access] of [
    ['/api/statements', staffRoles],
    ['/api/panel/statements', collaboratorOnly],
  ] as const) {
    app.get(
      `${prefix}/:id`,
      { config: { access }, schema: { tags, params: uuidParam, response: { 200: statementDetailSchema } } },
      async (request) => statements.detail(actorOf(request), request.params.id),
    );

    app.get(
      `${prefix}/:id/lines`,
      {
        config: { access },
        schema: {
          tags,
          params: uuidParam,
          querystring: statementLinesQuerySchema,
          response: { 200: statementLinesPageSchema },
        },
      },
      async (request) => statements.lines(actorOf(request), request.params.id, request.query),
    );

    app.post(
      `${prefix}/:id/messages`,
      {
        config: { access },
        schema: { tags, params: uuidParam, body: messageBodySchema, response: { 204: z.null() } },
      },
      async (request, reply) => {
        await statements.postMessage(actorOf(request), request.params.id, request.body.body);
        return noContent(reply);
      },
    );
  }

  app.get(
    '/api/panel/statements',
    {
      config: { access: collaboratorOnly },
      schema: { tags, response: { 200: z.array(statementSummarySchema) } },
    },
    async (request) => statements.listOwn(actorOf(request)),
  );

  app.post(
    '/api/panel/statements/:id/accept',
    {
      config: { access: collaboratorOnly },
      schema: { tags, params: uuidParam, body: acceptBodySchema, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await statements.accept(actorOf(request), request.params.id, request.body.sha256);
      return noContent(reply);
    },
  );

  app.post(
    '/api/panel/statements/:id/disputes',
    {
      config: { access: collaboratorOnly },
      schema: {
        tags,
        params: uuidParam,
        body: disputeBodySchema,
        response: { 201: z.object({ id: z.uuid() }) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await statements.dispute(actorOf(request), request.params.id, request.body)),
  );

  app.post(
    '/api/statements/:id/corrections',
    {
      config: { access: staffRoles },
      schema: {
        tags,
        description: 'Issues the next version of the statement; open disputes are resolved as corrected.',
        params: uuidParam,
        body: correctionBodySchema,
        response: { 201: statementDetailSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await statements.correct(actorOf(request), request.params.id, request.body)),
  );

  app.post(
    '/api/statements/:id/disputes/:disputeId/reject',
    {
      config: { access: staffRoles },
      schema: {
        tags,
        params: z.object({ id: z.uuid(), disputeId: z.uuid() }),
        body: rejectDisputeBodySchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await statements.rejectDispute(
        actorOf(request),
        request.params.id,
        request.params.disputeId,
        request.body.resolution,
      );
      return noContent(reply);
    },
  );

  app.post(
    '/api/statements/:id/payment',
    {
      config: { access: ownerOnly },
      schema: { tags, params: uuidParam, body: paymentBodySchema, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await statements.markPaid(actorOf(request), request.params.id, request.body);
      return noContent(reply);
    },
  );

  app.post(
    '/api/periods/:id/close',
    {
      config: { access: ownerOnly },
      schema: {
        tags: ['settlement periods'],
        params: uuidParam,
        body: publishBodySchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await statements.close(actorOf(request), request.params.id, request.body.revision);
      return noContent(reply);
    },
  );

  app.get(
    '/api/periods/:id/payouts',
    {
      config: { access: staffRoles },
      schema: {
        tags: ['settlement periods'],
        description: 'The payout list (collaborator, IBAN, amount, transfer title) as CSV or XLSX.',
        params: uuidParam,
        querystring: payoutFormatQuerySchema,
      },
    },
    async (request, reply) => {
      const { period, rows } = await statements.payouts(actorOf(request), request.params.id);
      const name = `wyplaty-${period.dateFrom}-${period.dateTo}`;
      const isCsv = request.query.format === 'csv';
      const body = isCsv ? renderPayoutCsv(rows) : await renderPayoutXlsx(rows);
      return reply
        .header(
          'content-type',
          isCsv
            ? 'text/csv; charset=utf-8'
            : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        )
        .header('content-disposition', contentDisposition(`${name}.${request.query.format}`))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-store')
        .send(body);
    },
  );
}
