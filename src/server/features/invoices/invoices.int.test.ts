import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createActiveCollaborator,
  setupAgency,
  type AgencyFixture,
  type CollaboratorFixture,
} from '../../../../test/flows.js';
import { createTestApp, type TestApp, type TestClient, type TestResponse } from '../../../../test/harness.js';
import { multipartBody, samplePdf } from '../../../../test/multipart.js';
import { importStatement, insurerId, pzuStatement } from '../../../../test/settlements.js';
import { createFa3Validator } from '../../../../test/xmllint.js';
import { queryRows } from '../../db/database.js';
import { writeFa3Invoice } from './ksef/fa3-writer.js';
import { ksefNumberChecksum } from './ksef/ksef-number.js';

type Invoice = {
  id: string;
  documentId: string | null;
  kind: string;
  ksefNumber: string | null;
  status: string;
  number: string;
  amount: number;
  findings: { field: string; severity: string }[];
  files: { id: string; fileName: string }[];
  differenceReason: string | null;
};
type ErrorBody = {
  error: { code: string; details?: { findings?: { field: string }[] } & Record<string, unknown> };
};
// A 1×1 PNG header, as a scanner or phone camera would start one.
const png = Buffer.concat([
  Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'),
  Buffer.alloc(40, 7),
]);

type Summary = { id: string; collaboratorId: string; amountDue: number; status: string };

function invoiceBody(fields: Record<string, string>, file: { name: string; content: Buffer }) {
  return multipartBody([
    ...Object.entries(fields).map(([name, value]) => ({ kind: 'field' as const, name, value })),
    { kind: 'file', name: 'file', fileName: file.name, content: file.content },
  ]);
}

function sendInvoice(
  client: TestClient,
  url: string,
  fields: Record<string, string>,
  file: { name: string; content: Buffer },
) {
  const body = invoiceBody(fields, file);
  return client.request('POST', url, {
    payload: body.payload,
    headers: { 'content-type': body.contentType },
  });
}

/**
 * Sends an invoice whose last bytes wait until `meanwhile` has run to its end: what happens to the statement while
 * the file arrives. Returns both answers.
 */
