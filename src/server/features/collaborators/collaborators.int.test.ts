import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import {
  collaboratorInput,
  collaboratorPassword,
  createActiveCollaborator,
  latestInvitationCode,
  setupAgency,
  type AgencyFixture,
} from '../../../../test/flows.js';
import { clientFrom, nextAddress } from '../../../../test/support/client-address.js';

const pesel = '44051401359';

type Collaborator = {
  id: string;
  fullName: string;
  email: string;
  phone: string | null;
  knfNumber: string;
  nip: string | null;
  pesel?: string | null;
  peselMasked: string | null;
  taxMode: string;
  status: string;
};

type AuditPage = { events: { event: string; targetId: string | null; details: Record<string, unknown> }[] };

describe('collaborators', () => {
  let t: TestApp;
  let agency: AgencyFixture;

  beforeAll(async () => {
    t = await createTestApp({ env: { TRUST_PROXY: '1' } });
    agency = await setupAgency(t);
  });
  afterAll(async () => {
    await t.close();
  });

  async function create(overrides: Record<string, unknown> = {}) {
    const response = await agency.owner.post('/api/collaborators', collaboratorInput(overrides));
    expect(response.status, response.body).toBe(201);
    return response.json<Collaborator>();
  }

  it('creates a collaborator with every field, normalised', async () => {
    const response = await agency.owner.post('/api/collaborators', {
      fullName: '  Teodora Kwiatkowska ',
      email: 'Teodora.Kwiatkowska@Poczta-Test.pl',
      phone: '600 123 456',
      knfNumber: '11223344/a',
      nip: '525-000-73-13',
      pesel: '440514 01359',
      taxMode: 'bill',
    });
    expect(response.status, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      fullName: 'Teodora Kwiatkowska',
      email: 'teodora.kwiatkowska@poczta-test.pl',
      phone: '+48600123456',
      knfNumber: '11223344/A',
      nip: '5250007313',
      pesel,
      peselMasked: '•••••••1359',
      taxMode: 'bill',
      status: 'not_invited',
      invitation: null,
    });
  });

  it.each([
    ['email', 'jan@nowak', 'invalid_email'],
    ['phone', '12-34', 'invalid_phone'],
    ['knfNumber', '1234/A', 'invalid_knf_number'],
    ['nip', '5250007314', 'invalid_nip'],
    ['pesel', '44051401358', 'invalid_pesel'],
  ])('refuses an invalid %s with its own code', async (field, value, code) => {
    const response = await agency.owner.post('/api/collaborators', collaboratorInput({ [field]: value }));
    expect(response.status).toBe(400);
    expect(response.json()).toMatchObject({ error: { code, details: { field } } });
  });

  it('needs a NIP to invoice and a PESEL to be paid against a bill', async () => {
    const invoice = await agency.owner.post(
      '/api/collaborators',
      collaboratorInput({ nip: '', taxMode: 'invoice' }),
    );
    expect(invoice.status).toBe(400);
    expect(invoice.json()).toMatchObject({
      error: { code: 'nip_required_for_invoice', details: { field: 'nip' } },
    });
    const bill = await agency.owner.post(
      '/api/collaborators',
      collaboratorInput({ pesel: undefined, taxMode: 'bill' }),
    );
    expect(bill.status).toBe(400);
    expect(bill.json()).toMatchObject({
      error: { code: 'pesel_required_for_bill', details: { field: 'pesel' } },
    });
    await create({ nip: undefined, taxMode: 'bill' });
    await create({ pesel: undefined, taxMode: 'invoice' });
  });

  it('refuses a duplicate KNF number or e-mail in the agency, not in another one', async () => {
    const first = await create();
    const knf = await agency.owner.post(
      '/api/collaborators',
      collaboratorInput({ knfNumber: first.knfNumber }),
    );
    expect(knf.status).toBe(409);
    expect(knf.json()).toMatchObject({
      error: { code: 'collaborator_duplicate', details: { field: 'knfNumber' } },
    });
    const email = await agency.owner.post(
      '/api/collaborators',
      collaboratorInput({ email: first.email.toUpperCase() }),
    );
    expect(email.status).toBe(409);
    expect(email.json()).toMatchObject({
      error: { code: 'collaborator_duplicate', details: { field: 'email' } },
    });

    const other = await setupAgency(t, { email: 'wlasciciel@agencja-inna.pl', name: 'Agencja Inna' });
    const elsewhere = await other.owner.post(
      '/api/collaborators',
      collaboratorInput({ knfNumber: first.knfNumber, email: first.email }),
    );
    expect(elsewhere.status, elsewhere.body).toBe(201);
    const otherList = (await other.owner.get('/api/collaborators')).json<Collaborator[]>();
    expect(otherList.map((c) => c.id)).toEqual([elsewhere.json<Collaborator>().id]);
  });

  it('never lists a full PESEL, only its last four digits; the detail shows it', async () => {
    const created = await create({ pesel });
    const list = await agency.owner.get('/api/collaborators?status=all');
    expect(list.status).toBe(200);
    expect(list.body).not.toContain(pesel);
    expect(list.body).not.toContain(pesel.slice(0, 6));
    const item = list.json<Collaborator[]>().find((c) => c.id === created.id);
    expect(item?.peselMasked).toBe('•••••••1359');
    expect(item).not.toHaveProperty('pesel');
    const detail = await agency.owner.get(`/api/collaborators/${created.id}`);
    expect(detail.json<Collaborator>().pesel).toBe(pesel);
  });

  it('searches by name, KNF number and e-mail, ignoring case, with % and _ taken literally', async () => {
    const percent = await create({
      fullName: 'Zofia Pewna Na 100% Testowa',
      email: 'zofia.pewna@szukaj-test.pl',
    });
    const underscore = await create({ fullName: 'Adam Nowak Szukany', email: 'adam_nowak@szukaj-test.pl' });
    const other = await create({ fullName: 'Adam Xnowak Szukany', email: 'adamxnowak@szukaj-test.pl' });
    const search = async (q: string) =>
      (await agency.owner.get(`/api/collaborators?q=${encodeURIComponent(q)}`))
        .json<Collaborator[]>()
        .map((c) => c.id);

    expect(await search('PEWNA na')).toEqual([percent.id]);
    expect(await search(percent.knfNumber.slice(0, 8))).toEqual([percent.id]);
    expect(await search(underscore.knfNumber.toLowerCase())).toEqual([underscore.id]);
    expect(await search('ADAM_NOWAK@SZUKAJ')).toEqual([underscore.id]);
    expect(await search('100%')).toEqual([percent.id]);
    expect(await search('%')).toEqual([percent.id]);
    expect(await search('_')).toEqual([underscore.id]);
    expect((await search('szukaj-test.pl')).sort()).toEqual([percent.id, underscore.id, other.id].sort());
    expect(await search('nikogo-takiego')).toEqual([]);
  });

  it('moves from not invited to invited, active and archived', async () => {
    const input = collaboratorInput();
    const created = await agency.owner.post('/api/collaborators', input);
    const id = created.json<Collaborator>().id;
    expect(created.json<Collaborator>().status).toBe('not_invited');
    await agency.owner.post(`/api/collaborators/${id}/invitation`);
    expect((await agency.owner.get(`/api/collaborators/${id}`)).json<Collaborator>().status).toBe('invited');
    const accepted = await clientFrom(t, nextAddress()).post('/api/invitations/accept', {
      email: input.email,
      code: await latestInvitationCode(agency.owner, input.email),
      password: collaboratorPassword,
    });
    expect(accepted.status, accepted.body).toBe(200);
    expect((await agency.owner.get(`/api/collaborators/${id}`)).json<Collaborator>().status).toBe('active');
    const archived = await agency.owner.post(`/api/collaborators/${id}/archive`);
    expect(archived.json<Collaborator>().status).toBe('archived');

    const current = (await agency.owner.get('/api/collaborators')).json<Collaborator[]>().map((c) => c.id);
    expect(current).not.toContain(id);
    const archivedList = (await agency.owner.get('/api/collaborators?status=archived')).json<
      Collaborator[]
    >();
    expect(archivedList.map((c) => c.id)).toContain(id);
    expect(archivedList.every((c) => c.status === 'archived')).toBe(true);
    const update = await agency.owner.patch(`/api/collaborators/${id}`, { phone: '601 000 000' });
    expect(update.status).toBe(409);
    expect(update.json()).toMatchObject({ error: { code: 'collaborator_archived' } });
    const invite = await agency.owner.post(`/api/collaborators/${id}/invitation`);
    expect(invite.json()).toMatchObject({ error: { code: 'collaborator_archived' } });
  });

  it('ends the access of an archived collaborator at once and revokes open invitations', async () => {
    const person = await createActiveCollaborator(t, agency.owner);
    expect((await person.client.get('/api/panel/summary')).status).toBe(200);
    expect((await person.client.get('/api/collaborators')).json()).toMatchObject({
      error: { code: 'forbidden' },
    });

    const pending = collaboratorInput();
    const pendingId = (await agency.owner.post('/api/collaborators', pending)).json<Collaborator>().id;
    const invitation = await agency.owner.post(`/api/collaborators/${pendingId}/invitation`);
    const code = await latestInvitationCode(agency.owner, pending.email);

    expect((await agency.owner.post(`/api/collaborators/${person.collaboratorId}/archive`)).status).toBe(200);
    expect((await agency.owner.post(`/api/collaborators/${pendingId}/archive`)).status).toBe(200);

    const afterArchive = await person.client.get('/api/panel/summary');
    expect(afterArchive.status).toBe(401);
    expect(afterArchive.json()).toMatchObject({ error: { code: 'unauthenticated' } });
    const login = await clientFrom(t, nextAddress()).post('/api/auth/login', {
      email: person.email,
      password: collaboratorPassword,
    });
    expect(login.json()).toMatchObject({ error: { code: 'invalid_credentials' } });

    const invitations = (await agency.owner.get('/api/invitations?status=all')).json<
      { id: string; status: string }[]
    >();
    expect(invitations.find((i) => i.id === invitation.json<{ id: string }>().id)?.status).toBe('revoked');
    const accept = await clientFrom(t, nextAddress()).post('/api/invitations/accept', {
      email: pending.email,
      code,
      password: collaboratorPassword,
    });
    expect(accept.json()).toMatchObject({ error: { code: 'invitation_revoked' } });
  });

  it('records which fields an update changed, without their values', async () => {
    const created = await create({ phone: '600 123 456' });
    const updated = await agency.owner.patch(`/api/collaborators/${created.id}`, {
      phone: '+48 602 111 222',
      email: 'nowy.adres@poczta-test.pl',
      fullName: created.fullName,
    });
    expect(updated.status, updated.body).toBe(200);
    expect(updated.json()).toMatchObject({ phone: '+48602111222', email: 'nowy.adres@poczta-test.pl' });
    const unchanged = await agency.owner.patch(`/api/collaborators/${created.id}`, { phone: '602-111-222' });
    expect(unchanged.status).toBe(200);

    const audit = await agency.owner.get('/api/audit?event=collaborator.updated');
    expect(audit.status, audit.body).toBe(200);
    const events = audit.json<AuditPage>().events.filter((e) => e.targetId === created.id);
    expect(events).toHaveLength(1);
    expect(events[0]?.details).toEqual({ fields: 'email,phone' });
    for (const value of ['602111222', '600123456', 'nowy.adres', created.email]) {
      expect(audit.body).not.toContain(value);
    }
  });

  it('clears an optional field sent as null or empty, keeps one left out, and still checks the tax rules', async () => {
    const created = await create({ phone: '600 123 456', taxMode: 'invoice' });
    const cleared = await agency.owner.patch(`/api/collaborators/${created.id}`, { phone: null, pesel: '' });
    expect(cleared.status, cleared.body).toBe(200);
    expect(cleared.json()).toMatchObject({ phone: null, pesel: null, nip: created.nip });
    const kept = await agency.owner.patch(`/api/collaborators/${created.id}`, { fullName: 'Imię Nazwisko' });
    expect(kept.json()).toMatchObject({ phone: null, nip: created.nip });
    const noNip = await agency.owner.patch(`/api/collaborators/${created.id}`, { nip: null });
    expect(noNip.status).toBe(400);
    expect(noNip.json()).toMatchObject({
      error: { code: 'nip_required_for_invoice', details: { field: 'nip' } },
    });
  });

  it('keeps the payout account, address and self-billing agreement, validated', async () => {
    const created = await agency.owner.post(
      '/api/collaborators',
      collaboratorInput({
        iban: 'pl61 1090 1014 0000 0712 1981 2874',
        address: 'ul. Polna 1, 00-001 Warszawa',
        selfBilling: true,
      }),
    );
    expect(created.status, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      iban: 'PL61109010140000071219812874',
      address: 'ul. Polna 1, 00-001 Warszawa',
      selfBilling: true,
    });
    const id = created.json<{ id: string }>().id;

    const badIban = await agency.owner.patch(`/api/collaborators/${id}`, {
      iban: 'PL61109010140000071219812875',
    });
    expect(badIban.json()).toMatchObject({ error: { code: 'invalid_iban', details: { field: 'iban' } } });

    const billSelfBilling = await agency.owner.post(
      '/api/collaborators',
      collaboratorInput({ taxMode: 'bill', selfBilling: true }),
    );
    expect(billSelfBilling.json()).toMatchObject({ error: { code: 'self_billing_requires_invoice' } });

    // Switching to a bill ends self-billing rather than failing.
    const toBill = await agency.owner.patch(`/api/collaborators/${id}`, { taxMode: 'bill', iban: null });
    expect(toBill.status, toBill.body).toBe(200);
    expect(toBill.json()).toMatchObject({ taxMode: 'bill', selfBilling: false, iban: null });
  });
});
