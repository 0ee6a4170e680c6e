import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { TestClient } from '../harness.js';

export type ApiRoute = { method: string; path: string; url: string };

/** Every documented API route, from the OpenAPI document, with its path parameters filled in. */
export async function listApiRoutes(client: TestClient): Promise<ApiRoute[]> {
  const response = await client.get('/api/openapi.json');
  expect(response.status).toBe(200);
  const spec = response.json<{ paths: Record<string, Record<string, unknown>> }>();
  return Object.entries(spec.paths).flatMap(([path, operations]) =>
    Object.keys(operations).map((method) => ({
      method: method.toUpperCase(),
      path,
      url: path.replace(/\{[^}]+\}/g, () => randomUUID()),
    })),
  );
}

/** Routes anyone may call, without a session. */
export const publicRoutes = new Set([
  'GET /api/health',
  'GET /api/ready',
  'GET /api/config',
  'GET /api/auth/session',
  'POST /api/auth/login',
  'GET /api/setup/status',
  'POST /api/setup',
  'POST /api/invitations/check',
  'POST /api/invitations/accept',
]);

/** The login step after the password: reachable by a session that still needs its second factor. */
export const secondFactorStepRoutes = new Set([
  'POST /api/auth/logout',
  'POST /api/auth/second-factor/totp',
  'POST /api/auth/second-factor/recovery-code',
  'POST /api/auth/second-factor/passkey/options',
  'POST /api/auth/second-factor/passkey',
]);

/** Adding a second factor, with bodies that pass validation so that the service decides. */
export const enrolmentRoutes = new Map<string, unknown>([
  ['POST /api/account/totp', {}],
  ['POST /api/account/totp/confirm', { factorId: randomUUID(), code: '123456' }],
  ['POST /api/account/passkeys/options', {}],
  ['POST /api/account/passkeys', { response: { id: 'x' } }],
]);

export function routeKey(route: Pick<ApiRoute, 'method' | 'path'>): string {
  return `${route.method} ${route.path}`;
}

export async function callRoute(client: TestClient, route: ApiRoute, body?: unknown) {
  return route.method === 'GET' || route.method === 'DELETE'
    ? client.request(route.method, route.url)
    : client.request(route.method, route.url, { body: body ?? {} });
}
