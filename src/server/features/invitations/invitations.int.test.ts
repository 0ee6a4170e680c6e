import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../../test/harness.js';
import {
  collaboratorInput,
  collaboratorPassword,
  createActiveCollaborator,
  enrolTotp,
  latestInvitationCode,
  nextTotp,
  ownerPassword,
  setupAgency,
  type AgencyFixture,
} from '../../../../test/flows.js';
import { clientFrom, nextAddress } from '../../../../test/support/client-address.js';
import { invitations, memberships } from '../../db/schema/agencies.js';
import { outbox } from '../../db/schema/outbox.js';

const hour = 3_600_000;
const codePattern = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

type Invitation = { id: string; status: string; sentCount: number; expiresAt: string; role: string };

describe('invitations', () => {
  let t: TestApp;
  let agency: AgencyFixture;

  beforeAll(async () => {
    t = await createTestApp({ env: { TRUST_PROXY: '1' } });
    agency = await setupAgency(t);
  });
  afterAll(async () => {
    await t.close();
  });

  /** After the clock jumps hours ahead the owner's own session has timed out: log in again. */
  async function ensureOwner(): Promise<TestClient> {
    const session = await agency.owner.get('/api/auth/session');
    if (session.json<{ state: string }>().state !== 'active') {
      const client = clientFrom(t, nextAddress());
      expect(
        (await client.post('/api/auth/login', { email: agency.ownerEmail, password: ownerPassword })).status,
      ).toBe(200);
      const verified = await client.post('/api/auth/second-factor/totp', {
        code: nextTotp(t, agency.ownerSecret),
      });
      expect(verified.status, verified.body).toBe(200);
      agency.owner = client;
    }
    return agency.owner;
  }

  async function invite(overrides: Record<string, unknown> = {}) {
    const owner = await ensureOwner();
    const input = collaboratorInput(overrides);
    const created = await owner.post('/api/collaborators', input);
    expect(created.status, created.body).toBe(201);
    const collaboratorId = created.json<{ id: string }>().id;
    const invited = await owner.post(`/api/collaborators/${collaboratorId}/invitation`);
    expect(invited.status, invited.body).toBe(201);
    // Each invitation gets its own moment, so "the latest e-mail" is well defined.
    t.clock.advance(1000);
    return {
      email: input.email,
      collaboratorId,
      invitation: invited.json<Invitation>(),
      code: await latestInvitationCode(owner, input.email),
    };
  }

  function accept(email: string, code: string, client: TestClient = clientFrom(t, nextAddress())) {
    return client.post('/api/invitations/accept', { email, code, password: collaboratorPassword });
  }

  it('e-mails a one-time code and stores only its hash', async () => {
    const { email, collaboratorId, invitation, code } = await invite();
    expect(code).toMatch(codePattern);
    expect(invitation).toMatchObject({ status: 'pending', sentCount: 1, role: 'collaborator' });
    expect(new Date(invitation.expiresAt).getTime() - t.clock.now().getTime()).toBe(72 * hour - 1000);
    const outboxPage = await agency.owner.get('/api/dev/outbox');
    const mail = outboxPage
      .json<{ to: string; template: string; subject: string; text: string }[]>()
      .find((m) => m.to === email);
    expect(mail).toMatchObject({ template: 'invitation', subject: 'Zaproszenie do Sejfu' });
    expect(mail?.text).toContain(code);

    const rows = await t.platform.db.system(async (tx) => ({
      invitation: await tx.select().from(invitations).where(eq(invitations.id, invitation.id)),
      outbox: await tx.select().from(outbox).where(eq(outbox.toEmail, email)),
    }));
    expect(rows.invitation).toHaveLength(1);
    expect(rows.outbox).toHaveLength(1);
    for (const row of [...rows.invitation, ...rows.outbox]) {
      const stored = Object.values(row)
        .map((value) =>
          Buffer.isBuffer(value)
            ? [value.toString('latin1'), value.toString('hex'), value.toString('base64')].join('|')
            : String(value),
        )
        .join('|')
        .toUpperCase();
      expect(stored).not.toContain(code);
      expect(stored).not.toContain(code.replaceAll('-', ''));
    }
    const collaborator = await agency.owner.get(`/api/collaborators/${collaboratorId}`);
    expect(collaborator.json()).toMatchObject({ status: 'invited', invitation: { id: invitation.id } });
  });

  it('opens a session that must enrol a second factor, and is used only once', async () => {
    const { email, code, collaboratorId } = await invite();
    const accepted = await accept(email, code);
    expect(accepted.status, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({
      state: 'enrolment_required',
      user: { email },
      agency: { role: 'collaborator', collaboratorId },
    });
    const reused = await accept(email, code);
    expect(reused.status).toBe(410);
    expect(reused.json()).toMatchObject({ error: { code: 'invitation_used' } });
    expect((await agency.owner.get(`/api/collaborators/${collaboratorId}`)).json()).toMatchObject({
      status: 'active',
    });
  });

  it('expires 72 hours after it was sent', async () => {
    const { email, code, invitation } = await invite();
    t.clock.advance(72 * hour - 2000);
    const check = await clientFrom(t, nextAddress()).post('/api/invitations/check', { email, code });
    expect(check.status, check.body).toBe(200);
    expect(check.json()).toMatchObject({ role: 'collaborator', existingAccount: false });
    t.clock.advance(61_000);
    const expired = await accept(email, code);
    expect(expired.status).toBe(410);
    expect(expired.json()).toMatchObject({ error: { code: 'invitation_expired' } });
    const list = (await (await ensureOwner()).get('/api/invitations')).json<Invitation[]>();
    expect(list.find((i) => i.id === invitation.id)?.status).toBe('expired');
  });

  it('refuses a wrong code, and revokes the invitation after five wrong e-mails with its code', async () => {
    const { email, code, invitation } = await invite();
    const client = clientFrom(t, nextAddress());
    const wrongCode = await accept(email, 'ABCD-EFGH-JKMN', client);
    expect(wrongCode.status).toBe(400);
    expect(wrongCode.json()).toMatchObject({ error: { code: 'invitation_invalid' } });
    for (let attempt = 1; attempt <= 5; attempt++) {
      const wrongEmail = await accept(`ktos${attempt}@inny-adres.pl`, code, client);
      expect(wrongEmail.json(), `attempt ${attempt}`).toMatchObject({
        error: { code: 'invitation_invalid' },
      });
      expect(wrongEmail.body).toBe(wrongCode.body);
    }
    const revoked = await accept(email, code);
    expect(revoked.status).toBe(410);
    expect(revoked.json()).toMatchObject({ error: { code: 'invitation_revoked' } });
    const list = (await agency.owner.get('/api/invitations?status=all')).json<Invitation[]>();
    expect(list.find((i) => i.id === invitation.id)?.status).toBe('revoked');
  });

  it('refuses a revoked invitation', async () => {
    const { email, code, invitation } = await invite();
    const revoke = await agency.owner.post(`/api/invitations/${invitation.id}/revoke`);
    expect(revoke.status).toBe(200);
    expect(revoke.json()).toMatchObject({ status: 'revoked' });
    const refused = await accept(email, code);
    expect(refused.status).toBe(410);
    expect(refused.json()).toMatchObject({ error: { code: 'invitation_revoked' } });
    const resend = await agency.owner.post(`/api/invitations/${invitation.id}/resend`);
    expect(resend.json()).toMatchObject({ error: { code: 'invitation_revoked' } });
  });

  it('resends with a new code and a new expiry; the old code stops working', async () => {
    const { email, code, invitation } = await invite();
    t.clock.advance(70 * hour);
    const resent = await (await ensureOwner()).post(`/api/invitations/${invitation.id}/resend`);
    expect(resent.status, resent.body).toBe(200);
    expect(resent.json()).toMatchObject({ status: 'pending', sentCount: 2 });
    expect(new Date(resent.json<Invitation>().expiresAt).getTime()).toBe(t.clock.now().getTime() + 72 * hour);
    t.clock.advance(1000);
    const newCode = await latestInvitationCode(agency.owner, email);
    expect(newCode).not.toBe(code);
    const old = await accept(email, code);
    expect(old.status).toBe(400);
    expect(old.json()).toMatchObject({ error: { code: 'invitation_invalid' } });
    t.clock.advance(3 * hour);
    const accepted = await accept(email, newCode);
    expect(accepted.status, accepted.body).toBe(200);
  });

  it('refuses a second invitation while one is pending, and one for an active collaborator', async () => {
    const { collaboratorId, email, code } = await invite();
    const twice = await agency.owner.post(`/api/collaborators/${collaboratorId}/invitation`);
    expect(twice.status).toBe(409);
    expect(twice.json()).toMatchObject({ error: { code: 'invitation_pending_exists' } });
    expect((await accept(email, code)).status).toBe(200);
    const active = await agency.owner.post(`/api/collaborators/${collaboratorId}/invitation`);
    expect(active.status).toBe(409);
    expect(active.json()).toMatchObject({ error: { code: 'collaborator_already_active' } });
  });

  it('reads the code forgivingly: lower case, spaces and O for zero', async () => {
    const { email, invitation, ...first } = await invite();
    let code = first.code;
    for (let resend = 0; !code.includes('0') && resend < 60; resend++) {
      expect((await agency.owner.post(`/api/invitations/${invitation.id}/resend`)).status).toBe(200);
      t.clock.advance(1000);
      code = await latestInvitationCode(agency.owner, email);
    }
    expect(code).toContain('0');
    const typed = ` ${code.toLowerCase().replaceAll('0', 'o').replaceAll('-', ' ')} `;
    const check = await clientFrom(t, nextAddress()).post('/api/invitations/check', {
      email: ` ${email.toUpperCase()} `,
      code: typed,
    });
    expect(check.status, check.body).toBe(200);
    const accepted = await accept(email.toUpperCase(), typed);
    expect(accepted.status, accepted.body).toBe(200);
  });

  it('limits wrong codes per address', async () => {
    const { email, code } = await invite();
    const guesser = clientFrom(t, nextAddress());
    for (let attempt = 0; attempt < 10; attempt++) {
      const guess = await accept(email, `ABCD-EFGH-${String(1000 + attempt)}`, guesser);
      expect(guess.json(), `attempt ${attempt}`).toMatchObject({ error: { code: 'invitation_invalid' } });
    }
    const limited = await accept(email, code, guesser);
    expect(limited.status).toBe(429);
    expect(limited.json()).toMatchObject({ error: { code: 'rate_limited' } });
    const elsewhere = await accept(email, code);
    expect(elsewhere.status, elsewhere.body).toBe(200);
  });

  it('lets exactly one of two simultaneous acceptances win', async () => {
    const { email, code, collaboratorId } = await invite();
    const results = await Promise.all([accept(email, code), accept(email, code)]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 410]);
    expect(results.find((r) => r.status === 410)?.json()).toMatchObject({
      error: { code: 'invitation_used' },
    });
    const members = await t.platform.db.system((tx) =>
      tx.select().from(memberships).where(eq(memberships.collaboratorId, collaboratorId)),
    );
    expect(members).toHaveLength(1);
  });
});

