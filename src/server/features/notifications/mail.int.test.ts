import net from 'node:net';
import { randomBytes } from 'node:crypto';
import {
  decodeBody,
  decodeHeader,
  leavesOf,
  parsePart,
  type MimePart,
} from '../../../../test/support/mime.js';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, publicUrl, type TestApp, type TestClient } from '../../../../test/harness.js';
import {
  collaboratorInput,
  collaboratorPassword,
  enrolTotp,
  nextTotp,
  ownerPassword,
  setupAgency,
  type AgencyFixture,
} from '../../../../test/flows.js';
import { clientFrom, nextAddress } from '../../../../test/support/client-address.js';
import { startSmtpPeer, type ReceivedMail, type SmtpPeer } from '../../../../test/support/smtp-peer.js';
import { outbox } from '../../db/schema/outbox.js';

const agencyName = 'Agencja Bursztynowa Tajemnica sp. z o.o.';
const ownerEmail = 'biuro-7731@sejf-poczta-test.pl';
const collaborator = {
  fullName: 'Hieronim Zawadzki-Wierzbięta',
  email: 'hz-4471@sejf-poczta-test.pl',
  phone: '600 123 456',
  knfNumber: '11299001/A',
  nip: '5250007313',
  pesel: '44051401359',
  taxMode: 'invoice',
};
const document = {
  title: 'Rozliczenie prowizji Hieronima – październik',
  periodMonth: '2026-10',
  fileName: 'prowizja-zawadzki-2026-10.pdf',
};
const minimalPdf = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n' +
    '2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n' +
    'trailer\n<< /Root 1 0 R >>\n%%EOF\n',
  'latin1',
);

/** Nothing a mailbox may learn: names, the agency, the document, its month, amounts. */
const forbiddenTexts = [
  'Hieronim',
  'Zawadzki',
  'Wierzbięta',
  'Anna',
  'Właścicielka',
  'Wlascicielka',
  'Bursztynowa',
  'Tajemnica',
  'Rozliczenie',
  'prowizj',
  document.fileName,
  '2026-10',
  '10/2026',
  '10.2026',
  'październik',
  'pazdziernik',
  'October',
];

type ReadMail = { subject: string; headers: string; text: string; html: string; leaves: MimePart[] };

function readMail(mail: ReceivedMail): ReadMail {
  const message = parsePart(mail.raw);
  const leaves = leavesOf(message);
  const bodyOf = (type: string) =>
    leaves
      .filter((leaf) => (leaf.headers.get('content-type') ?? '').startsWith(type))
      .map(decodeBody)
      .join('\n');
  return {
    subject: decodeHeader(message.headers.get('subject') ?? ''),
    headers: decodeHeader([...message.headers].map(([name, value]) => `${name}: ${value}`).join('\n')),
    text: bodyOf('text/plain'),
    html: bodyOf('text/html'),
    leaves,
  };
}

