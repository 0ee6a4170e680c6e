import { z } from 'zod';
import { sessionInfoSchema } from '../../../shared/api/auth.js';
import { uuidParam } from '../../../shared/api/common.js';
import {
  acceptInvitationBodySchema,
  checkInvitationBodySchema,
  checkInvitationResponseSchema,
  invitationQuerySchema,
  invitationSchema,
  staffInvitationBodySchema,
} from '../../../shared/api/invitations.js';
import type { Config } from '../../config.js';
import { actorOf, clientOf, ownerOnly, staffRoles } from '../../http/access.js';
import { setSessionCookie } from '../../http/cookies.js';
import type { ZodApp } from '../../http/zod-app.js';
import type { SessionService } from '../auth/sessions.service.js';
import type { InvitationService } from './invitations.service.js';

const tags = ['invitations'];
const codeRateLimit = { max: 20, timeWindow: '1 minute' };

export function registerInvitationRoutes(
  app: ZodApp,
  deps: { invitations: InvitationService; sessions: SessionService; config: Pick<Config, 'cookie'> },
): void {
  const { invitations, sessions, config } = deps;

  app.get(
    '/api/invitations',
    {
      config: { access: staffRoles },
      schema: { tags, querystring: invitationQuerySchema, response: { 200: z.array(invitationSchema) } },
    },
    async (request) => invitations.list(actorOf(request), request.query.status),
  );

  app.post(
    '/api/invitations/staff',
    {
      config: { access: ownerOnly },
      schema: { tags, body: staffInvitationBodySchema, response: { 201: invitationSchema } },
    },
    async (request, reply) =>
      reply.code(201).send(await invitations.inviteStaff(actorOf(request), request.body)),
  );

  app.post(
    '/api/invitations/:id/resend',
    {
      config: { access: staffRoles },
      schema: { tags, params: uuidParam, response: { 200: invitationSchema } },
    },
    async (request) => invitations.resend(actorOf(request), request.params.id),
  );

  app.post(
    '/api/invitations/:id/revoke',
    {
      config: { access: staffRoles },
      schema: { tags, params: uuidParam, response: { 200: invitationSchema } },
    },
    async (request) => invitations.revoke(actorOf(request), request.params.id),
  );

  app.post(
    '/api/invitations/check',
    {
      config: { access: 'public', rateLimit: codeRateLimit },
      schema: { tags, body: checkInvitationBodySchema, response: { 200: checkInvitationResponseSchema } },
    },
    async (request) => invitations.check(request.body, clientOf(request)),
  );

  app.post(
    '/api/invitations/accept',
    {
      config: { access: 'public', rateLimit: codeRateLimit },
      schema: { tags, body: acceptInvitationBodySchema, response: { 200: sessionInfoSchema } },
    },
    async (request, reply) => {
      const token = await invitations.accept(request.body, clientOf(request));
      setSessionCookie(reply, config, token);
      return sessions.describe(await sessions.resolve(token));
    },
  );
}
