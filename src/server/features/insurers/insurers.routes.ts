import { z } from 'zod';
import { uuidParam } from '../../../shared/api/common.js';
import {
  agentCodeInputSchema,
  agentCodeQuerySchema,
  agentCodeSchema,
  insurerInputSchema,
  insurerSchema,
  insurerUpdateSchema,
} from '../../../shared/api/insurers.js';
import { actorOf, noContent, staffRoles } from '../../http/access.js';
import type { ZodApp } from '../../http/zod-app.js';
import type { InsurerService } from './insurers.service.js';

const tags = ['insurers'];

export function registerInsurerRoutes(app: ZodApp, deps: { insurers: InsurerService }): void {
  const { insurers } = deps;

  app.get(
    '/api/insurers',
    { config: { access: staffRoles }, schema: { tags, response: { 200: z.array(insurerSchema) } } },
    async (request) => insurers.list(actorOf(request)),
  );

  app.post(
    '/api/insurers',
    {
      config: { access: staffRoles },
      schema: { tags, body: insurerInputSchema, response: { 201: insurerSchema } },
    },
    async (request, reply) => reply.code(201).send(await insurers.create(actorOf(request), request.body)),
  );

  app.patch(
    '/api/insurers/:id',
    {
      config: { access: staffRoles },
      schema: { tags, params: uuidParam, body: insurerUpdateSchema, response: { 200: insurerSchema } },
    },
    async (request) => insurers.update(actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/agent-codes',
    {
      config: { access: staffRoles },
      schema: { tags, querystring: agentCodeQuerySchema, response: { 200: z.array(agentCodeSchema) } },
    },
    async (request) => insurers.listAgentCodes(actorOf(request), request.query),
  );

  app.post(
    '/api/agent-codes',
    {
      config: { access: staffRoles },
      schema: { tags, body: agentCodeInputSchema, response: { 201: agentCodeSchema } },
    },
    async (request, reply) =>
      reply.code(201).send(await insurers.assignAgentCode(actorOf(request), request.body)),
  );

  app.delete(
    '/api/agent-codes/:id',
    { config: { access: staffRoles }, schema: { tags, params: uuidParam, response: { 204: z.null() } } },
    async (request, reply) => {
      await insurers.removeAgentCode(actorOf(request), request.params.id);
      return noContent(reply);
    },
  );
}
