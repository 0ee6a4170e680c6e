import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient, type TestResponse } from '../../../../test/harness.js';
import { nextTotp, ownerPassword, setupAgency, type AgencyFixture } from '../../../../test/flows.js';
import { clientFrom, fromAddress, nextAddress } from '../../../../test/support/client-address.js';
import { outbox } from '../../db/schema/outbox.js';

const minute = 60_000;
const cookieName = '__Host-sejf_session';
const firefoxOnAndroid = 'Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0';

function setCookies(response: TestResponse): string[] {
  const header = response.headers['set-cookie'];
  return header === undefined ? [] : Array.isArray(header) ? header : [header];
}

function sessionCookie(response: TestResponse): string | undefined {
  return setCookies(response).find((cookie) => cookie.startsWith(`${cookieName}=`));
}

/** A client that presents a given session token, as someone who copied the cookie would. */
function clientWithToken(t: TestApp, token: string): TestClient {
  const client = t.client();
  client.cookies.set(cookieName, token);
  return client;
}

async function countMails(t: TestApp, to: string, template: string): Promise<number> {
  const rows = await t.platform.db.system((tx) =>
    tx
      .select()
      .from(outbox)
      .where(and(eq(outbox.toEmail, to), eq(outbox.template, template))),
  );
  return rows.length;
}

type SessionItem = { id: string; current: boolean; device: string; ip: string | null };

