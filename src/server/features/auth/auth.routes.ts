import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  codeBodySchema,
  loginBodySchema,
  recoveryLoginResponseSchema,
  sessionInfoSchema,
  sessionResponseSchema,
  switchAgencyBodySchema,
  webauthnOptionsSchema,
  webauthnResponseBodySchema,
} from '../../../shared/api/auth.js';
import type { Config } from '../../config.js';
import { clientOf, noContent, sessionOf } from '../../http/access.js';
import {
  clearSessionCookie,
  readDeviceCookie,
  readSessionCookie,
  setDeviceCookie,
  setSessionCookie,
} from '../../http/cookies.js';
import type { ZodApp } from '../../http/zod-app.js';
import type { LoginService } from './login.service.js';
import type { SessionService } from './sessions.service.js';

const tags = ['auth'];
/** Password and code guessing is throttled per account and IP in the database; this is the per-process net. */
const strictRateLimit = { max: 20, timeWindow: '1 minute' };

export function registerAuthRoutes(
  app: ZodApp,
  deps: { sessions: SessionService; login: LoginService; config: Pick<Config, 'cookie'> },
): void {
  const { sessions, login, config } = deps;

  async function describeToken(token: string) {
    return sessions.describe(await sessions.resolve(token));
  }

  app.get(
    '/api/auth/session',
    { config: { access: 'public' }, schema: { tags, response: { 200: sessionResponseSchema } } },
    async (request) =>
      request.session ? sessions.describe(request.session) : { state: 'anonymous' as const },
  );

  app.post(
    '/api/auth/login',
    {
      config: { access: 'public', rateLimit: strictRateLimit },
      schema: { tags, body: loginBodySchema, response: { 200: sessionInfoSchema } },
    },
    async (request, reply) => {
      const token = await login.login(request.body, clientOf(request));
      setSessionCookie(reply, config, token);
      return describeToken(token);
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { access: 'pending' }, schema: { tags, response: { 204: z.null() } } },
    async (request, reply) => {
      await sessions.logout(sessionOf(request), clientOf(request));
      clearSessionCookie(reply, config);
      return noContent(reply);
    },
  );

  /** After a complete login: new-device check and the device cookie. */
  async function finishLogin(request: FastifyRequest, reply: FastifyReply, token: string) {
    setSessionCookie(reply, config, token);
    const session = await sessions.resolve(token);
    const deviceId = await login.recognizeDevice(
      session,
      readDeviceCookie(request, config),
      clientOf(request),
    );
    setDeviceCookie(reply, config, deviceId);
    return sessions.describe(session);
  }

  app.post(
    '/api/auth/second-factor/totp',
    {
      config: { access: 'pending', rateLimit: strictRateLimit },
      schema: { tags, body: codeBodySchema, response: { 200: sessionInfoSchema } },
    },
    async (request, reply) => {
      const token = await login.verifyTotp(sessionOf(request), request.body.code, clientOf(request));
      return finishLogin(request, reply, token);
    },
  );

  app.post(
    '/api/auth/second-factor/recovery-code',
    {
      config: { access: 'pending', rateLimit: strictRateLimit },
      schema: { tags, body: codeBodySchema, response: { 200: recoveryLoginResponseSchema } },
    },
    async (request, reply) => {
      const result = await login.verifyRecoveryCode(sessionOf(request), request.body.code, clientOf(request));
      return {
        ...(await finishLogin(request, reply, result.token)),
        remainingRecoveryCodes: result.remaining,
      };
    },
  );

  app.post(
    '/api/auth/second-factor/passkey/options',
    { config: { access: 'pending' }, schema: { tags, response: { 200: webauthnOptionsSchema } } },
    async (request) => ({ ...(await login.passkeyOptions(sessionOf(request))) }),
  );

  app.post(
    '/api/auth/second-factor/passkey',
    {
      config: { access: 'pending', rateLimit: strictRateLimit },
      schema: { tags, body: webauthnResponseBodySchema, response: { 200: sessionInfoSchema } },
    },
    async (request, reply) => {
      const token = await login.verifyPasskey(sessionOf(request), request.body.response, clientOf(request));
      return finishLogin(request, reply, token);
    },
  );

  app.post(
    '/api/auth/switch-agency',
    {
      config: { access: 'active' },
      schema: { tags, body: switchAgencyBodySchema, response: { 200: sessionInfoSchema } },
    },
    async (request) => {
      const session = sessionOf(request);
      await login.switchAgency(session, request.body.agencyId, clientOf(request));
      const token = readSessionCookie(request, config);
      return token ? describeToken(token) : sessions.describe(session);
    },
  );
}
