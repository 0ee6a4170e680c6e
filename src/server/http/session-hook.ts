import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import type { SessionService } from '../features/auth/sessions.service.js';
import { enforceAccess } from './access.js';
import { clearSessionCookie, readSessionCookie } from './cookies.js';

/**
 * Attaches the session of the cookie to every request and enforces each route's declared access.
 * A route under /api without an `access` declaration is refused at registration, so nothing is
 * reachable by omission.
 */
export function registerSessionHook(
  app: FastifyInstance,
  deps: { sessions: SessionService; config: Pick<Config, 'cookie'> },
): void {
  app.decorateRequest('session', null);
  app.decorateRequest('sessionProblem', null);

  app.addHook('onRoute', (route) => {
    const isApi = route.url.startsWith('/api/');
    const isDocs = route.url.startsWith('/api/docs') || route.url === '/api/openapi.json';
    if (isApi && !isDocs && route.config?.access === undefined) {
      throw new Error(`Route ${route.method.toString()} ${route.url} declares no access policy`);
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    // Decided by the route that matched, not by the raw URL: /%61pi/… reaches the /api/… routes.
    const access = request.routeOptions.config.access;
    if (access === undefined) {
      return;
    }
    const token = readSessionCookie(request, deps.config);
    if (token) {
      try {
        request.session = await deps.sessions.resolve(token);
      } catch (error) {
        if (!(error instanceof AppError)) {
          throw error;
        }
        request.sessionProblem = error.code === 'session_expired' ? 'session_expired' : null;
        clearSessionCookie(reply, deps.config);
      }
    }
    enforceAccess(request, access);
  });
}
