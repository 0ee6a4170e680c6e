import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createActiveCollaborator,
  setupAgency,
  type AgencyFixture,
  type CollaboratorFixture,
} from '../../../../test/flows.js';
import { createTestApp, type TestApp, type TestClient } from '../../../../test/harness.js';
import { multipartBody, samplePdf } from '../../../../test/multipart.js';
import { importStatement, insurerId, pzuStatement } from '../../../../test/settlements.js';
import { writeFa3Invoice } from './ksef/fa3-writer.js';

type Invoice = {
  id: string;
  kind: string;
  status: string;
  number: string;
  amount: number;
  findings: { field: string; severity: string }[];
  files: { fileName: string }[];
  differenceReason: string | null;
};
type ErrorBody = {
  error: { code: string; details?: { findings?: { field: string }[] } & Record<string, unknown> };
};
type Summary = { id: string; collaboratorId: string; amountDue: number; status: string };

function sendInvoice(
  client: TestClient,
  url: string,
  fields: Record<string, string>,
  file: { name: string; content: Buffer },
) {
  const body = multipartBody([
    ...Object.entries(fields).map(([name, value]) => ({ kind: 'field' as const, name, value })),
    { kind: 'file', name: 'file', fileName: file.name, content: file.content },
  ]);
  return client.request('POST', url, {
    payload: body.payload,
    headers: { 'content-type': body.contentType },
  });
}

function fa3(total: number, overrides: { sellerNip?: string } = {}) {
  return Buffer.from(
    writeFa3Invoice({
      seller: {
        nip: overrides.sellerNip ?? '5250007313',
        name: 'Jan Kowalski Usługi',
        address: { line1: 'ul. Polna 1, 00-001 Warszawa', countryCode: 'PL' },
      },
      buyer: {
        nip: '5242953841',
        name: 'Multiagencja Testowa sp. z o.o.',
        address: { line1: 'ul. Długa 2, 00-002 Warszawa', countryCode: 'PL' },
      },
      number: 'FV/11/2026',
      issueDate: '2026-12-02',
      periodFrom: '2026-11-01',
      periodTo: '2026-11-30',
      lines: [{ name: 'Pośrednictwo ubezpieczeniowe 11/2026', amount: total }],
      total,
      isSelfBilling: false,
      createdAt: new Date('2026-12-02T10:00:00Z'),
    }),
  );
}