describe('staff invitations and existing accounts', () => {
  let t: TestApp;
  let agency: AgencyFixture;
  let staff: TestClient;

  beforeAll(async () => {
    t = await createTestApp({ env: { TRUST_PROXY: '1' } });
    agency = await setupAgency(t);
    const invited = await agency.owner.post('/api/invitations/staff', {
      fullName: 'Barbara Księgowa',
      email: 'barbara@agencja-test.pl',
    });
    expect(invited.status, invited.body).toBe(201);
    expect(invited.json()).toMatchObject({ role: 'staff', status: 'pending' });
    staff = clientFrom(t, nextAddress());
    const accepted = await staff.post('/api/invitations/accept', {
      email: 'barbara@agencja-test.pl',
      code: await latestInvitationCode(agency.owner, 'barbara@agencja-test.pl'),
      password: 'Ksiegi-Rachunkowe-Na-Strychu-4',
    });
    expect(accepted.json()).toMatchObject({ state: 'enrolment_required', agency: { role: 'staff' } });
    await enrolTotp(t, staff);
  });
  afterAll(async () => {
    await t.close();
  });

  it('lets only the owner invite and manage staff', async () => {
    const byStaff = await staff.post('/api/invitations/staff', {
      fullName: 'Cezary Nowy',
      email: 'cezary@agencja-test.pl',
    });
    expect(byStaff.status).toBe(403);
    expect(byStaff.json()).toMatchObject({ error: { code: 'forbidden' } });

    const staffInvitation = (
      await agency.owner.post('/api/invitations/staff', {
        fullName: 'Cezary Nowy',
        email: 'cezary@agencja-test.pl',
      })
    ).json<Invitation>();
    const collaborator = collaboratorInput();
    const created = await staff.post('/api/collaborators', collaborator);
    const collaboratorInvitation = (
      await staff.post(`/api/collaborators/${created.json<{ id: string }>().id}/invitation`)
    ).json<Invitation>();

    const seenByStaff = (await staff.get('/api/invitations?status=all'))
      .json<Invitation[]>()
      .map((i) => i.id);
    expect(seenByStaff).toContain(collaboratorInvitation.id);
    expect(seenByStaff).not.toContain(staffInvitation.id);
    const seenByOwner = (await agency.owner.get('/api/invitations')).json<Invitation[]>().map((i) => i.id);
    expect(seenByOwner).toEqual(expect.arrayContaining([staffInvitation.id, collaboratorInvitation.id]));

    for (const action of ['resend', 'revoke']) {
      const response = await staff.post(`/api/invitations/${staffInvitation.id}/${action}`);
      expect(response.status, action).toBe(404);
      expect(response.json()).toMatchObject({ error: { code: 'not_found' } });
    }
    expect((await staff.post(`/api/invitations/${collaboratorInvitation.id}/resend`)).status).toBe(200);
    expect((await agency.owner.post(`/api/invitations/${staffInvitation.id}/revoke`)).status).toBe(200);
  });

  it('asks an existing Sejf account for its own password and adds a membership', async () => {
    const person = await createActiveCollaborator(t, agency.owner);
    const second = await setupAgency(t, {
      email: 'wlasciciel-drugiej@agencja-druga.pl',
      name: 'Agencja Druga',
    });
    const created = await second.owner.post('/api/collaborators', collaboratorInput({ email: person.email }));
    expect(created.status, created.body).toBe(201);
    const invited = await second.owner.post(
      `/api/collaborators/${created.json<{ id: string }>().id}/invitation`,
    );
    expect(invited.status, invited.body).toBe(201);
    const code = await latestInvitationCode(second.owner, person.email);

    const client = clientFrom(t, nextAddress());
    const check = await client.post('/api/invitations/check', { email: person.email, code });
    expect(check.json()).toMatchObject({ agencyName: 'Agencja Druga', existingAccount: true });
    const newPassword = await client.post('/api/invitations/accept', {
      email: person.email,
      code,
      password: 'Zupelnie-Nowe-Haslo-Do-Sejfu-8',
    });
    expect(newPassword.status).toBe(401);
    expect(newPassword.json()).toMatchObject({ error: { code: 'invalid_credentials' } });

    const accepted = await client.post('/api/invitations/accept', {
      email: person.email,
      code,
      password: collaboratorPassword,
    });
    expect(accepted.status, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ state: 'second_factor_required' });
    const verified = await client.post('/api/auth/second-factor/totp', { code: nextTotp(t, person.secret) });
    expect(verified.status, verified.body).toBe(200);
    expect(verified.json()).toMatchObject({
      state: 'active',
      agency: { id: second.agencyId, role: 'collaborator' },
      memberships: [{ agencyName: 'Agencja Druga' }, { agencyName: 'Multiagencja Testowa sp. z o.o.' }],
    });
    expect((await person.client.get('/api/panel/summary')).status).toBe(200);
  });

  it('counts wrong passwords at acceptance against the account like wrong logins', async () => {
    const person = await createActiveCollaborator(t, agency.owner);
    const third = await setupAgency(t, {
      email: 'wlasciciel-trzeciej@agencja-trzecia.pl',
      name: 'Agencja Trzecia',
    });
    const created = await third.owner.post('/api/collaborators', collaboratorInput({ email: person.email }));
    await third.owner.post(`/api/collaborators/${created.json<{ id: string }>().id}/invitation`);
    const code = await latestInvitationCode(third.owner, person.email);
    for (let attempt = 0; attempt < 5; attempt++) {
      const guess = await clientFrom(t, nextAddress()).post('/api/invitations/accept', {
        email: person.email,
        code,
        password: `Zgadywane-Haslo-Numer-${attempt}`,
      });
      expect(guess.json(), `attempt ${attempt}`).toMatchObject({ error: { code: 'invalid_credentials' } });
    }
    const locked = await clientFrom(t, nextAddress()).post('/api/auth/login', {
      email: person.email,
      password: collaboratorPassword,
    });
    expect(locked.status, locked.body).toBe(429);
    expect(locked.json()).toMatchObject({ error: { code: 'account_locked' } });
    const lockedAcceptance = await clientFrom(t, nextAddress()).post('/api/invitations/accept', {
      email: person.email,
      code,
      password: collaboratorPassword,
    });
    expect(lockedAcceptance.status).toBe(429);
    expect(lockedAcceptance.json()).toMatchObject({ error: { code: 'account_locked' } });
  });
});
