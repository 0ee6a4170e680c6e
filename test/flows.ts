import { Secret, TOTP } from 'otpauth';
import { expect } from 'vitest';
import { createAgencyWithOwner } from '../src/server/features/agencies/provisioning.js';
import type { TestApp, TestClient } from './harness.js';

/** Test people. The NIPs, PESELs and KNF numbers are checksum-valid and belong to no one. */
export const ownerPassword = 'Zielona-Herbata-Pod-Lipa-2026';
export const collaboratorPassword = 'Kot-Na-Parapecie-W-Lodzi-17';

export function totpCode(secret: string, now: Date): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate({
    timestamp: now.getTime(),
  });
}

/** Each second-factor use needs a fresh 30-second step (a code cannot be replayed). */
export function nextTotp(t: TestApp, secret: string): string {
  t.clock.advance(31_000);
  return totpCode(secret, t.clock.now());
}

export async function enrolTotp(t: TestApp, client: TestClient) {
  const start = await client.post('/api/account/totp');
  expect(start.status).toBe(200);
  const { factorId, secret } = start.json<{ factorId: string; secret: string }>();
  const confirm = await client.post('/api/account/totp/confirm', { factorId, code: nextTotp(t, secret) });
  expect(confirm.status).toBe(200);
  const { recoveryCodes, session } = confirm.json<{
    recoveryCodes: string[] | null;
    session: { state: string };
  }>();
  expect(session.state).toBe('active');
  return { secret, recoveryCodes: recoveryCodes ?? [] };
}

export type AgencyFixture = {
  owner: TestClient;
  ownerEmail: string;
  ownerSecret: string;
  recoveryCodes: string[];
  agencyId: string;
};

let agencyCounter = 0;

export async function setupAgency(
  t: TestApp,
  overrides: { name?: string; email?: string } = {},
): Promise<AgencyFixture> {
  agencyCounter++;
  const token = await t.services.setup.issueSetupToken();
  const ownerEmail = overrides.email ?? `wlasciciel${agencyCounter}@agencja-test.pl`;
  const owner = t.client();
  let agencyId: string;
  if (token) {
    const response = await owner.post('/api/setup', {
      token,
      agency: {
        name: overrides.name ?? 'Multiagencja Testowa sp. z o.o.',
        nip: '5242953841',
        regon: '301093951',
      },
      owner: { fullName: 'Anna Właścicielka', email: ownerEmail, password: ownerPassword },
    });
    expect(response.status, response.body).toBe(201);
    agencyId = response.json<{ agency: { id: string } }>().agency.id;
  } else {
    agencyId = await createAgencyDirectly(t, { name: overrides.name ?? 'Druga Agencja', email: ownerEmail });
    const login = await owner.post('/api/auth/login', { email: ownerEmail, password: ownerPassword });
    expect(login.status, login.body).toBe(200);
  }
  const { secret, recoveryCodes } = await enrolTotp(t, owner);
  return { owner, ownerEmail, ownerSecret: secret, recoveryCodes, agencyId };
}

/**
 * A second agency in the same installation. Setup through the link creates only the first one;
 * further agencies come from the CLI, which uses the same service.
 */
async function createAgencyDirectly(t: TestApp, input: { name: string; email: string }): Promise<string> {
  return createAgencyWithOwner(t.platform, {
    agency: { name: input.name, nip: '7261120385' },
    owner: { fullName: 'Bogdan Drugi', email: input.email, password: ownerPassword },
    locale: 'pl',
  });
}

export async function loginWithTotp(
  t: TestApp,
  email: string,
  password: string,
  secret: string,
): Promise<TestClient> {
  const client = t.client();
  const login = await client.post('/api/auth/login', { email, password });
  expect(login.status, login.body).toBe(200);
  expect(login.json<{ state: string }>().state).toBe('second_factor_required');
  const verify = await client.post('/api/auth/second-factor/totp', { code: nextTotp(t, secret) });
  expect(verify.status, verify.body).toBe(200);
  return client;
}

let collaboratorCounter = 0;

export function collaboratorInput(overrides: Record<string, unknown> = {}) {
  collaboratorCounter++;
  return {
    fullName: `Jan Współpracownik ${collaboratorCounter}`,
    email: `jan${collaboratorCounter}@wspolpracownik-test.pl`,
    phone: '600 123 456',
    knfNumber: `${String(11257160 + collaboratorCounter).padStart(8, '0')}/A`,
    nip: '5250007313',
    pesel: '44051401359',
    taxMode: 'invoice',
    ...overrides,
  };
}

/** The invitation code, read where a developer without SMTP reads it: the owner's outbox page. */
export async function latestInvitationCode(owner: TestClient, email: string): Promise<string> {
  const outbox = await owner.get('/api/dev/outbox');
  expect(outbox.status, outbox.body).toBe(200);
  const message = outbox
    .json<{ to: string; template: string; text: string }[]>()
    .find((m) => m.to === email && m.template === 'invitation');
  const code = message?.text.match(/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/)?.[0];
  if (!code) {
    throw new Error(`No invitation code for ${email} in the outbox`);
  }
  return code;
}

export type CollaboratorFixture = {
  client: TestClient;
  collaboratorId: string;
  email: string;
  secret: string;
};

export async function createActiveCollaborator(
  t: TestApp,
  owner: TestClient,
  overrides: Record<string, unknown> = {},
): Promise<CollaboratorFixture> {
  const input = collaboratorInput(overrides);
  const created = await owner.post('/api/collaborators', input);
  expect(created.status, created.body).toBe(201);
  const collaboratorId = created.json<{ id: string }>().id;
  const invited = await owner.post(`/api/collaborators/${collaboratorId}/invitation`);
  expect(invited.status, invited.body).toBe(201);
  const code = await latestInvitationCode(owner, input.email);
  const client = t.client();
  const accepted = await client.post('/api/invitations/accept', {
    email: input.email,
    code,
    password: collaboratorPassword,
  });
  expect(accepted.status, accepted.body).toBe(200);
  expect(accepted.json<{ state: string }>().state).toBe('enrolment_required');
  const { secret } = await enrolTotp(t, client);
  return { client, collaboratorId, email: input.email, secret };
}
