import { z } from 'zod';
import { uuidParam } from '../../../shared/api/common.js';
import { splitRuleInputSchema, splitRuleQuerySchema, splitRuleSchema } from '../../../shared/api/rules.js';
import { actorOf, noContent, staffRoles } from '../../http/access.js';
import type { ZodApp } from '../../http/zod-app.js';
import type { RuleService } from './rules.service.js';

const tags = ['rules'];

export function registerRuleRoutes(app: ZodApp, deps: { rules: RuleService }): void {
  const { rules } = deps;

  app.get(
    '/api/rules',
    {
      config: { access: staffRoles },
      schema: { tags, querystring: splitRuleQuerySchema, response: { 200: z.array(splitRuleSchema) } },
    },
    async (request) => rules.list(actorOf(request), request.query),
  );

  app.post(
    '/api/rules',
    {
      config: { access: staffRoles },
      schema: { tags, body: splitRuleInputSchema, response: { 201: splitRuleSchema } },
    },
    async (request, reply) => reply.code(201).send(await rules.create(actorOf(request), request.body)),
  );

  app.put(
    '/api/rules/:id',
    {
      config: { access: staffRoles },
      schema: {
        tags,
        description: 'Writes the next version of the rule; locked periods keep the version they used.',
        params: uuidParam,
        body: splitRuleInputSchema,
        response: { 200: splitRuleSchema },
      },
    },
    async (request) => rules.change(actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/rules/:id/versions',
    {
      config: { access: staffRoles },
      schema: { tags, params: uuidParam, response: { 200: z.array(splitRuleSchema) } },
    },
    async (request) => rules.versions(actorOf(request), request.params.id),
  );

  app.delete(
    '/api/rules/:id',
    { config: { access: staffRoles }, schema: { tags, params: uuidParam, response: { 204: z.null() } } },
    async (request, reply) => {
      await rules.retire(actorOf(request), request.params.id);
      return noContent(reply);
    },
  );
}
