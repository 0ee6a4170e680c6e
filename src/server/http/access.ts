import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../../shared/api/common.js';
import type { TenantScope } from '../db/database.js';
import { AppError } from '../errors.js';
import type { ClientInfo, RequestSession } from '../features/auth/sessions.service.js';

/**
 * Who may call a route. Every /api route declares one (an undeclared route fails at start):
 * - public: anyone;
 * - pending: any session, also one that still needs its second factor (logout, the 2FA step);
 * - enrolment: a session past its second factor, or one of a user who has none yet and must enrol
 *   (never a session that has only the password of an account that has a factor);
 * - active: a session past its second factor, in an agency, any role;
 * - a list of roles: active, and one of them.
 */
export type Access = 'public' | 'pending' | 'enrolment' | 'active' | readonly Role[];

declare module 'fastify' {
  interface FastifyRequest {
    session: RequestSession | null;
    /** Why the cookie's session was not accepted, to tell an expired session from none. */
    sessionProblem: 'session_expired' | null;
  }
  interface FastifyContextConfig {
    access?: Access;
  }
}

export const staffRoles = ['owner', 'staff'] as const;
export const ownerOnly = ['owner'] as const;
export const collaboratorOnly = ['collaborator'] as const;

export function enforceAccess(request: FastifyRequest, access: Access): void {
  if (access === 'public') {
    return;
  }
  const session = request.session;
  if (!session) {
    throw request.sessionProblem === 'session_expired'
      ? new AppError('session_expired', 'The session has expired; log in again')
      : new AppError('unauthenticated', 'Log in first');
  }
  if (access === 'pending') {
    return;
  }
  if (session.state === 'second_factor_required') {
    throw new AppError('second_factor_required', 'Confirm your second factor first');
  }
  if (access === 'enrolment') {
    return;
  }
  if (session.state === 'enrolment_required') {
    throw new AppError('second_factor_enrolment_required', 'Set up a second factor first');
  }
  if (!session.agency) {
    throw new AppError('forbidden', 'No active membership in an agency');
  }
  if (access !== 'active' && !access.includes(session.agency.role)) {
    throw new AppError('forbidden', 'Your role does not allow this');
  }
}

export function clientOf(request: FastifyRequest): ClientInfo {
  const userAgent = request.headers['user-agent'];
  return { ip: request.ip, userAgent: typeof userAgent === 'string' ? userAgent : null };
}

export function sessionOf(request: FastifyRequest): RequestSession {
  if (!request.session) {
    throw new AppError('unauthenticated', 'Log in first');
  }
  return request.session;
}

/** The acting member of an agency: what every tenant service call takes. */
export type Actor = TenantScope & { sessionId: string; name: string; client: ClientInfo };

export function actorOf(request: FastifyRequest): Actor {
  const session = sessionOf(request);
  if (session.state !== 'active' || !session.agency) {
    throw new AppError('forbidden', 'No active membership in an agency');
  }
  return {
    agencyId: session.agency.id,
    userId: session.userId,
    role: session.agency.role,
    collaboratorId: session.agency.collaboratorId,
    sessionId: session.id,
    name: session.fullName,
    client: clientOf(request),
  };
}

export function noContent(reply: FastifyReply): FastifyReply {
  return reply.code(204).send();
}
