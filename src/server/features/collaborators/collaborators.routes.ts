import { z } from 'zod';
import {
  collaboratorInputSchema,
  collaboratorListItemSchema,
  collaboratorQuerySchema,
  collaboratorSchema,
  collaboratorUpdateSchema,
} from '../../../shared/api/collaborators.js';
import { uuidParam } from '../../../shared/api/common.js';
import { invitationSchema } from '../../../shared/api/invitations.js';
import { actorOf, staffRoles } from '../../http/access.js';
import type { ZodApp } from '../../http/zod-app.js';
import type { InvitationService } from '../invitations/invitations.service.js';
import type { CollaboratorService } from './collaborators.service.js';

const tags = ['collaborators'];

export function registerCollaboratorRoutes(
  app: ZodApp,
  deps: { collaborators: CollaboratorService; invitations: InvitationService },
): void {
  const { collaborators, invitations } = deps;

  app.get(
    '/api/collaborators',
    {
      config: { access: staffRoles },
      schema: {
        tags,
        querystring: collaboratorQuerySchema,
        response: { 200: z.array(collaboratorListItemSchema) },
      },
    },
    async (request) => collaborators.list(actorOf(request), request.query),
  );

  app.post(
    '/api/collaborators',
    {
      config: { access: staffRoles },
      schema: { tags, body: collaboratorInputSchema, response: { 201: collaboratorSchema } },
    },
    async (request, reply) =>
      reply.code(201).send(await collaborators.create(actorOf(request), request.body)),
  );

  app.get(
    '/api/collaborators/:id',
    {
      config: { access: staffRoles },
      schema: { tags, params: uuidParam, response: { 200: collaboratorSchema } },
    },
    async (request) => collaborators.get(actorOf(request), request.params.id),
  );

  app.patch(
    '/api/collaborators/:id',
    {
      config: { access: staffRoles },
      schema: {
        tags,
        params: uuidParam,
        body: collaboratorUpdateSchema,
        response: { 200: collaboratorSchema },
      },
    },
    async (request) => collaborators.update(actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/collaborators/:id/archive',
    {
      config: { access: staffRoles },
      schema: { tags, params: uuidParam, response: { 200: collaboratorSchema } },
    },
    async (request) => collaborators.archive(actorOf(request), request.params.id),
  );

  app.post(
    '/api/collaborators/:id/invitation',
    {
      config: { access: staffRoles },
      schema: { tags, params: uuidParam, response: { 201: invitationSchema } },
    },
    async (request, reply) =>
      reply.code(201).send(await invitations.inviteCollaborator(actorOf(request), request.params.id)),
  );
}
