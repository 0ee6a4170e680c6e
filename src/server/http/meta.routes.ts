import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { healthSchema, publicConfigSchema, readinessSchema } from '../../shared/api/meta.js';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import type { Platform } from '../platform.js';
import { allowedTypes } from '../uploads/inspection.js';
import type { ZodApp } from './zod-app.js';

/** Liveness, readiness (database and storage reachable), public settings and Prometheus metrics. */
export function registerMetaRoutes(
  app: ZodApp,
  deps: Pick<Platform, 'db' | 'storage' | 'scanner' | 'mail'> & { config: Config; version: string },
): void {
  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      logLevel: 'warn',
      schema: { tags: ['meta'], response: { 200: healthSchema } },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/api/ready',
    {
      config: { access: 'public' },
      logLevel: 'warn',
      schema: { tags: ['meta'], response: { 200: readinessSchema, 503: readinessSchema } },
    },
    async (_request, reply) => {
      const probe = async (check: () => Promise<void>) => {
        try {
          await check();
          return 'ok' as const;
        } catch {
          return 'failed' as const;
        }
      };
      const checks = {
        database: await probe(() => deps.db.ping()),
        storage: await probe(() => deps.storage.check()),
        virusScanner:
          deps.scanner.kind === 'none' ? ('disabled' as const) : await probe(() => deps.scanner.ping()),
      };
      const ready = checks.database === 'ok' && checks.storage === 'ok' && checks.virusScanner !== 'failed';
      return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', checks });
    },
  );

  app.get(
    '/api/config',
    { config: { access: 'public' }, schema: { tags: ['meta'], response: { 200: publicConfigSchema } } },
    async () => ({
      version: deps.version,
      uploadMaxBytes: deps.config.uploads.maxBytes,
      uploadMaxFiles: deps.config.uploads.maxFiles,
      allowedExtensions: Object.values(allowedTypes).flatMap((type) => [...type.extensions]),
      devOutbox: deps.mail.kind === 'outbox',
      virusScanning: deps.scanner.kind !== 'none',
      sessionIdleMinutes: deps.config.sessions.idleMinutes,
    }),
  );
}

/**
 * Prometheus metrics at /metrics, only with `Authorization: Bearer $METRICS_TOKEN`; without a
 * configured token the endpoint does not exist.
 */
export function registerMetrics(app: FastifyInstance, config: Pick<Config, 'metricsToken'>): void {
  const token = config.metricsToken;
  if (!token) {
    return;
  }
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'sejf_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'sejf_http_request_duration_seconds',
    help: 'HTTP request duration',
    labelNames: ['method', 'route'],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({ method: request.method, route, status: reply.statusCode });
    duration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });
  app.get('/metrics', { config: { access: 'public' }, logLevel: 'warn' }, async (request, reply) => {
    const presented = Buffer.from(request.headers.authorization ?? '');
    const expected = Buffer.from(`Bearer ${token}`);
    if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) {
      throw new AppError('not_found', 'Not found');
    }
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}
