import { z } from 'zod';
import {
  agencySchema,
  agencyUpdateSchema,
  dashboardSchema,
  outboxMessageSchema,
  setupBodySchema,
  setupResponseSchema,
  setupStatusSchema,
} from '../../../shared/api/agency.js';
import { uuidParam } from '../../../shared/api/common.js';
import { teamMemberSchema } from '../../../shared/api/invitations.js';
import type { Config } from '../../config.js';
import { actorOf, clientOf, noContent, ownerOnly, staffRoles } from '../../http/access.js';
import { setSessionCookie } from '../../http/cookies.js';
import type { ZodApp } from '../../http/zod-app.js';
import type { SessionService } from '../auth/sessions.service.js';
import type { NotificationService } from '../notifications/notifications.service.js';
import type { AgencyService } from './agencies.service.js';
import type { DashboardService } from './dashboard.service.js';
import type { SetupService } from './setup.service.js';

const tags = ['agency'];

export function registerAgencyRoutes(
  app: ZodApp,
  deps: {
    setup: SetupService;
    agencies: AgencyService;
    dashboard: DashboardService;
    sessions: SessionService;
    notifications: NotificationService;
    config: Pick<Config, 'cookie'>;
  },
): void {
  const { setup, agencies, sessions, config } = deps;

  app.get(
    '/api/setup/status',
    { config: { access: 'public' }, schema: { tags, response: { 200: setupStatusSchema } } },
    async () => ({ setupRequired: await setup.isSetupRequired() }),
  );

  app.post(
    '/api/setup',
    {
      config: { access: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: { tags, body: setupBodySchema, response: { 201: setupResponseSchema } },
    },
    async (request, reply) => {
      const token = await setup.setup(request.body, clientOf(request));
      setSessionCookie(reply, config, token);
      return reply.code(201).send(await sessions.describe(await sessions.resolve(token)));
    },
  );

  app.get(
    '/api/agency',
    { config: { access: staffRoles }, schema: { tags, response: { 200: agencySchema } } },
    async (request) => agencies.get(actorOf(request)),
  );

  app.patch(
    '/api/agency',
    {
      config: { access: ownerOnly },
      schema: { tags, body: agencyUpdateSchema, response: { 200: agencySchema } },
    },
    async (request) => agencies.update(actorOf(request), request.body),
  );

  app.get(
    '/api/dashboard',
    { config: { access: staffRoles }, schema: { tags, response: { 200: dashboardSchema } } },
    async (request) => deps.dashboard.get(actorOf(request)),
  );

  app.get(
    '/api/team',
    { config: { access: ownerOnly }, schema: { tags, response: { 200: z.array(teamMemberSchema) } } },
    async (request) => agencies.team(actorOf(request)),
  );

  app.post(
    '/api/team/:id/disable',
    { config: { access: ownerOnly }, schema: { tags, params: uuidParam, response: { 204: z.null() } } },
    async (request, reply) => {
      await agencies.disableStaff(actorOf(request), request.params.id);
      return noContent(reply);
    },
  );

  app.get(
    '/api/dev/outbox',
    {
      config: { access: ownerOnly },
      schema: {
        tags,
        description:
          'Development without SMTP only: the messages Sejf would have sent. 404 when SMTP is configured.',
        response: { 200: z.array(outboxMessageSchema) },
      },
    },
    async (request) => deps.notifications.listDevOutbox(actorOf(request)),
  );
}
