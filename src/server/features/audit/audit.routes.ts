import { z } from 'zod';
import { auditActorSchema, auditPageSchema, auditQuerySchema } from '../../../shared/api/audit.js';
import { actorOf, ownerOnly } from '../../http/access.js';
import type { ZodApp } from '../../http/zod-app.js';
import type { AuditService } from './audit.service.js';

export function registerAuditRoutes(app: ZodApp, deps: { audit: AuditService }): void {
  app.get(
    '/api/audit',
    {
      config: { access: ownerOnly },
      schema: { tags: ['audit'], querystring: auditQuerySchema, response: { 200: auditPageSchema } },
    },
    async (request) => {
      const query = request.query;
      const events = await deps.audit.list(actorOf(request), {
        actorUserId: query.actorUserId,
        event: query.event,
        from: query.from,
        to: query.to,
        beforeSeq: query.before,
        limit: query.limit,
      });
      const last = events.at(-1);
      return {
        events,
        nextBefore: events.length === query.limit && last && last.seq > 1 ? last.seq : null,
      };
    },
  );

  app.get(
    '/api/audit/actors',
    {
      config: { access: ownerOnly },
      schema: { tags: ['audit'], response: { 200: z.array(auditActorSchema) } },
    },
    async (request) => deps.audit.listActors(actorOf(request)),
  );
}
