import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import {
  nextTotp,
  ownerPassword,
  setupAgency,
  totpCode,
  type AgencyFixture,
} from '../../../../test/flows.js';

describe('setup, login and second factor', () => {
  let t: TestApp;
  let agency: AgencyFixture;

  beforeAll(async () => {
    t = await createTestApp();
    agency = await setupAgency(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers the session state at every step of a login', async () => {
    const client = t.client();
    expect((await client.get('/api/auth/session')).json()).toEqual({ state: 'anonymous' });
    const login = await client.post('/api/auth/login', { email: agency.ownerEmail, password: ownerPassword });
    expect(login.status).toBe(200);
    expect(login.json()).toMatchObject({
      state: 'second_factor_required',
      methods: ['totp', 'recovery_code'],
    });
    const blocked = await client.get('/api/collaborators');
    expect(blocked.status).toBe(401);
    expect(blocked.json()).toMatchObject({ error: { code: 'second_factor_required' } });
    const verified = await client.post('/api/auth/second-factor/totp', {
      code: nextTotp(t, agency.ownerSecret),
    });
    expect(verified.status, verified.body).toBe(200);
    expect(verified.json()).toMatchObject({ state: 'active', agency: { role: 'owner' } });
    expect((await client.get('/api/collaborators')).status).toBe(200);
  });

  it('gives the same answer for an unknown e-mail and a wrong password', async () => {
    const client = t.client();
    const unknown = await client.post('/api/auth/login', {
      email: 'nikt@nigdzie.pl',
      password: ownerPassword,
    });
    const wrong = await client.post('/api/auth/login', {
      email: agency.ownerEmail,
      password: 'zle-haslo-123456',
    });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
  });

  it('refuses a replayed TOTP code', async () => {
    const client = t.client();
    await client.post('/api/auth/login', { email: agency.ownerEmail, password: ownerPassword });
    t.clock.advance(31_000);
    const code = totpCode(agency.ownerSecret, t.clock.now());
    expect((await client.post('/api/auth/second-factor/totp', { code })).status).toBe(200);
    const second = t.client();
    await second.post('/api/auth/login', { email: agency.ownerEmail, password: ownerPassword });
    const replay = await second.post('/api/auth/second-factor/totp', { code });
    expect(replay.status).toBe(400);
    expect(replay.json()).toMatchObject({ error: { code: 'second_factor_code_reused' } });
  });
});
