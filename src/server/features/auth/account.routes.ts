import { z } from 'zod';
import {
  accountSchema,
  changePasswordBodySchema,
  confirmTotpBodySchema,
  deviceSchema,
  enrolmentResultSchema,
  recoveryCodesSchema,
  regenerateRecoveryCodesBodySchema,
  revokeAllBodySchema,
  revokedCountSchema,
  sessionListItemSchema,
  totpEnrolmentSchema,
  updateAccountBodySchema,
} from '../../../shared/api/account.js';
import { webauthnOptionsSchema, webauthnResponseBodySchema } from '../../../shared/api/auth.js';
import { uuidParam } from '../../../shared/api/common.js';
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
import type { AccountService } from './account.service.js';
import type { LoginService } from './login.service.js';
import type { EnrolmentResult, SecondFactorService } from './second-factors.service.js';
import type { SessionService } from './sessions.service.js';

const tags = ['account'];

export function registerAccountRoutes(
  app: ZodApp,
  deps: {
    account: AccountService;
    secondFactors: SecondFactorService;
    sessions: SessionService;
    login: LoginService;
    config: Pick<Config, 'cookie'>;
  },
): void {
  const { account, secondFactors, sessions, config } = deps;

  app.get(
    '/api/account',
    { config: { access: 'active' }, schema: { tags, response: { 200: accountSchema } } },
    async (request) => account.get(sessionOf(request)),
  );

  app.patch(
    '/api/account',
    {
      config: { access: 'active' },
      schema: { tags, body: updateAccountBodySchema, response: { 200: accountSchema } },
    },
    async (request) => {
      await account.update(sessionOf(request), request.body, clientOf(request));
      return account.get(sessionOf(request));
    },
  );

  app.post(
    '/api/account/password',
    {
      config: { access: 'active', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: { tags, body: changePasswordBodySchema, response: { 200: revokedCountSchema } },
    },
    async (request, reply) => {
      const { revoked, token } = await account.changePassword(
        sessionOf(request),
        request.body,
        clientOf(request),
      );
      setSessionCookie(reply, config, token);
      return { revoked };
    },
  );

  // Enrolment also works for a session that has no second factor yet (mandatory first enrolment);
  // the service refuses a session that has a factor and has not confirmed it.
  async function enrolmentResponse(
    request: Parameters<typeof sessionOf>[0],
    reply: Parameters<typeof setSessionCookie>[0],
    result: EnrolmentResult,
  ) {
    const token = result.token ?? readSessionCookie(request, config);
    if (result.token) {
      setSessionCookie(reply, config, result.token);
    }
    const session = token ? await sessions.resolve(token) : sessionOf(request);
    if (result.token) {
      // The first enrolment completes a login: this browser becomes a known device.
      const deviceId = await deps.login.recognizeDevice(
        session,
        readDeviceCookie(request, config),
        clientOf(request),
      );
      setDeviceCookie(reply, config, deviceId);
    }
    return { session: await sessions.describe(session), recoveryCodes: result.recoveryCodes };
  }

  app.post(
    '/api/account/totp',
    { config: { access: 'enrolment' }, schema: { tags, response: { 200: totpEnrolmentSchema } } },
    async (request) => secondFactors.startTotp(sessionOf(request)),
  );

  app.post(
    '/api/account/totp/confirm',
    {
      config: { access: 'enrolment', rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: { tags, body: confirmTotpBodySchema, response: { 200: enrolmentResultSchema } },
    },
    async (request, reply) =>
      enrolmentResponse(
        request,
        reply,
        await secondFactors.confirmTotp(sessionOf(request), request.body, clientOf(request)),
      ),
  );

  app.post(
    '/api/account/passkeys/options',
    { config: { access: 'enrolment' }, schema: { tags, response: { 200: webauthnOptionsSchema } } },
    async (request) => ({ ...(await secondFactors.passkeyRegistrationOptions(sessionOf(request))) }),
  );

  app.post(
    '/api/account/passkeys',
    {
      config: { access: 'enrolment' },
      schema: { tags, body: webauthnResponseBodySchema, response: { 200: enrolmentResultSchema } },
    },
    async (request, reply) =>
      enrolmentResponse(
        request,
        reply,
        await secondFactors.registerPasskey(sessionOf(request), request.body, clientOf(request)),
      ),
  );

  app.delete(
    '/api/account/second-factors/:id',
    { config: { access: 'active' }, schema: { tags, params: uuidParam, response: { 204: z.null() } } },
    async (request, reply) => {
      await secondFactors.remove(sessionOf(request), request.params.id, clientOf(request));
      return noContent(reply);
    },
  );

  app.post(
    '/api/account/recovery-codes',
    {
      config: { access: 'active', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: { tags, body: regenerateRecoveryCodesBodySchema, response: { 200: recoveryCodesSchema } },
    },
    async (request) => ({
      recoveryCodes: await secondFactors.regenerateRecoveryCodes(
        sessionOf(request),
        request.body.password,
        clientOf(request),
      ),
    }),
  );

  app.get(
    '/api/account/sessions',
    { config: { access: 'active' }, schema: { tags, response: { 200: z.array(sessionListItemSchema) } } },
    async (request) => sessions.list(sessionOf(request)),
  );

  app.delete(
    '/api/account/sessions/:id',
    { config: { access: 'active' }, schema: { tags, params: uuidParam, response: { 204: z.null() } } },
    async (request, reply) => {
      const session = sessionOf(request);
      await sessions.revoke(session, request.params.id, clientOf(request));
      if (request.params.id === session.id) {
        clearSessionCookie(reply, config);
      }
      return noContent(reply);
    },
  );

  app.post(
    '/api/account/sessions/revoke-all',
    {
      config: { access: 'active' },
      schema: { tags, body: revokeAllBodySchema, response: { 200: revokedCountSchema } },
    },
    async (request, reply) => {
      const revoked = await sessions.revokeAll(
        sessionOf(request),
        request.body.includeCurrent,
        clientOf(request),
      );
      if (request.body.includeCurrent) {
        clearSessionCookie(reply, config);
      }
      return { revoked };
    },
  );

  app.get(
    '/api/account/devices',
    { config: { access: 'active' }, schema: { tags, response: { 200: z.array(deviceSchema) } } },
    async (request) => account.listDevices(sessionOf(request), readDeviceCookie(request, config)),
  );

  app.delete(
    '/api/account/devices/:id',
    { config: { access: 'active' }, schema: { tags, params: uuidParam, response: { 204: z.null() } } },
    async (request, reply) => {
      await account.forgetDevice(sessionOf(request), request.params.id);
      return noContent(reply);
    },
  );
}
