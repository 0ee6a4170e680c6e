import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.js';

describe('health, readiness, public settings, API description and metrics', () => {
  let t: TestApp;
  const token = 'metrics-token-for-the-test-0123456789';

  beforeAll(async () => {
    t = await createTestApp({ env: { METRICS_TOKEN: token, UPLOAD_MAX_BYTES: '1048576' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers liveness and readiness', async () => {
    expect((await t.client().get('/api/health')).json()).toEqual({ status: 'ok' });
    const ready = await t.client().get('/api/ready');
    expect(ready.status).toBe(200);
    expect(ready.json()).toEqual({
      status: 'ready',
      checks: { database: 'ok', storage: 'ok', virusScanner: 'disabled' },
    });
  });

  it('reports not ready, with what failed, while the file storage cannot be written', async () => {
    const files = path.join(t.dataDir, 'files');
    fs.renameSync(files, `${files}.away`);
    try {
      const down = await t.client().get('/api/ready');
      expect(down.status).toBe(503);
      expect(down.json()).toEqual({
        status: 'not_ready',
        checks: { database: 'ok', storage: 'failed', virusScanner: 'disabled' },
      });
    } finally {
      fs.renameSync(`${files}.away`, files);
    }
    expect((await t.client().get('/api/ready')).status).toBe(200);
  });

  it('tells the web app its limits', async () => {
    const config = (await t.client().get('/api/config')).json();
    expect(config).toMatchObject({
      uploadMaxBytes: 1048576,
      devOutbox: true,
      virusScanning: false,
      sessionIdleMinutes: 30,
    });
    expect(config.allowedExtensions).toEqual(['pdf', 'xml', 'png', 'jpg', 'jpeg', 'xlsx', 'csv']);
  });

  it('publishes OpenAPI 3.1 with every route and a browsable reference', async () => {
    const spec = (await t.client().get('/api/openapi.json')).json<{
      openapi: string;
      paths: Record<string, unknown>;
    }>();
    expect(spec.openapi).toBe('3.1.0');
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/api/documents', '/api/auth/login', '/api/audit']),
    );
    const docs = await t.client().get('/api/docs/');
    expect(docs.status).toBe(200);
    expect(docs.body).toContain('swagger');
    expect(docs.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
  });

  it('serves Prometheus metrics only with the token', async () => {
    expect((await t.client().get('/metrics')).status).toBe(404);
    expect((await t.client().get('/metrics', { headers: { authorization: 'Bearer wrong' } })).status).toBe(
      404,
    );
    const metrics = await t.client().get('/metrics', { headers: { authorization: `Bearer ${token}` } });
    expect(metrics.status).toBe(200);
    expect(metrics.body).toContain('sejf_http_requests_total');
    expect(metrics.body).toContain('route="/api/health"');
  });

  it('answers an unknown API path with the error shape', async () => {
    const unknown = await t.client().get('/api/nie-ma-takiej-trasy');
    expect(unknown.status).toBe(404);
    expect(unknown.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});
