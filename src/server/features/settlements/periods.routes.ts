import { z } from 'zod';
import { uuidParam } from '../../../shared/api/common.js';
import {
  adjustmentInputSchema,
  adjustmentSchema,
  periodInputSchema,
  periodDetailSchema,
  periodSchema,
  periodSettlementSchema,
  reopenBodySchema,
  settlementLinesPageSchema,
  settlementLinesQuerySchema,
} from '../../../shared/api/periods.js';
import { actorOf, noContent, ownerOnly, staffRoles } from '../../http/access.js';
import type { ZodApp } from '../../http/zod-app.js';
import type { PeriodService } from './periods.service.js';

const tags = ['settlement periods'];

export function registerPeriodRoutes(app: ZodApp, deps: { periods: PeriodService }): void {
  const { periods } = deps;

  app.get(
    '/api/periods',
    { config: { access: staffRoles }, schema: { tags, response: { 200: z.array(periodSchema) } } },
    async (request) => periods.list(actorOf(request)),
  );

  app.post(
    '/api/periods',
    {
      config: { access: staffRoles },
      schema: {
        tags,
        description:
          'A month (`{ "month": "2026-11" }`) or any date range; periods of an agency never overlap.',
        body: periodInputSchema,
        response: { 201: periodSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await periods.create(actorOf(request), request.body)),
  );

  app.get(
    '/api/periods/:id',
    {
      config: { access: staffRoles },
      schema: { tags, params: uuidParam, response: { 200: periodDetailSchema } },
    },
    async (request) => periods.get(actorOf(request), request.params.id),
  );

  app.get(
    '/api/periods/:id/settlement',
    {
      config: { access: staffRoles },
      schema: {
        tags,
        description: 'Open: a preview computed now. Locked and later: what the statements recorded.',
        params: uuidParam,
        response: { 200: periodSettlementSchema },
      },
    },
    async (request) => periods.settlement(actorOf(request), request.params.id),
  );

  app.get(
    '/api/periods/:id/lines',
    {
      config: { access: staffRoles },
      schema: {
        tags,
        params: uuidParam,
        querystring: settlementLinesQuerySchema,
        response: { 200: settlementLinesPageSchema },
      },
    },
    async (request) => periods.lines(actorOf(request), request.params.id, request.query),
  );

  app.get(
    '/api/periods/:id/adjustments',
    {
      config: { access: staffRoles },
      schema: { tags, params: uuidParam, response: { 200: z.array(adjustmentSchema) } },
    },
    async (request) => periods.adjustments(actorOf(request), request.params.id),
  );

  app.post(
    '/api/periods/:id/adjustments',
    {
      config: { access: staffRoles },
      schema: { tags, params: uuidParam, body: adjustmentInputSchema, response: { 201: adjustmentSchema } },
    },
    async (request, reply) =>
      reply.code(201).send(await periods.addAdjustment(actorOf(request), request.params.id, request.body)),
  );

  app.delete(
    '/api/periods/:id/adjustments/:adjustmentId',
    {
      config: { access: staffRoles },
      schema: {
        tags,
        params: z.object({ id: z.uuid(), adjustmentId: z.uuid() }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await periods.removeAdjustment(actorOf(request), request.params.id, request.params.adjustmentId);
      return noContent(reply);
    },
  );

  app.post(
    '/api/periods/:id/reopen',
    {
      config: { access: ownerOnly },
      schema: { tags, params: uuidParam, body: reopenBodySchema, response: { 200: periodSchema } },
    },
    async (request) =>
      periods.reopen(actorOf(request), request.params.id, request.body.revision, request.body.reason),
  );
}
