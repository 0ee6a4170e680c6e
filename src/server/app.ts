import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { addMinutes } from './clock.js';
import type { Config } from './config.js';
import { AppError } from './errors.js';
import { registerAgencyRoutes } from './features/agencies/agencies.routes.js';
import { createAgencyService } from './features/agencies/agencies.service.js';
import { createDashboardService } from './features/agencies/dashboard.service.js';
import { createSetupService } from './features/agencies/setup.service.js';
import { registerAuditRoutes } from './features/audit/audit.routes.js';
import { createAuditService } from './features/audit/audit.service.js';
import { registerAccountRoutes } from './features/auth/account.routes.js';
import { createAccountService } from './features/auth/account.service.js';
import { registerAuthRoutes } from './features/auth/auth.routes.js';
import { createAttemptGuard } from './features/auth/attempt-guard.js';
import { createLoginService } from './features/auth/login.service.js';
import { createPasskeyService } from './features/auth/passkeys.service.js';
import { createSecondFactorService } from './features/auth/second-factors.service.js';
import { createSessionService } from './features/auth/sessions.service.js';
import { registerCollaboratorRoutes } from './features/collaborators/collaborators.routes.js';
import { createCollaboratorService } from './features/collaborators/collaborators.service.js';
import { createDocumentStore } from './features/documents/document-store.js';
import { registerDocumentRoutes } from './features/documents/documents.routes.js';
import { createDocumentService } from './features/documents/documents.service.js';
import { registerInvitationRoutes } from './features/invitations/invitations.routes.js';
import { registerImportRoutes } from './features/imports/imports.routes.js';
import { createImportService } from './features/imports/imports.service.js';
import { registerPeriodRoutes } from './features/settlements/periods.routes.js';
import { createPeriodService } from './features/settlements/periods.service.js';
import { registerStatementRoutes } from './features/settlements/statements.routes.js';
import { createStatementService } from './features/settlements/statements.service.js';
import { createGeneratedDocuments } from './features/documents/generated-documents.js';
import { createRenderPool } from './features/statements/render/render-pool.js';
import { registerInvoiceRoutes } from './features/invoices/invoices.routes.js';
import { createInvoiceService } from './features/invoices/invoices.service.js';
import { registerReportRoutes } from './features/reports/reports.routes.js';
import { createReportService } from './features/reports/reports.service.js';
import { registerRuleRoutes } from './features/settlements/rules.routes.js';
import { createRuleService } from './features/settlements/rules.service.js';
import { registerInsurerRoutes } from './features/insurers/insurers.routes.js';
import { createInsurerService } from './features/insurers/insurers.service.js';
import { createInvitationService } from './features/invitations/invitations.service.js';
import { createNotificationService } from './features/notifications/notifications.service.js';
import { registerErrorHandler } from './http/error-handler.js';
import { registerMetaRoutes, registerMetrics } from './http/meta.routes.js';
import { registerOriginCheck, registerSecurityHeaders } from './http/security.js';
import { registerSessionHook } from './http/session-hook.js';
import { registerTextGuard } from './http/text-guard.js';
import { asZodApp } from './http/zod-app.js';
import type { JobHandlers } from './jobs/jobs.js';
import { readPackageVersion, webRoot } from './paths.js';
import type { Platform } from './platform.js';

/** An upload untouched this long is abandoned (a crash or a dropped connection). */
const abandonedUploadMinutes = 60;

/** Every feature's service, built once from the platform; wiring stays visible in one place. */
export function createServices(platform: Platform) {
  const { config, db, clock, keyring, logger, storage, scanner, mail, jobs } = platform;
  const audit = createAuditService({ clock, db });
  const notifications = createNotificationService({
    db,
    keyring,
    transport: mail,
    config,
    clock,
    logger,
    requestDelivery: () => {
      jobs.trigger('mail.deliver');
    },
  });
  const sessions = createSessionService({ db, keyring, clock, config, audit });
  const passkeys = createPasskeyService({ db, clock, config });
  const attempts = createAttemptGuard({ db, clock, config });
  const login = createLoginService({
    db,
    keyring,
    clock,
    audit,
    attempts,
    sessions,
    passkeys,
    notifications,
  });
  const secondFactors = createSecondFactorService({
    db,
    keyring,
    clock,
    audit,
    sessions,
    passkeys,
    notifications,
    login,
  });
  const account = createAccountService({
    db,
    keyring,
    clock,
    audit,
    secondFactors,
    notifications,
    login,
    sessions,
  });
  const setup = createSetupService({ db, keyring, clock, audit, sessions });
  const agencies = createAgencyService({ db, clock, audit });
  const collaborators = createCollaboratorService({ db, clock, audit });
  const insurers = createInsurerService({ db, clock, audit, collaborators });
  const invitations = createInvitationService({
    db,
    keyring,
    clock,
    config,
    audit,
    sessions,
    login,
    attempts,
    notifications,
    collaborators,
  });
  const store = createDocumentStore({
    db,
    storage,
    keyring,
    scanner,
    clock,
    config,
    audit,
    notifications,
    collaborators,
    logger,
  });
  const imports = createImportService({
    db,
    storage,
    keyring,
    scanner,
    clock,
    config,
    audit,
    insurers,
    logger,
  });
  const rules = createRuleService({ db, clock, audit, collaborators, insurers });
  const periods = createPeriodService({ db, clock, audit, collaborators });
  const generated = createGeneratedDocuments({ db, storage, keyring, clock, logger });
  const renderer = createRenderPool({ threads: config.renderThreads });
  const statements = createStatementService({ db, clock, audit, generated, notifications, renderer, logger });
  const invoices = createInvoiceService({ db, clock, audit, store, generated, notifications });
  const reports = createReportService({ db, clock });
  const documents = createDocumentService({ db, storage, clock, audit, store, logger });
  const dashboard = createDashboardService({ clock, collaborators, documents, invitations });
  const jobHandlers: JobHandlers = {
    'mail.deliver': () => notifications.deliverPending(),
    'uploads.cleanup': async () => {
      await documents.cleanupAbandonedUploads(addMinutes(clock.now(), -abandonedUploadMinutes));
      await documents.deleteShreddedBlobs();
      await imports.recoverInterrupted(addMinutes(clock.now(), -abandonedUploadMinutes));
      await statements.generatePending();
    },
  };
  return {
    audit,
    notifications,
    sessions,
    passkeys,
    login,
    secondFactors,
    account,
    setup,
    agencies,
    collaborators,
    insurers,
    imports,
    rules,
    periods,
    statements,
    invoices,
    reports,
    invitations,
    store,
    documents,
    dashboard,
    jobHandlers,
  };
}

