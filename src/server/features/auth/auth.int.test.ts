import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import {
  collaboratorInput,
  latestInvitationCode,
  nextTotp,
  ownerPassword,
  setupAgency,
  totpCode,
  type AgencyFixture,
} from '../../../../test/flows.js';
import {
  callRoute,
  enrolmentRoutes,
  listApiRoutes,
  publicRoutes,
  routeKey,
  secondFactorStepRoutes,
} from '../../../../test/support/api-routes.js';
import { clientFrom, nextAddress } from '../../../../test/support/client-address.js';
import { secondFactors } from '../../db/schema/identity.js';

const minute = 60_000;

async function wrongTotpCode(t: TestApp, secret: string): Promise<string> {
  const right = totpCode(secret, t.clock.now());
  // A code from two hours away is outside the accepted window and never equal to the current one.
  const far = totpCode(secret, new Date(t.clock.now().getTime() + 2 * 3_600_000));
  return far === right ? String((Number(far) + 1) % 1_000_000).padStart(6, '0') : far;
}

describe('setup, login and second factor', () => {
  let t: TestApp;
  let agency: AgencyFixture;

  beforeAll(async () => {
    t = await createTestApp({ env: { TRUST_PROXY: '1' } });
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
    const client = clientFrom(t, nextAddress());
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
    expect(unknown.json()).toMatchObject({ error: { code: 'invalid_credentials' } });
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

  it('refuses a wrong TOTP code and keeps the session waiting for the right one', async () => {
    const client = clientFrom(t, nextAddress());
    await client.post('/api/auth/login', { email: agency.ownerEmail, password: ownerPassword });
    const wrong = await client.post('/api/auth/second-factor/totp', {
      code: await wrongTotpCode(t, agency.ownerSecret),
    });
    expect(wrong.status).toBe(400);
    expect(wrong.json()).toMatchObject({ error: { code: 'invalid_second_factor_code' } });
    expect((await client.get('/api/auth/session')).json()).toMatchObject({ state: 'second_factor_required' });
    const right = await client.post('/api/auth/second-factor/totp', {
      code: nextTotp(t, agency.ownerSecret),
    });
    expect(right.status, right.body).toBe(200);
  });

  it('closes the session after five wrong codes and locks the account, with a warning e-mail', async () => {
    const client = clientFrom(t, nextAddress());
    await client.post('/api/auth/login', { email: agency.ownerEmail, password: ownerPassword });
    const wrongCode = await wrongTotpCode(t, agency.ownerSecret);
    for (let attempt = 1; attempt <= 4; attempt++) {
      const wrong = await client.post('/api/auth/second-factor/totp', { code: wrongCode });
      expect(wrong.json(), `attempt ${attempt}`).toMatchObject({
        error: { code: 'invalid_second_factor_code' },
      });
    }
    const fifth = await client.post('/api/auth/second-factor/totp', { code: wrongCode });
    expect(fifth.status).toBe(401);
    expect(fifth.json()).toMatchObject({ error: { code: 'unauthenticated' } });

    const tooLate = await client.post('/api/auth/second-factor/totp', {
      code: nextTotp(t, agency.ownerSecret),
    });
    expect(tooLate.status).toBe(401);
    expect(tooLate.json()).toMatchObject({ error: { code: 'unauthenticated' } });
    expect((await client.get('/api/auth/session')).json()).toEqual({ state: 'anonymous' });

    // Wrong codes count against the account like wrong passwords: even the right password waits now.
    const locked = await client.post('/api/auth/login', {
      email: agency.ownerEmail,
      password: ownerPassword,
    });
    expect(locked.status).toBe(429);
    expect(locked.json()).toMatchObject({ error: { code: 'account_locked' } });
    t.clock.advance(15 * 60_000 + 1000);
    const again = await client.post('/api/auth/login', { email: agency.ownerEmail, password: ownerPassword });
    expect(again.status, again.body).toBe(200);
    const verified = await client.post('/api/auth/second-factor/totp', {
      code: nextTotp(t, agency.ownerSecret),
    });
    expect(verified.status, verified.body).toBe(200);
    const outbox = (await client.get('/api/dev/outbox')).json<{ to: string; template: string }[]>();
    expect(outbox.some((m) => m.to === agency.ownerEmail && m.template === 'second_factor_failures')).toBe(
      true,
    );
  });

  it('tries no more than five codes on a session, even when they arrive at once', async () => {
    // An owner of their own: the burst locks this account, which the other tests here keep using.
    const burst = await setupAgency(t, { name: 'Agencja Seria', email: 'seria@agencja-test.pl' });
    const client = clientFrom(t, nextAddress());
    await client.post('/api/auth/login', { email: burst.ownerEmail, password: ownerPassword });
    t.clock.advance(31_000);
    const right = totpCode(burst.ownerSecret, t.clock.now());
    const far = new Date(t.clock.now().getTime() + 2 * 3_600_000);
    const wrong = Array.from({ length: 12 }, (_, i) =>
      totpCode(burst.ownerSecret, new Date(far.getTime() + i * 30_000)),
    );
    const responses = await Promise.all(
      [...wrong, right].map((code) => client.post('/api/auth/second-factor/totp', { code })),
    );
    const codes = responses.map((r) => r.json<{ error?: { code: string } }>().error?.code ?? 'ok');
    const judgedWrong = codes.filter((code) => code === 'invalid_second_factor_code').length;
    expect(judgedWrong, codes.join(' ')).toBeLessThanOrEqual(4);
    // Either the right code came among the first five, or the session closed before it.
    if (codes.at(-1) === 'ok') {
      expect(responses.at(-1)?.json()).toMatchObject({ state: 'active' });
    } else {
      const refused = codes.filter((code) => code === 'unauthenticated' || code === 'account_locked');
      expect(refused.length).toBeGreaterThanOrEqual(8);
      expect((await client.get('/api/auth/session')).json()).toEqual({ state: 'anonymous' });
    }
  });

  it('accepts each recovery code once, in any case and without the dash', async () => {
    const [first, second] = agency.recoveryCodes;
    expect(agency.recoveryCodes).toHaveLength(10);
    const client = clientFrom(t, nextAddress());
    await client.post('/api/auth/login', { email: agency.ownerEmail, password: ownerPassword });
    const used = await client.post('/api/auth/second-factor/recovery-code', { code: first });
    expect(used.status, used.body).toBe(200);
    expect(used.json()).toMatchObject({ state: 'active', remainingRecoveryCodes: 9 });

    const other = clientFrom(t, nextAddress());
    await other.post('/api/auth/login', { email: agency.ownerEmail, password: ownerPassword });
    const reused = await other.post('/api/auth/second-factor/recovery-code', { code: first });
    expect(reused.status).toBe(400);
    expect(reused.json()).toMatchObject({ error: { code: 'invalid_recovery_code' } });
    const wrong = await other.post('/api/auth/second-factor/recovery-code', { code: 'ABCDE-FGHJK' });
    expect(wrong.status).toBe(400);
    expect(wrong.json()).toMatchObject({ error: { code: 'invalid_recovery_code' } });
    expect((await other.get('/api/collaborators')).status).toBe(401);

    const relaxed = await other.post('/api/auth/second-factor/recovery-code', {
      code: (second ?? '').toLowerCase().replace('-', ' '),
    });
    expect(relaxed.status, relaxed.body).toBe(200);
    expect(relaxed.json()).toMatchObject({ remainingRecoveryCodes: 8 });
  });

  it('gives a password-only session nothing but the second-factor step, not even a new factor', async () => {
    const client = clientFrom(t, nextAddress());
    await client.post('/api/auth/login', { email: agency.ownerEmail, password: ownerPassword });
    const routes = await listApiRoutes(client);
    const guarded = routes.filter(
      (route) => !publicRoutes.has(routeKey(route)) && !secondFactorStepRoutes.has(routeKey(route)),
    );
    expect(guarded.length).toBeGreaterThan(35);
    const leaks: string[] = [];
    for (const route of guarded) {
      const response = await callRoute(client, route, enrolmentRoutes.get(routeKey(route)));
      const code = response.json<{ error?: { code: string } }>().error?.code;
      if (response.status !== 401 || code !== 'second_factor_required') {
        leaks.push(`${routeKey(route)} → ${response.status} ${code ?? response.body.slice(0, 80)}`);
      }
    }
    expect(leaks).toEqual([]);

    // The attack "stolen password adds its own authenticator": refused, and nothing was added.
    const factorsBefore = await t.platform.db.system((tx) => tx.select().from(secondFactors));
    const enrol = await client.post('/api/account/totp');
    expect(enrol.status).toBe(401);
    expect(enrol.json()).toMatchObject({ error: { code: 'second_factor_required' } });
    const account = await agency.owner.get('/api/account');
    expect(account.json<{ secondFactors: unknown[] }>().secondFactors).toHaveLength(1);
    const factors = await t.platform.db.system((tx) => tx.select().from(secondFactors));
    expect(factors).toHaveLength(factorsBefore.length);
  });

  it('lets a session that must enrol reach only enrolment, logout and its own state', async () => {
    const input = collaboratorInput();
    const created = await agency.owner.post('/api/collaborators', input);
    expect(created.status, created.body).toBe(201);
    const collaboratorId = created.json<{ id: string }>().id;
    expect((await agency.owner.post(`/api/collaborators/${collaboratorId}/invitation`)).status).toBe(201);
    const client = clientFrom(t, nextAddress());
    const accepted = await client.post('/api/invitations/accept', {
      email: input.email,
      code: await latestInvitationCode(agency.owner, input.email),
      password: 'Kot-Na-Parapecie-W-Lodzi-17',
    });
    expect(accepted.json()).toMatchObject({ state: 'enrolment_required' });

    const routes = await listApiRoutes(client);
    const leaks: string[] = [];
    for (const route of routes) {
      const key = routeKey(route);
      if (publicRoutes.has(key) || enrolmentRoutes.has(key) || key === 'POST /api/auth/logout') {
        continue;
      }
      const response = await callRoute(client, route, { code: '123456', response: { id: 'x' } });
      const code = response.json<{ error?: { code: string } }>().error?.code;
      const expected = secondFactorStepRoutes.has(key) ? 'conflict' : 'second_factor_enrolment_required';
      if (code !== expected) {
        leaks.push(`${key} → ${response.status} ${code ?? response.body.slice(0, 80)}`);
      }
    }
    expect(leaks).toEqual([]);
    expect((await client.get('/api/auth/session')).json()).toMatchObject({ state: 'enrolment_required' });
    expect((await client.post('/api/account/totp')).status).toBe(200);
    expect((await client.post('/api/auth/logout')).status).toBe(204);
    expect((await client.get('/api/auth/session')).json()).toEqual({ state: 'anonymous' });
  });

  it('gives the second factor fifteen minutes after the password', async () => {
    const client = clientFrom(t, nextAddress());
    await client.post('/api/auth/login', { email: agency.ownerEmail, password: ownerPassword });
    t.clock.advance(16 * minute);
    const late = await client.post('/api/auth/second-factor/totp', {
      code: totpCode(agency.ownerSecret, t.clock.now()),
    });
    expect(late.status).toBe(401);
    expect(late.json()).toMatchObject({ error: { code: 'session_expired' } });
  });
});

describe('login throttling per account', () => {
  let t: TestApp;
  let agency: AgencyFixture;

  beforeAll(async () => {
    t = await createTestApp({ env: { TRUST_PROXY: '1' } });
    agency = await setupAgency(t);
  });
  afterAll(async () => {
    await t.close();
  });

  async function failLogins(email: string, times: number) {
    for (let i = 0; i < times; i++) {
      const response = await clientFrom(t, nextAddress()).post('/api/auth/login', {
        email,
        password: `zle-haslo-${i}-abcdef`,
      });
      expect(response.json()).toMatchObject({ error: { code: 'invalid_credentials' } });
    }
  }

  it('locks the account after five failures from any address, even against the right password', async () => {
    await failLogins(agency.ownerEmail, 5);
    const locked = await clientFrom(t, nextAddress()).post('/api/auth/login', {
      email: agency.ownerEmail,
      password: ownerPassword,
    });
    expect(locked.status).toBe(429);
    expect(locked.headers['retry-after']).toBe('900');
    expect(locked.json()).toMatchObject({
      error: { code: 'account_locked', details: { retryAfterSeconds: 900 } },
    });

    t.clock.advance(14 * minute);
    const stillLocked = await clientFrom(t, nextAddress()).post('/api/auth/login', {
      email: agency.ownerEmail.toUpperCase(),
      password: ownerPassword,
    });
    expect(stillLocked.status).toBe(429);
    expect(stillLocked.headers['retry-after']).toBe('60');

    t.clock.advance(minute);
    const open = await clientFrom(t, nextAddress()).post('/api/auth/login', {
      email: agency.ownerEmail,
      password: ownerPassword,
    });
    expect(open.status, open.body).toBe(200);
    expect(open.json()).toMatchObject({ state: 'second_factor_required' });
  });

  it('locks an unknown e-mail exactly like a real one', async () => {
    t.clock.advance(20 * minute);
    await failLogins(agency.ownerEmail, 5);
    await failLogins('nikt-taki@agencja-test.pl', 5);
    const real = await clientFrom(t, nextAddress()).post('/api/auth/login', {
      email: agency.ownerEmail,
      password: ownerPassword,
    });
    const unknown = await clientFrom(t, nextAddress()).post('/api/auth/login', {
      email: 'nikt-taki@agencja-test.pl',
      password: ownerPassword,
    });
    expect(real.status).toBe(429);
    expect(unknown.status).toBe(429);
    expect(unknown.headers['retry-after']).toBe(real.headers['retry-after']);
    expect(unknown.body).toBe(real.body);
  });
});

describe('login throttling with configured limits', () => {
  let t: TestApp;
  let agency: AgencyFixture;

  beforeAll(async () => {
    t = await createTestApp({
      env: {
        TRUST_PROXY: '1',
        LOGIN_MAX_FAILURES: '2',
        LOGIN_IP_MAX_FAILURES: '4',
        LOGIN_LOCKOUT_MINUTES: '5',
      },
    });
    agency = await setupAgency(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('limits failures per address across different e-mails (LOGIN_IP_MAX_FAILURES)', async () => {
    const address = nextAddress();
    const client = clientFrom(t, address);
    for (let i = 0; i < 4; i++) {
      const response = await client.post('/api/auth/login', {
        email: `zgadywany${i}@agencja-test.pl`,
        password: 'zle-haslo-123456',
      });
      expect(response.json()).toMatchObject({ error: { code: 'invalid_credentials' } });
    }
    const limited = await client.post('/api/auth/login', {
      email: agency.ownerEmail,
      password: ownerPassword,
    });
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('300');
    expect(limited.json()).toMatchObject({ error: { code: 'rate_limited' } });

    const elsewhere = await clientFrom(t, nextAddress()).post('/api/auth/login', {
      email: agency.ownerEmail,
      password: ownerPassword,
    });
    expect(elsewhere.status, elsewhere.body).toBe(200);

    t.clock.advance(5 * minute);
    const later = await clientFrom(t, address).post('/api/auth/login', {
      email: agency.ownerEmail,
      password: ownerPassword,
    });
    expect(later.status, later.body).toBe(200);
  });

  it('clears the failure count only after a complete login', async () => {
    t.clock.advance(10 * minute);
    const wrong = () =>
      clientFrom(t, nextAddress()).post('/api/auth/login', {
        email: agency.ownerEmail,
        password: 'zle-haslo-123456',
      });
    expect((await wrong()).status).toBe(401);
    const client = clientFrom(t, nextAddress());
    expect(
      (await client.post('/api/auth/login', { email: agency.ownerEmail, password: ownerPassword })).status,
    ).toBe(200);
    const verified = await client.post('/api/auth/second-factor/totp', {
      code: nextTotp(t, agency.ownerSecret),
    });
    expect(verified.status, verified.body).toBe(200);
    expect((await wrong()).status).toBe(401);
    const next = await clientFrom(t, nextAddress()).post('/api/auth/login', {
      email: agency.ownerEmail,
      password: ownerPassword,
    });
    expect(next.status, next.body).toBe(200);
  });

  it('judges no more passwords than the limit when guesses arrive at once', async () => {
    const target = await setupAgency(t, { name: 'Agencja Naraz', email: 'naraz@agencja-test.pl' });
    t.clock.advance(10 * minute);
    const guesses = Array.from({ length: 12 }, (_, i) =>
      clientFrom(t, nextAddress()).post('/api/auth/login', {
        email: target.ownerEmail,
        password: `zgadywane-haslo-${i}`,
      }),
    );
    const codes = (await Promise.all(guesses)).map((r) => r.json<{ error: { code: string } }>().error.code);
    // LOGIN_MAX_FAILURES is 2 here: two guesses are checked, every other one is refused unchecked.
    expect(codes.filter((code) => code === 'invalid_credentials')).toHaveLength(2);
    expect(codes.filter((code) => code === 'account_locked')).toHaveLength(10);
  });

  it('counts wrong second-factor codes against the account: a new password login starts no fresh series', async () => {
    t.clock.advance(10 * minute);
    const first = clientFrom(t, nextAddress());
    expect(
      (await first.post('/api/auth/login', { email: agency.ownerEmail, password: ownerPassword })).status,
    ).toBe(200);
    const wrongCode = await wrongTotpCode(t, agency.ownerSecret);
    const firstAnswer = await first.post('/api/auth/second-factor/totp', { code: wrongCode });
    expect(firstAnswer.json()).toMatchObject({ error: { code: 'invalid_second_factor_code' } });
    // Abandon the session after one wrong code (LOGIN_MAX_FAILURES is 2 here) and start another: the count goes on.
    const second = clientFrom(t, nextAddress());
    expect(
      (await second.post('/api/auth/login', { email: agency.ownerEmail, password: ownerPassword })).status,
    ).toBe(200);
    const answers: string[] = [];
    for (let attempt = 1; attempt <= 2; attempt++) {
      const response = await second.post('/api/auth/second-factor/totp', { code: wrongCode });
      answers.push(response.json<{ error: { code: string } }>().error.code);
    }
    // The second wrong code locks the account and ends the session.
    expect(answers).toEqual(['unauthenticated', 'unauthenticated']);
    const locked = await clientFrom(t, nextAddress()).post('/api/auth/login', {
      email: agency.ownerEmail,
      password: ownerPassword,
    });
    expect(locked.status, locked.body).toBe(429);
    expect(locked.json()).toMatchObject({ error: { code: 'account_locked' } });
  });
});
