import { desc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions as sessionsTable } from '../db/schema/identity.js';
import { createTestApp, publicUrl, type TestApp, type TestResponse } from '../../../test/harness.js';
import { collaboratorInput, ownerPassword, setupAgency, type AgencyFixture } from '../../../test/flows.js';
import { documentUpload, samplePdf } from '../../../test/multipart.js';

function expectPageHeaders(response: TestResponse): void {
  const csp = String(response.headers['content-security-policy']);
  const directives = csp.split(';').map((directive) => directive.trim());
  expect(directives).toEqual(
    expect.arrayContaining(["default-src 'self'", "script-src 'self'", "frame-ancestors 'none'"]),
  );
  expect(csp).not.toMatch(/script-src[^;]*(unsafe-inline|unsafe-eval|\*)/);
  expect(response.headers['x-content-type-options']).toBe('nosniff');
  expect(response.headers['referrer-policy']).toBe('no-referrer');
}

describe('origin check and security headers over http://localhost', () => {
  let t: TestApp;
  let agency: AgencyFixture;

  beforeAll(async () => {
    t = await createTestApp();
    agency = await setupAgency(t);
  });
  afterAll(async () => {
    await t.close();
  });

  const login = { email: 'nikt@agencja-test.pl', password: ownerPassword };

  it('refuses a state-changing request without Origin or Sec-Fetch-Site', async () => {
    const response = await t.client().post('/api/auth/login', login, { noOrigin: true });
    expect(response.status).toBe(403);
    expect(response.json()).toMatchObject({ error: { code: 'origin_mismatch' } });
  });

  it.each(['https://evil.example', 'http://localhost:3000.evil.example', 'http://localhost:3001', 'null'])(
    'refuses the foreign Origin %s, whatever Sec-Fetch-Site says',
    async (origin) => {
      const response = await t.client().post('/api/auth/login', login, {
        headers: { origin, 'sec-fetch-site': 'same-origin' },
      });
      expect(response.status).toBe(403);
      expect(response.json()).toMatchObject({ error: { code: 'origin_mismatch' } });
    },
  );

  it('accepts Sec-Fetch-Site: same-origin when a browser sends no Origin', async () => {
    const sameOrigin = await t.client().post('/api/auth/login', login, {
      noOrigin: true,
      headers: { 'sec-fetch-site': 'same-origin' },
    });
    expect(sameOrigin.json()).toMatchObject({ error: { code: 'invalid_credentials' } });
    const crossSite = await t.client().post('/api/auth/login', login, {
      noOrigin: true,
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    expect(crossSite.json()).toMatchObject({ error: { code: 'origin_mismatch' } });
  });

  it('protects a logged-in session from a cross-site request, and leaves reads alone', async () => {
    const sessions = await agency.owner.get('/api/account/sessions', {
      headers: { origin: 'https://evil.example' },
    });
    expect(sessions.status).toBe(200);
    const [current] = sessions.json<{ id: string }[]>();
    const revoke = await agency.owner.delete(`/api/account/sessions/${current?.id ?? ''}`, {
      headers: { origin: 'https://evil.example' },
    });
    expect(revoke.status).toBe(403);
    expect(revoke.json()).toMatchObject({ error: { code: 'origin_mismatch' } });
    const create = await agency.owner.post('/api/collaborators', {}, { noOrigin: true });
    expect(create.json()).toMatchObject({ error: { code: 'origin_mismatch' } });
    expect((await agency.owner.get('/api/collaborators', { noOrigin: true })).status).toBe(200);
    expect((await t.client().get('/api/auth/session', { noOrigin: true })).status).toBe(200);
  });

  it('sends the security headers and no-store on API responses, and no HSTS over http', async () => {
    for (const response of [
      await t.client().get('/api/health'),
      await agency.owner.get('/api/collaborators'),
    ]) {
      expect(response.status).toBe(200);
      expectPageHeaders(response);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers['strict-transport-security']).toBeUndefined();
    }
    const error = await t.client().get('/api/collaborators');
    expect(error.status).toBe(401);
    expectPageHeaders(error);
    expect(error.headers['cache-control']).toBe('no-store');
  });

  it('sends the security headers on the page address too', async () => {
    const page = await t.client().get('/');
    expectPageHeaders(page);
    expect(page.headers['strict-transport-security']).toBeUndefined();
    expect(String(page.headers['content-security-policy'])).not.toContain('upgrade-insecure-requests');
  });
});

describe('security headers over https', () => {
  const httpsUrl = 'https://sejf.example.pl';
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { PUBLIC_URL: httpsUrl } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('adds HSTS to API responses and pages', async () => {
    for (const url of ['/api/health', '/']) {
      const response = await t.client().get(url);
      expectPageHeaders(response);
      expect(response.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    }
  });

  it('sets the __Host- Secure cookie and checks the https origin', async () => {
    const token = (await t.services.setup.issueSetupToken()) ?? '';
    const body = {
      token,
      agency: { name: 'Agencja Https sp. z o.o.', nip: '5242953841' },
      owner: { fullName: 'Anna Właścicielka', email: 'wlasciciel@https-test.pl', password: ownerPassword },
    };
    const wrongOrigin = await t.client().post('/api/setup', body);
    expect(publicUrl).not.toBe(httpsUrl);
    expect(wrongOrigin.json()).toMatchObject({ error: { code: 'origin_mismatch' } });
    const created = await t.client().post('/api/setup', body, { headers: { origin: httpsUrl } });
    expect(created.status, created.body).toBe(201);
    const cookies = ([] as string[]).concat(created.headers['set-cookie'] ?? []);
    const session = cookies.find((cookie) => cookie.startsWith('__Host-sejf_session='));
    expect(session).toBeDefined();
    const attributes = (session ?? '').split(';').map((part) => part.trim().toLowerCase());
    expect(attributes).toEqual(expect.arrayContaining(['secure', 'httponly', 'samesite=strict', 'path=/']));
    expect(attributes.some((attribute) => attribute.startsWith('domain'))).toBe(false);
  });
});

describe('client addresses behind a proxy', () => {
  async function sessionIp(trustProxy: string, forwardedFor: string): Promise<string | null> {
    const t = await createTestApp({ env: { TRUST_PROXY: trustProxy } });
    try {
      const agency = await setupAgency(t);
      t.clock.advance(60_000);
      const client = t.client();
      await client.post(
        '/api/auth/login',
        { email: agency.ownerEmail, password: ownerPassword },
        { headers: { 'x-forwarded-for': forwardedFor } },
      );
      const [latest] = await t.platform.db.system((tx) =>
        tx.select().from(sessionsTable).orderBy(desc(sessionsTable.createdAt)).limit(1),
      );
      return latest?.ip ?? null;
    } finally {
      await t.close();
    }
  }

  it('believes only the hop the proxy added, not addresses the client wrote itself', async () => {
    expect(await sessionIp('1', '198.51.100.66, 203.0.113.9')).toBe('203.0.113.9');
  });

  it('ignores X-Forwarded-For entirely when no proxy is trusted', async () => {
    expect(await sessionIp('false', '203.0.113.9')).toBe('127.0.0.1');
  });
});

describe('text that cannot be stored as written', () => {
  let t: TestApp;
  let agency: AgencyFixture;

  beforeAll(async () => {
    t = await createTestApp();
    agency = await setupAgency(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it.each([
    ['a NUL character', 'Jan\u0000Kowalski'],
    ['a lone surrogate', 'Jan \ud800 Kowalski'],
  ])(
    'refuses %s with a clear error, stores nothing and keeps the audit chain intact',
    async (_label, fullName) => {
      const response = await agency.owner.post('/api/collaborators', collaboratorInput({ fullName }));
      expect(response.status).toBe(400);
      expect(response.json()).toMatchObject({
        error: {
          code: 'validation_failed',
          details: { issues: [{ path: 'body.fullName', code: 'invalid_characters' }] },
        },
      });
      expect((await agency.owner.get('/api/collaborators')).json<unknown[]>()).toHaveLength(0);
      const reports = await t.services.audit.verifyAll();
      expect(reports.every((report) => report.failure === null)).toBe(true);
    },
  );

  it('refuses it in the fields of an upload too', async () => {
    const created = await agency.owner.post('/api/collaborators', collaboratorInput());
    const body = documentUpload(
      created.json<{ id: string }>().id,
      [{ fileName: 'a.pdf', content: samplePdf() }],
      {
        title: 'Rozliczenie\u0000',
      },
    );
    const response = await agency.owner.request('POST', '/api/documents', {
      payload: body.payload,
      headers: { 'content-type': body.contentType },
    });
    expect(response.status).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'validation_failed' } });
  });
});

describe('a path written with percent-encoding', () => {
  let t: TestApp;
  let agency: AgencyFixture;

  beforeAll(async () => {
    t = await createTestApp();
    agency = await setupAgency(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('goes through the origin check and the access check like the plain one', async () => {
    const login = await t
      .client()
      .post('/%61pi/auth/login', { email: agency.ownerEmail, password: ownerPassword }, { noOrigin: true });
    expect(login.json()).toMatchObject({ error: { code: 'origin_mismatch' } });
    const account = await agency.owner.get('/%61pi/account');
    expect(account.status, account.body).toBe(200);
    const anonymous = await t.client().get('/%61pi/account');
    expect(anonymous.json()).toMatchObject({ error: { code: 'unauthenticated' } });
    const collaborators = await t.client().get('/api/%63ollaborators');
    expect(collaborators.json()).toMatchObject({ error: { code: 'unauthenticated' } });
  });
});