export type Services = ReturnType<typeof createServices>;

async function registerWebApp(app: FastifyInstance): Promise<void> {
  const hasWebApp = fs.existsSync(path.join(webRoot, 'index.html'));
  if (hasWebApp) {
    await app.register(fastifyStatic, {
      root: webRoot,
      wildcard: true,
      // "/" is the app itself; every other page path falls through to index.html below.
      index: 'index.html',
      setHeaders(reply, filePath) {
        void reply.header(
          'cache-control',
          filePath.includes(`${path.sep}assets${path.sep}`)
            ? 'public, max-age=31536000, immutable'
            : 'no-cache',
        );
      },
    });
  }
  app.setNotFoundHandler(async (request, reply) => {
    const isRead = request.method === 'GET' || request.method === 'HEAD';
    const wantsPage = isRead && !request.url.startsWith('/api/') && request.url !== '/metrics';
    if (wantsPage && hasWebApp) {
      return reply
        .header('cache-control', 'no-cache')
        .type('text/html; charset=utf-8')
        .sendFile('index.html');
    }
    throw new AppError(
      'not_found',
      hasWebApp || !wantsPage ? 'Not found' : 'The web app is not built: run npm run build',
    );
  });
}

/** A hop count becomes "trust the nearest N hops", as proxy-addr counts them. */
function trustProxyOption(
  trust: Config['trustProxy'],
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust !== 'number') {
    return trust;
  }
  return (_address, hop) => hop < trust;
}

export type BuildAppOptions = { https?: { cert: Buffer; key: Buffer } | undefined };

export async function buildApp(
  platform: Platform,
  services: Services = createServices(platform),
  options: BuildAppOptions = {},
): Promise<FastifyInstance> {
  const { config } = platform;
  const app = Fastify({
    loggerInstance: platform.logger,
    trustProxy: trustProxyOption(config.trustProxy),
    genReqId: () => randomUUID(),
    bodyLimit: 1024 * 1024,
    ...(options.https ? { https: options.https } : {}),
  }) as unknown as FastifyInstance;
  // An empty body with a JSON content type (a bodyless POST from fetch) means "no body"; anything
  // else goes to Fastify's own parser, which also refuses __proto__ and constructor poisoning.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    void parseJson(request, text, done);
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);

  await app.register(cookie);
  await registerSecurityHeaders(app, config);
  registerOriginCheck(app, config);
  registerTextGuard(app);
  await app.register(rateLimit, { global: true, max: 600, timeWindow: '1 minute' });
  await app.register(multipart, {
    limits: { fileSize: config.uploads.maxBytes, files: config.uploads.maxFiles },
    throwFileSizeLimit: true,
    // Keep the name exactly as sent, so that a name with a path is refused rather than silently cut.
    preservePath: true,
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Sejf API',
        version: readPackageVersion(),
        description:
          'Errors are `{ "error": { "code", "message", "details" } }` with a stable code. State-changing requests must ' +
          'carry an Origin header of this server. Authentication is the __Host-sejf_session cookie.',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    // swagger-ui's own policy upgrades every request to https, which breaks the page on http://localhost.
    transformStaticCSP: (header) =>
      config.publicUrl.protocol === 'https:' ? header : header.replace(/\s*upgrade-insecure-requests;?/, ''),
  });
  registerSessionHook(app, { sessions: services.sessions, config });
  // Background parses and statement renderings finish before the database and storage go away.
  app.addHook('onClose', async () => {
    await services.imports.settled();
    await services.statements.shutdown();
  });

  const api = asZodApp(app);
  api.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  registerMetaRoutes(api, { ...platform, config, version: readPackageVersion() });
  registerMetrics(app, config);
  registerAuthRoutes(api, { sessions: services.sessions, login: services.login, config });
  registerAccountRoutes(api, { ...services, config });
  registerAgencyRoutes(api, { ...services, config });
  registerCollaboratorRoutes(api, services);
  registerInsurerRoutes(api, services);
  registerImportRoutes(api, { ...services, config });
  registerRuleRoutes(api, services);
  registerPeriodRoutes(api, services);
  registerStatementRoutes(api, services);
  registerInvoiceRoutes(api, { ...services, config });
  registerReportRoutes(api, services);
  registerInvitationRoutes(api, { ...services, config });
  registerDocumentRoutes(api, { ...services, config });
  registerAuditRoutes(api, services);
  await registerWebApp(app);
  return app;
}