describe('sessions', () => {
  let t: TestApp;
  let agency: AgencyFixture;

  beforeAll(async () => {
    t = await createTestApp({ env: { TRUST_PROXY: '1' } });
    agency = await setupAgency(t);
  });
  afterAll(async () => {
    await t.close();
  });

  async function login(client: TestClient, password = ownerPassword): Promise<void> {
    const response = await client.post('/api/auth/login', { email: agency.ownerEmail, password });
    expect(response.status, response.body).toBe(200);
    const verified = await client.post('/api/auth/second-factor/totp', {
      code: nextTotp(t, agency.ownerSecret),
    });
    expect(verified.status, verified.body).toBe(200);
  }

  it('sets a __Host- cookie: HttpOnly, Secure, SameSite=Strict, Path=/, no Domain', async () => {
    const client = clientFrom(t, nextAddress());
    const response = await client.post('/api/auth/login', {
      email: agency.ownerEmail,
      password: ownerPassword,
    });
    const cookie = sessionCookie(response);
    expect(cookie).toBeDefined();
    const attributes = (cookie ?? '')
      .split(';')
      .slice(1)
      .map((part) => part.trim().toLowerCase());
    expect(attributes).toEqual(expect.arrayContaining(['httponly', 'secure', 'samesite=strict', 'path=/']));
    expect(attributes.some((attribute) => attribute.startsWith('domain'))).toBe(false);
    // It ends with the browser as well as on the server.
    expect(
      attributes.some((attribute) => attribute.startsWith('max-age') || attribute.startsWith('expires')),
    ).toBe(false);
  });

  it('keeps only a keyed hash of each session token, and passwords as argon2id hashes', async () => {
    const client = clientFrom(t, nextAddress());
    await client.post('/api/auth/login', { email: agency.ownerEmail, password: ownerPassword });
    const token = client.cookies.get(cookieName) ?? '';
    expect(token.length).toBeGreaterThanOrEqual(43);
    const rows = await t.platform.db.executeSql(
      "select id, encode(token_hash, 'hex') as token_hash, encode(token_hash, 'escape') as raw from sessions",
    );
    const stored = JSON.stringify(rows.rows);
    expect(stored).not.toContain(token);
    expect(stored).not.toContain(Buffer.from(token, 'base64url').toString('hex'));
    const users = await t.platform.db.executeSql('select password_hash from users where email = $1', [
      agency.ownerEmail,
    ]);
    const [user] = users.rows as { password_hash: string }[];
    expect(user?.password_hash).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/);
    expect(user?.password_hash).not.toContain(ownerPassword);
  });

  it('changes the session token when the second factor is verified (no fixation)', async () => {
    const client = clientFrom(t, nextAddress());
    await client.post('/api/auth/login', { email: agency.ownerEmail, password: ownerPassword });
    const before = client.cookies.get(cookieName);
    expect(before).toBeDefined();
    const verified = await client.post('/api/auth/second-factor/totp', {
      code: nextTotp(t, agency.ownerSecret),
    });
    expect(sessionCookie(verified)).toBeDefined();
    const after = client.cookies.get(cookieName);
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    expect((await client.get('/api/collaborators')).status).toBe(200);
    const planted = await clientWithToken(t, before ?? '').get('/api/collaborators');
    expect(planted.status).toBe(401);
    expect(planted.json()).toMatchObject({ error: { code: 'unauthenticated' } });
  });

  it('clears the cookie at logout, and the old token no longer works', async () => {
    const client = clientFrom(t, nextAddress());
    await login(client);
    const token = client.cookies.get(cookieName) ?? '';
    const logout = await client.post('/api/auth/logout');
    expect(logout.status).toBe(204);
    const cleared = sessionCookie(logout) ?? '';
    expect(cleared).toMatch(new RegExp(`^${cookieName}=;`));
    expect(cleared.toLowerCase()).toMatch(/expires=thu, 01 jan 1970|max-age=0/);
    expect(client.cookies.has(cookieName)).toBe(false);
    const reused = await clientWithToken(t, token).get('/api/collaborators');
    expect(reused.status).toBe(401);
    expect(reused.json()).toMatchObject({ error: { code: 'unauthenticated' } });
  });

  it('ends after 30 minutes without activity, and activity keeps it alive', async () => {
    const client = clientFrom(t, nextAddress());
    await login(client);
    for (let i = 0; i < 3; i++) {
      t.clock.advance(29 * minute);
      expect((await client.get('/api/collaborators')).status, `after ${29 * (i + 1)} min`).toBe(200);
    }
    t.clock.advance(31 * minute);
    const expired = await client.get('/api/collaborators');
    expect(expired.status).toBe(401);
    expect(expired.json()).toMatchObject({ error: { code: 'session_expired' } });
    expect((await client.get('/api/collaborators')).json()).toMatchObject({
      error: { code: 'unauthenticated' },
    });
  });

  it('ends after 12 hours even with constant activity', async () => {
    const client = clientFrom(t, nextAddress());
    await login(client);
    const loggedInAt = t.clock.now().getTime();
    let lastOk = 0;
    for (;;) {
      t.clock.advance(25 * minute);
      const response = await client.get('/api/collaborators');
      if (response.status !== 200) {
        expect(response.status).toBe(401);
        expect(response.json()).toMatchObject({ error: { code: 'session_expired' } });
        break;
      }
      lastOk = t.clock.now().getTime() - loggedInAt;
    }
    expect(lastOk).toBeLessThan(12 * 60 * minute);
    expect(lastOk).toBeGreaterThan(11 * 60 * minute);
  });

  it('lists the sessions with device and address, marks the current one and revokes one', async () => {
    const laptop = clientFrom(t, '203.0.113.10');
    await login(laptop);
    const phone = fromAddress(t.client(), '203.0.113.20');
    const phoneLogin = await phone.post(
      '/api/auth/login',
      { email: agency.ownerEmail, password: ownerPassword },
      { headers: { 'user-agent': firefoxOnAndroid } },
    );
    expect(phoneLogin.status).toBe(200);
    await phone.post(
      '/api/auth/second-factor/totp',
      { code: nextTotp(t, agency.ownerSecret) },
      { headers: { 'user-agent': firefoxOnAndroid } },
    );

    const list = (await laptop.get('/api/account/sessions')).json<SessionItem[]>();
    const current = list.filter((session) => session.current);
    expect(current).toHaveLength(1);
    expect(current[0]).toMatchObject({ ip: '203.0.113.10', device: 'Chrome 131 · Linux' });
    const phoneSession = list.find((session) => session.ip === '203.0.113.20');
    expect(phoneSession).toMatchObject({ current: false, device: 'Firefox 133 · Android' });

    const revoked = await laptop.delete(`/api/account/sessions/${phoneSession?.id ?? ''}`);
    expect(revoked.status).toBe(204);
    const after = await phone.get('/api/collaborators');
    expect(after.status).toBe(401);
    expect(after.json()).toMatchObject({ error: { code: 'unauthenticated' } });
    expect((await laptop.get('/api/collaborators')).status).toBe(200);
    const again = await laptop.delete(`/api/account/sessions/${phoneSession?.id ?? ''}`);
    expect(again.status).toBe(404);
  });

  it('does not list sessions that have already timed out', async () => {
    const idle = clientFrom(t, nextAddress());
    await login(idle);
    const active = clientFrom(t, nextAddress());
    await login(active);
    t.clock.advance(20 * minute);
    expect((await active.get('/api/collaborators')).status).toBe(200);
    t.clock.advance(20 * minute);
    const list = (await active.get('/api/account/sessions')).json<SessionItem[]>();
    expect(list).toHaveLength(1);
    expect(list[0]?.current).toBe(true);
  });

  it('revokes all other sessions, or all including the current one', async () => {
    const first = clientFrom(t, nextAddress());
    const second = clientFrom(t, nextAddress());
    const third = clientFrom(t, nextAddress());
    for (const client of [first, second, third]) {
      await login(client);
    }
    const others = await first.post('/api/account/sessions/revoke-all', { includeCurrent: false });
    expect(others.status).toBe(200);
    expect(others.json<{ revoked: number }>().revoked).toBeGreaterThanOrEqual(2);
    expect((await second.get('/api/collaborators')).status).toBe(401);
    expect((await third.get('/api/collaborators')).status).toBe(401);
    expect((await first.get('/api/account/sessions')).json<SessionItem[]>()).toHaveLength(1);

    const all = await first.post('/api/account/sessions/revoke-all', { includeCurrent: true });
    expect(all.json()).toEqual({ revoked: 1 });
    expect(first.cookies.has(cookieName)).toBe(false);
    const token = sessionCookie(all);
    expect(token).toMatch(new RegExp(`^${cookieName}=;`));
    expect((await first.get('/api/collaborators')).status).toBe(401);
    // The owner fixture's own session was among the others.
    expect((await agency.owner.get('/api/collaborators')).status).toBe(401);
    agency.owner = clientFrom(t, nextAddress());
    await login(agency.owner);
  });

  it('revokes the current session by id and clears its cookie', async () => {
    const client = clientFrom(t, nextAddress());
    await login(client);
    const list = (await client.get('/api/account/sessions')).json<SessionItem[]>();
    const current = list.find((session) => session.current);
    const response = await client.delete(`/api/account/sessions/${current?.id ?? ''}`);
    expect(response.status).toBe(204);
    expect(client.cookies.has(cookieName)).toBe(false);
    expect((await client.get('/api/collaborators')).status).toBe(401);
  });

  it('sends a new-device alert for a login from another browser, not for a returning one', async () => {
    const email = 'nowe-urzadzenie@agencja-test.pl';
    const other = await setupAgency(t, { email, name: 'Agencja Urządzeń' });
    const signIn = async (client: TestClient) => {
      const response = await client.post('/api/auth/login', { email, password: ownerPassword });
      expect(response.status, response.body).toBe(200);
      expect(
        (await client.post('/api/auth/second-factor/totp', { code: nextTotp(t, other.ownerSecret) })).status,
      ).toBe(200);
    };
    // The browser the owner enrolled in is already known: a login from any other one alerts.
    const home = clientFrom(t, nextAddress());
    await signIn(home);
    expect(home.cookies.has('__Host-sejf_device')).toBe(true);
    expect(await countMails(t, email, 'new_device_login')).toBe(1);

    expect((await home.post('/api/auth/logout')).status).toBe(204);
    await signIn(home);
    expect(await countMails(t, email, 'new_device_login')).toBe(1);

    await signIn(clientFrom(t, nextAddress()));
    expect(await countMails(t, email, 'new_device_login')).toBe(2);
    await signIn(home);
    expect(await countMails(t, email, 'new_device_login')).toBe(2);
    await signIn(other.owner);
    expect(await countMails(t, email, 'new_device_login')).toBe(2);
  });
});

