import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import {
  collaboratorInput,
  enrolTotp,
  latestInvitationCode,
  ownerPassword,
  setupAgency,
  type AgencyFixture,
} from '../../../../test/flows.js';
import { clientFrom, nextAddress } from '../../../../test/support/client-address.js';

const ownerEmail = 'anna.wlascicielka@agencja-bursztyn.pl';

function setupBody(token: string, overrides: { agency?: object; owner?: object } = {}) {
  return {
    token,
    agency: {
      name: 'Agencja Bursztyn sp. z o.o.',
      nip: '5242953841',
      regon: '301093951',
      ...overrides.agency,
    },
    owner: { fullName: 'Anna Właścicielka', email: ownerEmail, password: ownerPassword, ...overrides.owner },
  };
}

/** Passwords every policy check must refuse, with the code it gives. */
const refusedPasswords: [string, string, string[]][] = [
  ['shorter than 12 characters', 'Kr0tk1e-Ha$', ['password_too_short']],
  ['a common password', 'password1234', ['password_too_common', 'password_too_weak']],
  ['a keyboard walk', 'qwertyuiop12', ['password_too_common', 'password_too_weak']],
];

describe('first setup', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { TRUST_PROXY: '1' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('says setup is required and refuses a wrong token', async () => {
    const client = clientFrom(t, nextAddress());
    expect((await client.get('/api/setup/status')).json()).toEqual({ setupRequired: true });
    await t.services.setup.issueSetupToken();
    const wrong = await client.post('/api/setup', setupBody('to-nie-jest-prawdziwy-token'));
    expect(wrong.status).toBe(403);
    expect(wrong.json()).toMatchObject({ error: { code: 'setup_token_invalid' } });
  });

  it('accepts only the newest token when one was issued twice', async () => {
    const older = await t.services.setup.issueSetupToken();
    const newer = await t.services.setup.issueSetupToken();
    expect(older).not.toBeNull();
    expect(newer).not.toBe(older);
    const response = await clientFrom(t, nextAddress()).post('/api/setup', setupBody(older ?? ''));
    expect(response.status).toBe(403);
    expect(response.json()).toMatchObject({ error: { code: 'setup_token_invalid' } });
  });

  it('refuses an invalid NIP or REGON, naming the field', async () => {
    const token = (await t.services.setup.issueSetupToken()) ?? '';
    const nip = await clientFrom(t, nextAddress()).post(
      '/api/setup',
      setupBody(token, { agency: { nip: '5242953842' } }),
    );
    expect(nip.status).toBe(400);
    expect(nip.json()).toMatchObject({ error: { code: 'invalid_nip', details: { field: 'agency.nip' } } });
    const regon = await clientFrom(t, nextAddress()).post(
      '/api/setup',
      setupBody(token, { agency: { regon: '301093952' } }),
    );
    expect(regon.status).toBe(400);
    expect(regon.json()).toMatchObject({
      error: { code: 'invalid_regon', details: { field: 'agency.regon' } },
    });
    const email = await clientFrom(t, nextAddress()).post(
      '/api/setup',
      setupBody(token, { owner: { email: 'anna@' } }),
    );
    expect(email.json()).toMatchObject({
      error: { code: 'invalid_email', details: { field: 'owner.email' } },
    });
  });

  it.each([
    ...refusedPasswords,
    ['the e-mail address itself', ownerEmail, ['password_too_weak']],
    ['the name without Polish letters', 'Anna-Wlascicielka-1', ['password_too_weak']],
    ['the agency name', 'Agencja-Bursztyn-2026', ['password_too_weak']],
  ])('refuses an owner password that is %s', async (_what, password, codes) => {
    const token = (await t.services.setup.issueSetupToken()) ?? '';
    const response = await clientFrom(t, nextAddress()).post(
      '/api/setup',
      setupBody(token, { owner: { password } }),
    );
    expect(response.status).toBe(400);
    expect(codes).toContain(response.json<{ error: { code: string } }>().error.code);
  });

  it('creates the agency once, with a session that must enrol a second factor', async () => {
    const token = (await t.services.setup.issueSetupToken()) ?? '';
    const client = clientFrom(t, nextAddress());
    const created = await client.post('/api/setup', setupBody(token));
    expect(created.status, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      state: 'enrolment_required',
      user: { email: ownerEmail, fullName: 'Anna Właścicielka' },
      agency: { name: 'Agencja Bursztyn sp. z o.o.', role: 'owner' },
    });
    expect(client.cookies.has('__Host-sejf_session')).toBe(true);
    expect((await client.get('/api/agency')).json()).toMatchObject({
      error: { code: 'second_factor_enrolment_required' },
    });
    expect((await client.get('/api/setup/status')).json()).toEqual({ setupRequired: false });
    const setupToken = client.cookies.get('__Host-sejf_session') ?? '';
    const { recoveryCodes } = await enrolTotp(t, client);
    expect(recoveryCodes).toHaveLength(10);
    expect(client.cookies.get('__Host-sejf_session')).not.toBe(setupToken);
    expect((await client.get('/api/agency')).status).toBe(200);
    const planted = t.client();
    planted.cookies.set('__Host-sejf_session', setupToken);
    expect((await planted.get('/api/agency')).json()).toMatchObject({ error: { code: 'unauthenticated' } });

    const again = await clientFrom(t, nextAddress()).post(
      '/api/setup',
      setupBody(token, { owner: { email: 'ktos@inny.pl' } }),
    );
    expect(again.status).toBe(409);
    expect(again.json()).toMatchObject({ error: { code: 'setup_already_done' } });
    expect(await t.services.setup.issueSetupToken()).toBeNull();
    const guessed = await clientFrom(t, nextAddress()).post(
      '/api/setup',
      setupBody('zgadniety-token-1234567'),
    );
    expect(guessed.json()).toMatchObject({ error: { code: 'setup_already_done' } });
  });
});