describe('invoices and bills against statements', () => {
  let t: TestApp;
  let a: AgencyFixture;
  let jan: CollaboratorFixture;
  let ola: CollaboratorFixture;
  let iza: CollaboratorFixture;
  const statementOf = async (person: CollaboratorFixture) =>
    (await person.client.get('/api/panel/statements')).json<Summary[]>()[0] as Summary;

  beforeAll(async () => {
    t = await createTestApp();
    a = await setupAgency(t);
    await a.owner.patch('/api/agency', { address: 'ul. Długa 2, 00-002 Warszawa' });
    jan = await createActiveCollaborator(t, a.owner, { fullName: 'Jan Kowalski' });
    ola = await createActiveCollaborator(t, a.owner, { fullName: 'Ola Rachunek', taxMode: 'bill' });
    iza = await createActiveCollaborator(t, a.owner, {
      fullName: 'Iza Samofaktura',
      selfBilling: true,
      address: 'ul. Krótka 3, 00-003 Warszawa',
    });
    const pzu = await insurerId(a.owner, 'PZU');
    for (const [person, code] of [
      [jan, 'J1'],
      [ola, 'O1'],
      [iza, 'I1'],
    ] as const) {
      await a.owner.post('/api/agent-codes', { insurerId: pzu, collaboratorId: person.collaboratorId, code });
    }
    await a.owner.post('/api/rules', { basis: 'agency_commission', rate: '50' });
    await importStatement(t, a.owner, {
      insurerId: pzu,
      fileName: 'Raport_prowizji_11.csv',
      content: pzuStatement(
        (['J1', 'O1', 'I1'] as const).map((agent, index) => ({
          policy: `PZU/30${index}`,
          holder: 'Klient Testowy',
          product: 'OC',
          premium: '1 000,00',
          commission: '246,90',
          date: '10.11.2026',
          agent,
        })),
      ),
    });
    let period = (await a.owner.post('/api/periods', { month: '2026-11' })).json<{
      id: string;
      revision: number;
    }>();
    period = (await a.owner.post(`/api/periods/${period.id}/lock`, { revision: period.revision })).json();
    await t.services.statements.settled(period.id);
    expect(
      (await a.owner.post(`/api/periods/${period.id}/publish`, { revision: period.revision })).status,
    ).toBe(204);
  });
  afterAll(async () => {
    await t.close();
  });

  it('tells each collaborator, and the staff, which document the payment needs', async () => {
    for (const [person, expected] of [
      [jan, 'own_invoice'],
      [ola, 'bill'],
      [iza, 'self_billing'],
    ] as const) {
      const statement = await statementOf(person);
      const inPanel = await person.client.get(`/api/panel/statements/${statement.id}`);
      expect(inPanel.json<{ expectedInvoice: string }>().expectedInvoice).toBe(expected);
      const forStaff = await a.owner.get(`/api/statements/${statement.id}`);
      expect(forStaff.json<{ expectedInvoice: string }>().expectedInvoice).toBe(expected);
    }
  });

  it('refuses an invoice whose amount differs, field by field, and stores nothing', async () => {
    const statement = await statementOf(jan);
    expect(statement.amountDue).toBe(12345);
    const wrongAmount = await sendInvoice(
      jan.client,
      `/api/panel/statements/${statement.id}/invoice`,
      { kind: 'document', number: 'FV/1/2026', issueDate: '2026-12-01', amount: '12300' },
      { name: 'faktura.pdf', content: samplePdf() },
    );
    expect(wrongAmount.status).toBe(422);
    expect(wrongAmount.json<ErrorBody>().error.details?.findings?.map((finding) => finding.field)).toEqual([
      'total',
    ]);

    const wrongSeller = await sendInvoice(
      jan.client,
      `/api/panel/statements/${statement.id}/invoice`,
      { kind: 'ksef_xml' },
      { name: 'faktura.xml', content: fa3(12000, { sellerNip: '7261120385' }) },
    );
    expect(wrongSeller.status).toBe(422);
    expect(
      wrongSeller
        .json<ErrorBody>()
        .error.details?.findings?.map((finding) => finding.field)
        .sort(),
    ).toEqual(['sellerNip', 'total']);

    const doctype = await sendInvoice(
      jan.client,
      `/api/panel/statements/${statement.id}/invoice`,
      { kind: 'ksef_xml' },
      {
        name: 'faktura.xml',
        content: Buffer.from(
          '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
        ),
      },
    );
    expect(doctype.status).toBe(422);
    expect(doctype.json<ErrorBody>().error).toMatchObject({
      code: 'invoice_xml_invalid',
      details: { reason: 'xml_doctype_forbidden' },
    });
    expect((await jan.client.get(`/api/panel/statements/${statement.id}/invoice`)).json()).toBeNull();
  });

  it('takes a matching KSeF FA(3) invoice; the statement is then invoiced', async () => {
    const statement = await statementOf(jan);
    const sent = await sendInvoice(
      jan.client,
      `/api/panel/statements/${statement.id}/invoice`,
      { kind: 'ksef_xml' },
      { name: 'faktura.xml', content: fa3(12345) },
    );
    expect(sent.status, sent.body).toBe(201);
    expect(sent.json<Invoice>()).toMatchObject({
      kind: 'ksef_xml',
      status: 'submitted',
      number: 'FV/11/2026',
      amount: 12345,
    });
    expect((await statementOf(jan)).status).toBe('invoiced');
    const seen = (await a.owner.get(`/api/statements/${statement.id}/invoice`)).json<Invoice>();
    expect(seen.files.map((file) => file.fileName)).toEqual(['faktura.xml']);
    const twice = await sendInvoice(
      jan.client,
      `/api/panel/statements/${statement.id}/invoice`,
      { kind: 'ksef_xml' },
      { name: 'faktura.xml', content: fa3(12345) },
    );
    expect(twice.json<ErrorBody>().error.code).toBe('invoice_exists');
  });

  it('lets only the owner record a differing invoice, with a reason', async () => {
    const statement = await statementOf(jan);
    const invoice = (await a.owner.get(`/api/statements/${statement.id}/invoice`)).json<Invoice>();
    expect(
      (await a.owner.post(`/api/invoices/${invoice.id}/void`, { reason: 'Zły plik, proszę o nowy' })).status,
    ).toBe(204);
    const recorded = await sendInvoice(
      a.owner,
      `/api/statements/${statement.id}/invoice`,
      {
        kind: 'document',
        number: 'FV/1/2026',
        issueDate: '2026-12-01',
        amount: '12300',
        differenceReason: 'Różnica 0,45 zł rozliczona w grudniu',
      },
      { name: 'faktura.pdf', content: samplePdf() },
    );
    expect(recorded.status, recorded.body).toBe(201);
    expect(recorded.json<Invoice>()).toMatchObject({
      amount: 12300,
      differenceReason: 'Różnica 0,45 zł rozliczona w grudniu',
    });
  });

  it('drafts a bill for a civil-law collaborator and a self-billed invoice, each approved in the panel', async () => {
    for (const [person, kind, extension] of [
      [ola, 'bill', ['pdf']],
      [iza, 'self_billing', ['pdf', 'xml']],
    ] as const) {
      const statement = await statementOf(person);
      const ownUpload = await sendInvoice(
        person.client,
        `/api/panel/statements/${statement.id}/invoice`,
        { kind: 'document', number: 'X/1', issueDate: '2026-12-01', amount: String(statement.amountDue) },
        { name: 'faktura.pdf', content: samplePdf() },
      );
      expect(ownUpload.json<ErrorBody>().error.code).toBe('invoice_not_expected');
      const drafted = await a.owner.post(`/api/statements/${statement.id}/invoice/draft`);
      expect(drafted.status, drafted.body).toBe(201);
      const invoice = drafted.json<Invoice>();
      expect(invoice).toMatchObject({ kind, status: 'awaiting_approval', amount: statement.amountDue });
      expect(invoice.files.map((file) => file.fileName.split('.').pop())).toEqual(extension);
      expect((await jan.client.post(`/api/panel/invoices/${invoice.id}/approve`)).status).toBe(404);
      expect((await person.client.post(`/api/panel/invoices/${invoice.id}/approve`)).status).toBe(204);
      expect(
        (await person.client.get(`/api/panel/statements/${statement.id}/invoice`)).json<Invoice>().status,
      ).toBe('approved');
    }
  });
});