describe('password change', () => {
  let t: TestApp;
  let agency: AgencyFixture;

  beforeAll(async () => {
    t = await createTestApp({ env: { TRUST_PROXY: '1' } });
    agency = await setupAgency(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('ends every other session, retires the old password and sends a notice', async () => {
    const other = clientFrom(t, nextAddress());
    expect(
      (await other.post('/api/auth/login', { email: agency.ownerEmail, password: ownerPassword })).status,
    ).toBe(200);
    await other.post('/api/auth/second-factor/totp', { code: nextTotp(t, agency.ownerSecret) });
    const pending = clientFrom(t, nextAddress());
    await pending.post('/api/auth/login', { email: agency.ownerEmail, password: ownerPassword });

    const wrongCurrent = await agency.owner.post('/api/account/password', {
      currentPassword: 'to-nie-jest-moje-haslo',
      newPassword: 'Nowe-Haslo-Do-Sejfu-Z-Ogrodem-9',
    });
    expect(wrongCurrent.json()).toMatchObject({ error: { code: 'current_password_wrong' } });

    const tokenBefore = agency.owner.cookies.get(cookieName);
    const changed = await agency.owner.post('/api/account/password', {
      currentPassword: ownerPassword,
      newPassword: 'Nowe-Haslo-Do-Sejfu-Z-Ogrodem-9',
    });
    expect(changed.status, changed.body).toBe(200);
    expect(changed.json()).toEqual({ revoked: 2 });
    // This browser goes on under a new token; a copy of the old cookie is logged out like every other session.
    expect(agency.owner.cookies.get(cookieName)).not.toBe(tokenBefore);
    expect((await agency.owner.get('/api/collaborators')).status).toBe(200);
    expect((await clientWithToken(t, tokenBefore ?? '').get('/api/collaborators')).status).toBe(401);
    expect((await other.get('/api/collaborators')).status).toBe(401);
    expect((await pending.get('/api/auth/session')).json()).toEqual({ state: 'anonymous' });
    expect(await countMails(t, agency.ownerEmail, 'password_changed')).toBe(1);

    const old = await clientFrom(t, nextAddress()).post('/api/auth/login', {
      email: agency.ownerEmail,
      password: ownerPassword,
    });
    expect(old.json()).toMatchObject({ error: { code: 'invalid_credentials' } });
    const fresh = await clientFrom(t, nextAddress()).post('/api/auth/login', {
      email: agency.ownerEmail,
      password: 'Nowe-Haslo-Do-Sejfu-Z-Ogrodem-9',
    });
    expect(fresh.status, fresh.body).toBe(200);
  });
});