describe('password policy when accepting an invitation and changing a password', () => {
  let t: TestApp;
  let agency: AgencyFixture;

  beforeAll(async () => {
    t = await createTestApp({ env: { TRUST_PROXY: '1' } });
    agency = await setupAgency(t, { name: 'Agencja Bursztyn sp. z o.o.' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses weak passwords at acceptance and keeps the invitation usable', async () => {
    const input = collaboratorInput({
      fullName: 'Grzegorz Brzęczyszczykiewicz',
      email: 'g.brzeczyszczykiewicz@poczta.pl',
    });
    const created = await agency.owner.post('/api/collaborators', input);
    const id = created.json<{ id: string }>().id;
    expect((await agency.owner.post(`/api/collaborators/${id}/invitation`)).status).toBe(201);
    const code = await latestInvitationCode(agency.owner, input.email);
    const client = clientFrom(t, nextAddress());
    const cases: [string, string[]][] = [
      ...refusedPasswords.map(([, password, codes]): [string, string[]] => [password, codes]),
      ['g.brzeczyszczykiewicz@poczta.pl', ['password_too_weak']],
      ['Brzeczyszczykiewicz-77', ['password_too_weak']],
      ['Grzegorz-Bursztyn-1', ['password_too_weak']],
    ];
    for (const [password, codes] of cases) {
      const response = await client.post('/api/invitations/accept', { email: input.email, code, password });
      expect(response.status, password).toBe(400);
      expect(codes, password).toContain(response.json<{ error: { code: string } }>().error.code);
    }
    const accepted = await client.post('/api/invitations/accept', {
      email: input.email,
      code,
      password: 'Kot-Na-Parapecie-W-Lodzi-17',
    });
    expect(accepted.status, accepted.body).toBe(200);
  });

  it('refuses weak passwords when changing one', async () => {
    const cases: [string, string[]][] = [
      ...refusedPasswords.map(([, password, codes]): [string, string[]] => [password, codes]),
      [agency.ownerEmail, ['password_too_weak']],
      ['Wlascicielka.Anna.2026', ['password_too_weak']],
    ];
    for (const [password, codes] of cases) {
      const response = await agency.owner.post('/api/account/password', {
        currentPassword: ownerPassword,
        newPassword: password,
      });
      expect(response.status, password).toBe(400);
      expect(codes, password).toContain(response.json<{ error: { code: string } }>().error.code);
    }
    const same = await agency.owner.post('/api/account/password', {
      currentPassword: ownerPassword,
      newPassword: ownerPassword,
    });
    expect(same.json()).toMatchObject({ error: { code: 'validation_failed' } });
    const accepted = await agency.owner.post('/api/account/password', {
      currentPassword: ownerPassword,
      newPassword: 'Joanna-Pije-Herbate-Pod-Lipa',
    });
    expect(accepted.status, accepted.body).toBe(200);
  });
});