async function sendInvoiceWhile(
  client: TestClient,
  url: string,
  fields: Record<string, string>,
  meanwhile: () => Promise<TestResponse>,
) {
  const body = invoiceBody(fields, { name: 'faktura.pdf', content: samplePdf(fields.number) });
  const split = body.payload.length - 64;
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let headRead = () => {};
  const headConsumed = new Promise<void>((resolve) => {
    headRead = resolve;
  });
  const payload = Readable.from(
    (async function* () {
      yield body.payload.subarray(0, split);
      headRead();
      await released;
      yield body.payload.subarray(split);
    })(),
  );
  const response = client.request('POST', url, {
    payload,
    headers: { 'content-type': body.contentType },
  });
  await headConsumed;
  const during = await meanwhile();
  release();
  return { during, upload: await response };
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

/** An agency whose November is published: Jan sends his own invoice, Ola gets a bill, Iza a self-billed invoice. */
async function publishedSettlement() {
  const t = await createTestApp();
  const a = await setupAgency(t);
  await a.owner.patch('/api/agency', { address: 'ul. Długa 2, 00-002 Warszawa' });
  const jan = await createActiveCollaborator(t, a.owner, { fullName: 'Jan Kowalski' });
  const ola = await createActiveCollaborator(t, a.owner, { fullName: 'Ola Rachunek', taxMode: 'bill' });
  const iza = await createActiveCollaborator(t, a.owner, {
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
  return { t, a, jan, ola, iza };
}

const statementOf = async (person: CollaboratorFixture) =>
  (await person.client.get('/api/panel/statements')).json<Summary[]>()[0] as Summary;

describe('invoices and bills against statements', () => {
  let t: TestApp;
  let a: AgencyFixture;
  let jan: CollaboratorFixture;
  let ola: CollaboratorFixture;
  let iza: CollaboratorFixture;

  beforeAll(async () => {
    ({ t, a, jan, ola, iza } = await publishedSettlement());
  });
  const validator = createFa3Validator();
  afterAll(async () => {
    validator.close();
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

  it('waits for the acceptance, then refuses an invoice whose amount differs, field by field, and stores nothing', async () => {
    const statement = await statementOf(jan);
    expect(statement.amountDue).toBe(12345);
    const early = await sendInvoice(
      jan.client,
      `/api/panel/statements/${statement.id}/invoice`,
      { kind: 'document', number: 'FV/1/2026', issueDate: '2026-12-01', amount: '12345' },
      { name: 'faktura.pdf', content: samplePdf() },
    );
    expect(early.status).toBe(409);
    expect(early.json<ErrorBody>().error.code).toBe('statement_not_accepted');
    const detail = (await jan.client.get(`/api/panel/statements/${statement.id}`)).json<{ sha256: string }>();
    expect((await jan.client.post(`/api/panel/statements/${statement.id}/accept`, detail)).status).toBe(204);

    // Only a scan or PDF stands for an invoice: a spreadsheet is refused even with the right amount.
    const spreadsheet = await sendInvoice(
      jan.client,
      `/api/panel/statements/${statement.id}/invoice`,
      { kind: 'document', number: 'FV/1/2026', issueDate: '2026-12-01', amount: '12345' },
      { name: 'faktura.csv', content: Buffer.from('Faktura;Kwota\nFV/1/2026;123,45\n') },
    );
    expect(spreadsheet.status).toBe(415);
    expect(spreadsheet.json<ErrorBody>().error).toMatchObject({
      code: 'file_type_not_allowed',
      details: { detected: 'csv' },
    });
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
    const ksefData = '5250007313-20261202-00A1B2C3D4E5';
    const ksefNumber = `${ksefData}-${ksefNumberChecksum(ksefData)}`;
    const sent = await sendInvoice(
      jan.client,
      `/api/panel/statements/${statement.id}/invoice`,
      { kind: 'ksef_xml', ksefNumber: ksefNumber.toLowerCase() },
      { name: 'faktura.xml', content: fa3(12345) },
    );
    expect(sent.status, sent.body).toBe(201);
    expect(sent.json<Invoice>()).toMatchObject({
      kind: 'ksef_xml',
      status: 'submitted',
      number: 'FV/11/2026',
      amount: 12345,
      ksefNumber,
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
      // A scanned paper invoice.
      { name: 'faktura.png', content: png },
    );
    expect(recorded.status, recorded.body).toBe(201);
    expect(recorded.json<Invoice>()).toMatchObject({
      amount: 12300,
      differenceReason: 'Różnica 0,45 zł rozliczona w grudniu',
    });
    expect(recorded.json<Invoice>().files.map((file) => file.fileName)).toEqual(['faktura.png']);
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
      const xml = invoice.files.find((file) => file.fileName.endsWith('.xml'));
      if (xml) {
        // The FA(3) the agency writes with real agency and collaborator data is valid against the official schema.
        const download = await a.owner.get(
          `/api/documents/${invoice.documentId ?? ''}/files/${xml.id}/download`,
        );
        expect(download.status).toBe(200);
        expect(validator.validate(download.rawPayload)).toEqual([]);
        expect(download.body).toContain('<P_17>1</P_17>');
      }
      expect((await jan.client.post(`/api/panel/invoices/${invoice.id}/approve`)).status).toBe(404);
      expect((await person.client.post(`/api/panel/invoices/${invoice.id}/approve`)).status).toBe(204);
      expect(
        (await person.client.get(`/api/panel/statements/${statement.id}/invoice`)).json<Invoice>().status,
      ).toBe('approved');
    }
  });

  it('sets an invoice aside when its statement is corrected, and keeps everything as it is once the period closes', async () => {
    const statement = await statementOf(jan);
    const before = (await a.owner.get(`/api/statements/${statement.id}/invoice`)).json<Invoice>();
    expect(before.status).toBe('submitted');

    // A correction changes the amount the invoice answered: it is void, and the new version waits for a new one.
    const corrected = await a.owner.post(`/api/statements/${statement.id}/corrections`, {
      adjustments: [{ amount: 45, reason: 'Wyrównanie różnicy groszowej' }],
      resolution: 'Dopłacamy 0,45 zł w tym zestawieniu.',
    });
    expect(corrected.status, corrected.body).toBe(201);
    const current = await statementOf(jan);
    expect(current.id).not.toBe(statement.id);
    expect(current.amountDue).toBe(12390);
    expect((await a.owner.get(`/api/statements/${current.id}/invoice`)).json()).toBeNull();
    const audit = await a.owner.get('/api/audit?event=invoice.voided');
    expect(audit.body).toContain(before.id);
    expect(audit.body).toContain('statement_corrected');

    // The statement's PDF and XLSX are the settlement's record: never deleted by hand.
    const detail = (await a.owner.get(`/api/statements/${current.id}`)).json<{ documentId: string }>();
    expect((await a.owner.get(`/api/documents/${detail.documentId}`)).json()).toMatchObject({
      inSettlement: true,
    });
    const removal = await a.owner.request('DELETE', `/api/documents/${detail.documentId}`);
    expect(removal.status).toBe(409);
    expect(removal.json<ErrorBody>().error.code).toBe('document_in_settlement');
    expect((await a.owner.get(`/api/documents/${detail.documentId}`)).status).toBe(200);

    // Paid and closed: nothing about the invoices changes any more.
    for (const person of [jan, ola, iza]) {
      const row = await statementOf(person);
      const paid = await a.owner.post(`/api/statements/${row.id}/payment`, { paidOn: '2026-12-10' });
      expect(paid.status, paid.body).toBe(204);
    }
    const [period] = (await a.owner.get('/api/periods')).json<{ id: string; revision: number }[]>();
    const closed = await a.owner.post(`/api/periods/${period?.id ?? ''}/close`, {
      revision: period?.revision,
    });
    expect(closed.status, closed.body).toBe(204);
    const bill = (
      await a.owner.get(`/api/statements/${(await statementOf(ola)).id}/invoice`)
    ).json<Invoice>();
    const voiding = await a.owner.post(`/api/invoices/${bill.id}/void`, { reason: 'Po zamknięciu okresu' });
    expect(voiding.status).toBe(409);
    expect(voiding.json<ErrorBody>().error.code).toBe('period_closed');
    expect(
      (await a.owner.get(`/api/statements/${(await statementOf(ola)).id}/invoice`)).json(),
    ).toMatchObject({
      id: bill.id,
      status: 'approved',
    });
  });
});

describe('an invoice racing a change of its statement', () => {
  let t: TestApp;
  let a: AgencyFixture;
  let jan: CollaboratorFixture;
  let ola: CollaboratorFixture;

  beforeAll(async () => {
    ({ t, a, jan, ola } = await publishedSettlement());
  });
  afterAll(async () => {
    await t.close();
  });

  const documentsTitled = (title: string) =>
    t.platform.db.system((tx) =>
      queryRows<{ status: string }>(tx, sql`select status from documents where title = ${title}`),
    );

  it('refuses an invoice whose statement was corrected while its file arrived, and keeps nothing of it', async () => {
    const statement = await statementOf(jan);
    const invoice = { kind: 'document', number: 'FV/WYSCIG/1', issueDate: '2026-12-01' };
    const { during: corrected, upload: refused } = await sendInvoiceWhile(
      a.owner,
      `/api/statements/${statement.id}/invoice`,
      { ...invoice, amount: String(statement.amountDue) },
      () =>
        a.owner.post(`/api/statements/${statement.id}/corrections`, {
          adjustments: [{ amount: 100, reason: 'Premia za listopad' }],
          resolution: 'Dopłacamy 1,00 zł.',
        }),
    );
    expect(corrected.status, corrected.body).toBe(201);
    expect(refused.status, refused.body).toBe(409);
    expect(refused.json<ErrorBody>().error.code).toBe('statement_superseded');

    expect(await documentsTitled('Faktura FV/WYSCIG/1')).toEqual([]);
    expect((await a.owner.get(`/api/statements/${statement.id}/invoice`)).json()).toBeNull();
    const current = await statementOf(jan);
    expect(current.id).not.toBe(statement.id);
    expect((await a.owner.get(`/api/statements/${current.id}/invoice`)).json()).toBeNull();

    // The same upload against the current version is taken.
    const again = await sendInvoice(
      a.owner,
      `/api/statements/${current.id}/invoice`,
      { ...invoice, amount: String(current.amountDue) },
      { name: 'faktura.pdf', content: samplePdf(invoice.number) },
    );
    expect(again.status, again.body).toBe(201);
    expect(await documentsTitled('Faktura FV/WYSCIG/1')).toEqual([{ status: 'available' }]);
  });

  it("refuses a collaborator's invoice for a statement disputed, or paid, while its file arrived", async () => {
    const statement = await statementOf(jan);
    const detail = (await jan.client.get(`/api/panel/statements/${statement.id}`)).json<{ sha256: string }>();
    const invoiceUrl = `/api/statements/${statement.id}/invoice`;
    const existing = (await a.owner.get(invoiceUrl)).json<Invoice>();
    expect((await a.owner.post(`/api/invoices/${existing.id}/void`, { reason: 'Zły plik' })).status).toBe(
      204,
    );
    expect((await jan.client.post(`/api/panel/statements/${statement.id}/accept`, detail)).status).toBe(204);
    const invoice = {
      kind: 'document',
      number: 'FV/WYSCIG/2',
      issueDate: '2026-12-01',
      amount: String(statement.amountDue),
    };

    // A dispute opened while the file arrives: the invoice waits for the answer.
    const { during: disputed, upload: whileDisputed } = await sendInvoiceWhile(
      jan.client,
      `/api/panel/statements/${statement.id}/invoice`,
      invoice,
      () =>
        jan.client.post(`/api/panel/statements/${statement.id}/disputes`, {
          reason: 'other',
          message: 'Brakuje jednej polisy z listopada',
        }),
    );
    expect(disputed.status, disputed.body).toBe(201);
    expect(whileDisputed.status, whileDisputed.body).toBe(409);
    expect(whileDisputed.json<ErrorBody>().error.code).toBe('statement_disputed');
    expect(await documentsTitled('Faktura FV/WYSCIG/2')).toEqual([]);
    const answered = await a.owner.post(
      `/api/statements/${statement.id}/disputes/${disputed.json<{ id: string }>().id}/reject`,
      { resolution: 'Polisa wpłynęła w grudniu i będzie w grudniowym zestawieniu.' },
    );
    expect(answered.status, answered.body).toBe(204);

    // Paid while the file arrives: nothing more to invoice.
    const { during: paid, upload: refused } = await sendInvoiceWhile(
      jan.client,
      `/api/panel/statements/${statement.id}/invoice`,
      invoice,
      () => a.owner.post(`/api/statements/${statement.id}/payment`, { paidOn: '2026-12-10' }),
    );
    expect(paid.status, paid.body).toBe(204);
    expect(refused.status, refused.body).toBe(409);
    expect(refused.json<ErrorBody>().error.code).toBe('statement_paid');
    expect(await documentsTitled('Faktura FV/WYSCIG/2')).toEqual([]);
  });

  it('drafts one bill when two people draft it at once, and keeps nothing of the other', async () => {
    const statement = await statementOf(ola);
    const url = `/api/statements/${statement.id}/invoice/draft`;
    const [first, second] = await Promise.all([a.owner.post(url), a.owner.post(url)]);
    expect([first.status, second.status].sort()).toEqual([201, 409]);
    const refused = first.status === 409 ? first : second;
    expect(refused.json<ErrorBody>().error.code).toBe('invoice_exists');
    const bills = await t.platform.db.system((tx) =>
      queryRows<{ status: string }>(tx, sql`select status from documents where title like 'Rachunek %'`),
    );
    expect(bills).toEqual([{ status: 'available' }]);
  });
});