function expectContentFree(mail: ReceivedMail): void {
  const { subject, headers, text, html, leaves } = readMail(mail);
  expect(text.length).toBeGreaterThan(100);
  expect(html).toContain('<body>');
  const readable = [headers, subject, text, html].join('\n');
  for (const forbidden of forbiddenTexts) {
    expect(readable.toLowerCase(), `"${forbidden}" in ${subject}`).not.toContain(forbidden.toLowerCase());
  }
  const content = [subject, text, html].join('\n');
  expect(content).not.toMatch(/\d[\d\s.]*,\d{2}(?!\d)|\d\.\d{2}(?!\d)|\d\s?(?:zł|pln|eur)/i);
  expect(html).not.toMatch(/<a[\s>]|href\s*=|src\s*=/i);
  const urls = content.match(/\b(?:https?|ftp):\/\/[^\s<>"')]+|\bwww\.[^\s<>"')]+/gi) ?? [];
  expect(urls.length).toBeGreaterThan(0);
  expect(new Set(urls)).toEqual(new Set([publicUrl]));
  expect(mail.raw).not.toMatch(/content-disposition:\s*attachment|filename\s*=|name\s*=\s*"?[^"\s;]+\.pdf/i);
  expect(leaves.every((leaf) => /^text\/(plain|html)/.test(leaf.headers.get('content-type') ?? ''))).toBe(
    true,
  );
}

function multipartUpload(fields: Record<string, string>, file: { name: string; data: Buffer }) {
  const boundary = `----sejf-test-${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
        'utf8',
      ),
    );
  }
  chunks.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${file.name}"\r\n` +
        'Content-Type: application/pdf\r\n\r\n',
      'utf8',
    ),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8'),
  );
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('e-mail through a real SMTP server', () => {
  let peer: SmtpPeer;
  let t: TestApp;
  let agency: AgencyFixture;
  let person: { client: TestClient; secret: string; collaboratorId: string };

  beforeAll(async () => {
    peer = await startSmtpPeer();
    t = await createTestApp({ env: { SMTP_URL: peer.url, TRUST_PROXY: '1' } });
    agency = await setupAgency(t, { name: agencyName, email: ownerEmail });
  });
  afterAll(async () => {
    await t.close();
    await peer.stop();
  });

  const mailsTo = (email: string) => peer.messages().filter((mail) => mail.to.includes(email));

  async function signIn(email: string, password: string, secret: string): Promise<TestClient> {
    const client = clientFrom(t, nextAddress());
    expect((await client.post('/api/auth/login', { email, password })).status).toBe(200);
    const verified = await client.post('/api/auth/second-factor/totp', { code: nextTotp(t, secret) });
    expect(verified.status, verified.body).toBe(200);
    return client;
  }

  it('delivers an invitation that carries its code and nothing else', async () => {
    const created = await agency.owner.post('/api/collaborators', collaborator);
    expect(created.status, created.body).toBe(201);
    const collaboratorId = created.json<{ id: string }>().id;
    expect((await agency.owner.post(`/api/collaborators/${collaboratorId}/invitation`)).status).toBe(201);
    // With SMTP configured there is no development outbox to read codes from.
    expect((await agency.owner.get('/api/dev/outbox')).status).toBe(404);

    expect(await t.services.notifications.deliverPending()).toBe(1);
    const mail = await peer.waitFor((m) => m.to.includes(collaborator.email));
    expectContentFree(mail);
    const { subject, text, html } = readMail(mail);
    expect(subject).toBe('Zaproszenie do Sejfu');
    const code = /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(text)?.[0] ?? '';
    expect(code).not.toBe('');
    expect(html).toContain(code);
    const [row] = await t.platform.db.system((tx) =>
      tx.select().from(outbox).where(eq(outbox.toEmail, collaborator.email)),
    );
    expect(row?.sentAt).not.toBeNull();
    expect(row?.paramsEncrypted).toBeNull();

    const client = clientFrom(t, nextAddress());
    const accepted = await client.post('/api/invitations/accept', {
      email: collaborator.email,
      code,
      password: collaboratorPassword,
    });
    expect(accepted.status, accepted.body).toBe(200);
    const { secret } = await enrolTotp(t, client);
    person = { client, secret, collaboratorId };
  });

  it('delivers a content-free notice when a document is waiting', async () => {
    const upload = multipartUpload(
      { collaboratorId: person.collaboratorId, title: document.title, periodMonth: document.periodMonth },
      { name: document.fileName, data: minimalPdf },
    );
    const response = await agency.owner.request('POST', '/api/documents', {
      payload: upload.payload,
      headers: { 'content-type': upload.contentType },
    });
    expect(response.status, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      title: document.title,
      files: [{ fileName: document.fileName }],
    });

    const before = mailsTo(collaborator.email).length;
    expect(await t.services.notifications.deliverPending()).toBeGreaterThanOrEqual(1);
    const mail = await peer.waitFor(
      (m) => m.to.includes(collaborator.email) && readMail(m).subject === 'Nowy dokument w Sejfie',
    );
    expect(mailsTo(collaborator.email).length).toBeGreaterThan(before);
    expectContentFree(mail);
  });

  it('delivers content-free new-device and password-changed notices', async () => {
    await signIn(collaborator.email, collaboratorPassword, person.secret);
    await signIn(collaborator.email, collaboratorPassword, person.secret);
    await signIn(ownerEmail, ownerPassword, agency.ownerSecret);
    const owner = await signIn(ownerEmail, ownerPassword, agency.ownerSecret);
    const changed = await owner.post('/api/account/password', {
      currentPassword: ownerPassword,
      newPassword: 'Nowe-Haslo-Do-Sejfu-Z-Ogrodem-9',
    });
    expect(changed.status, changed.body).toBe(200);

    await t.services.notifications.deliverPending();
    const newDevice = await peer.waitFor(
      (m) =>
        m.to.includes(collaborator.email) && readMail(m).subject === 'Logowanie do Sejfu z nowego urządzenia',
    );
    const ownerNewDevice = await peer.waitFor(
      (m) => m.to.includes(ownerEmail) && readMail(m).subject === 'Logowanie do Sejfu z nowego urządzenia',
    );
    const passwordChanged = await peer.waitFor(
      (m) => m.to.includes(ownerEmail) && readMail(m).subject === 'Hasło do Sejfu zostało zmienione',
    );
    for (const mail of [newDevice, ownerNewDevice, passwordChanged]) {
      expectContentFree(mail);
    }
    for (const mail of peer.messages()) {
      expectContentFree(mail);
    }
    const unsent = await t.platform.db.system((tx) => tx.select().from(outbox));
    expect(unsent.filter((row) => row.sentAt === null)).toEqual([]);
  });

  it('keeps a message that could not be sent and delivers it once the server is back', async () => {
    const port = Number(new URL(peer.url).port);
    await peer.stop();
    const changed = await person.client.post('/api/account/password', {
      currentPassword: collaboratorPassword,
      newPassword: 'Zupelnie-Inne-Haslo-Nad-Morzem-3',
    });
    expect(changed.status, changed.body).toBe(200);
    const pendingRow = async () => {
      const rows = await t.platform.db.system((tx) =>
        tx.select().from(outbox).where(eq(outbox.template, 'password_changed')),
      );
      return rows.find((row) => row.toEmail === collaborator.email);
    };

    expect(await t.services.notifications.deliverPending()).toBe(0);
    const failed = await pendingRow();
    expect(failed).toMatchObject({ sentAt: null, attempts: 1 });
    expect(failed?.lastError).toMatch(/ECONNREFUSED/);
    // The next try waits a minute (one per attempt so far): not yet, then yes.
    expect(await t.services.notifications.deliverPending()).toBe(0);
    expect((await pendingRow())?.attempts).toBe(1);
    t.clock.advance(61_000);
    expect(await t.services.notifications.deliverPending()).toBe(0);
    expect((await pendingRow())?.attempts).toBe(2);

    peer = await startSmtpPeer({ port });
    t.clock.advance(121_000);
    expect(await t.services.notifications.deliverPending()).toBe(1);
    const mail = await peer.waitFor((m) => m.to.includes(collaborator.email));
    expect(readMail(mail).subject).toBe('Hasło do Sejfu zostało zmienione');
    expectContentFree(mail);
    const delivered = await pendingRow();
    // Every try counts, the one that worked too.
    expect(delivered).toMatchObject({ attempts: 3, lastError: null });
    expect(delivered?.sentAt).toBeInstanceOf(Date);
    expect(await t.services.notifications.deliverPending()).toBe(0);
  });

  it('sends with no transaction open: a mail server that hangs does not hold up anyone else', async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => {
      sockets.push(socket);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const address = silent.address();
    const hanging = await createTestApp({
      env: { SMTP_URL: `smtp://127.0.0.1:${address && typeof address === 'object' ? address.port : 0}` },
    });
    try {
      const owner = await setupAgency(hanging);
      const input = collaboratorInput();
      const created = await owner.owner.post('/api/collaborators', input);
      await owner.owner.post(`/api/collaborators/${created.json<{ id: string }>().id}/invitation`);
      let isSettled = false;
      const delivery = hanging.services.notifications.deliverPending().finally(() => {
        isSettled = true;
      });
      while (sockets.length === 0) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const account = await owner.owner.get('/api/account');
      expect(account.status).toBe(200);
      expect(isSettled).toBe(false);
      for (const socket of sockets) {
        socket.destroy();
      }
      expect(await delivery).toBe(0);
      const [row] = await hanging.platform.db.system((tx) =>
        tx.select().from(outbox).where(eq(outbox.template, 'invitation')),
      );
      expect(row).toMatchObject({ sentAt: null, attempts: 1 });
      expect(row?.lastError).not.toContain(input.email);
    } finally {
      await hanging.close();
      silent.close();
    }
  });
});
