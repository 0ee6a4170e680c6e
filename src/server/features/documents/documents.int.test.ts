import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentFiles, documents } from '../../db/schema/documents.js';
import {
  createActiveCollaborator,
  setupAgency,
  type AgencyFixture,
  type CollaboratorFixture,
} from '../../../../test/flows.js';
import { createTestApp, type TestApp, type TestClient } from '../../../../test/harness.js';
import { documentUpload, multipartBody, samplePdf } from '../../../../test/multipart.js';
import { filesUnder } from '../../../../test/support/files.js';

type Listed = { id: string; files: { id: string; fileName: string; sizeBytes: number }[] };

async function upload(client: TestClient, body: { payload: Buffer; contentType: string }) {
  return client.request('POST', '/api/documents', {
    payload: body.payload,
    headers: { 'content-type': body.contentType },
  });
}

async function countRows(t: TestApp) {
  return t.platform.db.system(async (tx) => ({
    documents: (await tx.select().from(documents)).length,
    files: (await tx.select().from(documentFiles)).length,
  }));
}

describe('documents: sending to a collaborator panel', () => {
  let t: TestApp;
  let agency: AgencyFixture;
  let jan: CollaboratorFixture;
  let ewa: CollaboratorFixture;

  beforeAll(async () => {
    t = await createTestApp({ env: { UPLOAD_MAX_BYTES: String(300 * 1024) } });
    agency = await setupAgency(t);
    jan = await createActiveCollaborator(t, agency.owner);
    ewa = await createActiveCollaborator(t, agency.owner);
  });
  afterAll(async () => {
    await t.close();
  });

  it('delivers a document to the panel of exactly one collaborator, with read receipts', async () => {
    const pdf = samplePdf('receipt-test');
    const sent = await upload(
      agency.owner,
      documentUpload(jan.collaboratorId, [
        { fileName: 'rozliczenie-listopad.pdf', content: pdf },
        { fileName: 'zestawienie.csv', content: Buffer.from('polisa;prowizja\nPOL/1;12,50\n') },
      ]),
    );
    expect(sent.status, sent.body).toBe(201);
    const document = sent.json<Listed & { firstOpenedAt: string | null; downloadCount: number }>();
    expect(document.files.map((f) => f.fileName)).toEqual(['rozliczenie-listopad.pdf', 'zestawienie.csv']);
    expect(document.firstOpenedAt).toBeNull();

    const janList = await jan.client.get('/api/panel/documents');
    expect(janList.json<Listed[]>().map((d) => d.id)).toEqual([document.id]);
    expect((await ewa.client.get('/api/panel/documents')).json<Listed[]>()).toEqual([]);
    expect((await ewa.client.get(`/api/panel/documents/${document.id}`)).status).toBe(404);
    const pdfFile = document.files[0];
    if (!pdfFile) {
      throw new Error('no file');
    }
    const foreignDownload = await ewa.client.get(
      `/api/panel/documents/${document.id}/files/${pdfFile.id}/download`,
    );
    expect(foreignDownload.status).toBe(404);

    const opened = await jan.client.get(`/api/panel/documents/${document.id}`);
    expect(opened.status).toBe(200);
    const download = await jan.client.get(`/api/panel/documents/${document.id}/files/${pdfFile.id}/download`);
    expect(download.status).toBe(200);
    expect(download.rawPayload.equals(pdf)).toBe(true);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toContain('attachment');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    await jan.client.get(`/api/panel/documents/${document.id}/files/${pdfFile.id}/download`);

    const detail = await agency.owner.get(`/api/documents/${document.id}`);
    const receipts = detail.json<{
      firstOpenedAt: string;
      downloadCount: number;
      receipts: { kind: string; role: string }[];
    }>();
    expect(receipts.firstOpenedAt).not.toBeNull();
    expect(receipts.downloadCount).toBe(2);
    expect(receipts.receipts.filter((r) => r.kind === 'opened')).toHaveLength(1);
    expect(
      receipts.receipts.filter((r) => r.kind === 'downloaded' && r.role === 'collaborator'),
    ).toHaveLength(2);
  });

  it("lists a collaborator's documents newest first, by settlement month when asked", async () => {
    const sent: string[] = [];
    for (const [title, periodMonth] of [
      ['Rozliczenie – wrzesień 2026', '2026-09'],
      ['Rozliczenie – październik 2026', '2026-10'],
      ['Korekta – wrzesień 2026', '2026-09'],
    ] as const) {
      t.clock.advance(60_000);
      const body = documentUpload(ewa.collaboratorId, [{ fileName: 'r.pdf', content: samplePdf(title) }], {
        title,
        periodMonth,
      });
      const response = await upload(agency.owner, body);
      expect(response.status, response.body).toBe(201);
      sent.push(response.json<Listed>().id);
    }
    const all = (await ewa.client.get('/api/panel/documents')).json<{ id: string; periodMonth: string }[]>();
    expect(all.map((row) => row.id)).toEqual([...sent].reverse());
    const september = (await ewa.client.get('/api/panel/documents?month=2026-09')).json<{ id: string }[]>();
    expect(september.map((row) => row.id)).toEqual([sent[2], sent[0]]);
    expect((await ewa.client.get('/api/panel/documents?month=2026-08')).json()).toEqual([]);
    expect((await ewa.client.get('/api/panel/documents?month=2026-13')).status).toBe(400);
    const summary = (await ewa.client.get('/api/panel/summary')).json<{ months: string[] }>();
    expect(summary.months).toEqual(expect.arrayContaining(['2026-10', '2026-09']));
  });

  it('counts a download without opening the card as opening it, and lists what is still unopened', async () => {
    const sent = await upload(
      agency.owner,
      documentUpload(ewa.collaboratorId, [{ fileName: 'od-razu.pdf', content: samplePdf() }]),
    );
    const doc = sent.json<Listed>();
    const unopenedBefore = (
      await agency.owner.get(`/api/documents?opened=no&collaboratorId=${ewa.collaboratorId}`)
    ).json<{
      items: Listed[];
      total: number;
    }>();
    expect(unopenedBefore.items.map((d) => d.id)).toContain(doc.id);
    const dashboardBefore = (await agency.owner.get('/api/dashboard')).json<{ unopenedDocuments: number }>();
    await ewa.client.get(`/api/panel/documents/${doc.id}/files/${doc.files[0]?.id ?? ''}/download`);
    const panel = (await ewa.client.get('/api/panel/documents')).json<
      { id: string; openedAt: string | null }[]
    >();
    expect(panel.find((d) => d.id === doc.id)?.openedAt).not.toBeNull();
    const unopenedAfter = (
      await agency.owner.get(`/api/documents?opened=no&collaboratorId=${ewa.collaboratorId}`)
    ).json<{
      items: Listed[];
      total: number;
    }>();
    expect(unopenedAfter.items.map((d) => d.id)).not.toContain(doc.id);
    expect(unopenedAfter.total).toBe(unopenedBefore.total - 1);
    const opened = (
      await agency.owner.get(`/api/documents?opened=yes&collaboratorId=${ewa.collaboratorId}`)
    ).json<{ items: Listed[] }>();
    expect(opened.items.map((d) => d.id)).toContain(doc.id);
    const dashboardAfter = (await agency.owner.get('/api/dashboard')).json<{ unopenedDocuments: number }>();
    expect(dashboardAfter.unopenedDocuments).toBe(dashboardBefore.unopenedDocuments - 1);
  });

  it('keeps a collaborator out of every owner and staff route', async () => {
    for (const url of ['/api/documents', '/api/collaborators', '/api/audit', '/api/dashboard']) {
      expect((await jan.client.get(url)).status, url).toBe(403);
    }
    const attempt = await upload(
      jan.client,
      documentUpload(ewa.collaboratorId, [{ fileName: 'a.pdf', content: samplePdf() }]),
    );
    expect(attempt.status).toBe(403);
  });

  it('refuses a file over the size limit with 413 and leaves no row or blob', async () => {
    const before = await countRows(t);
    const blobsBefore = filesUnder(path.join(t.dataDir, 'files')).filter((f) => !f.includes('.incomplete'));
    const big = samplePdf('big', 400 * 1024);
    const response = await upload(
      agency.owner,
      documentUpload(jan.collaboratorId, [{ fileName: 'duzy.pdf', content: big }]),
    );
    expect(response.status, response.body).toBe(413);
    expect(response.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    expect(await countRows(t)).toEqual(before);
    const blobsAfter = filesUnder(path.join(t.dataDir, 'files')).filter((f) => !f.includes('.incomplete'));
    expect(blobsAfter.sort()).toEqual(blobsBefore.sort());
    expect(filesUnder(path.join(t.dataDir, 'files', '.incomplete'))).toEqual([]);
  });

  it.each([
    ['an empty file', 'pusty.pdf', Buffer.alloc(0), 'empty_file', 400],
    [
      'an executable renamed .pdf',
      'faktura.pdf',
      Buffer.concat([Buffer.from('MZ\x90\x00'), randomBytes(2000)]),
      'file_type_not_allowed',
      415,
    ],
    ['a PDF named .png', 'skan.png', samplePdf(), 'file_type_mismatch', 415],
    [
      'a zip archive',
      'paczka.xlsx',
      Buffer.concat([Buffer.from('PK\x03\x04'), randomBytes(200)]),
      'file_type_not_allowed',
      415,
    ],
  ])(
    'refuses %s with a specific error and leaves nothing behind',
    async (_label, fileName, content, code, status) => {
      const before = await countRows(t);
      const response = await upload(
        agency.owner,
        documentUpload(jan.collaboratorId, [
          { fileName: 'dobry.pdf', content: samplePdf() },
          { fileName, content },
        ]),
      );
      expect(response.status, response.body).toBe(status);
      expect(response.json()).toMatchObject({ error: { code } });
      expect(await countRows(t)).toEqual(before);
    },
  );

  it.each([
    ['a path', '../../etc/passwd.pdf', 'path_separator'],
    ['a Windows path', 'C:\\dokumenty\\faktura.pdf', 'path_separator'],
    ['a control character', 'fak\u0007tura.pdf', 'control_character'],
    ['300 characters', `${'a'.repeat(296)}.pdf`, 'too_long'],
  ])('refuses a file name with %s', async (_label, fileName, reason) => {
    const before = await countRows(t);
    const response = await upload(
      agency.owner,
      documentUpload(jan.collaboratorId, [{ fileName, content: samplePdf() }]),
    );
    expect(response.status, response.body).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'file_name_invalid', details: { reason } } });
    expect(await countRows(t)).toEqual(before);
  });

  it('needs the fields before the files and at least one file', async () => {
    const filesFirst = multipartBody([
      { kind: 'file', name: 'files', fileName: 'a.pdf', content: samplePdf() },
      { kind: 'field', name: 'collaboratorId', value: jan.collaboratorId },
    ]);
    const first = await upload(agency.owner, filesFirst);
    expect(first.status).toBe(400);
    expect(first.json()).toMatchObject({ error: { code: 'validation_failed' } });
    const noFiles = await upload(agency.owner, documentUpload(jan.collaboratorId, []));
    expect(noFiles.status).toBe(400);
    const badMonth = await upload(
      agency.owner,
      documentUpload(jan.collaboratorId, [{ fileName: 'a.pdf', content: samplePdf() }], {
        periodMonth: '2026-13',
      }),
    );
    expect(badMonth.status).toBe(400);
  });

  it('takes concurrent uploads to the same collaborator, each whole', async () => {
    const before = (await jan.client.get('/api/panel/documents')).json<Listed[]>().length;
    const contents = Array.from({ length: 5 }, (_, i) => samplePdf(`rownolegle-${i}`, 40_000 + i * 1000));
    const responses = await Promise.all(
      contents.map((content, i) =>
        upload(
          agency.owner,
          documentUpload(jan.collaboratorId, [{ fileName: `plik-${i}.pdf`, content }], {
            title: `Dokument ${i}`,
          }),
        ),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    const listed = (await jan.client.get('/api/panel/documents')).json<Listed[]>();
    expect(listed).toHaveLength(before + 5);
    for (const [i, response] of responses.entries()) {
      const doc = response.json<Listed>();
      const file = doc.files[0];
      if (!file) {
        throw new Error('no file');
      }
      const download = await jan.client.get(`/api/panel/documents/${doc.id}/files/${file.id}/download`);
      expect(download.rawPayload.equals(contents[i] ?? Buffer.alloc(0))).toBe(true);
    }
  });

  it('deletes by destroying the keys and the blobs', async () => {
    const sent = await upload(
      agency.owner,
      documentUpload(ewa.collaboratorId, [{ fileName: 'do-usuniecia.pdf', content: samplePdf() }]),
    );
    const doc = sent.json<Listed>();
    const file = doc.files[0];
    if (!file) {
      throw new Error('no file');
    }
    const blob = filesUnder(path.join(t.dataDir, 'files')).find((f) => f.endsWith(file.id));
    expect(blob && fs.existsSync(blob)).toBe(true);
    expect((await agency.owner.delete(`/api/documents/${doc.id}`)).status).toBe(204);
    expect((await ewa.client.get(`/api/panel/documents/${doc.id}`)).status).toBe(404);
    expect((await agency.owner.get(`/api/documents/${doc.id}`)).status).toBe(404);
    expect(blob && fs.existsSync(blob)).toBe(false);
    const [row] = await t.platform.db.system((tx) =>
      tx.select().from(documentFiles).where(eq(documentFiles.id, file.id)),
    );
    expect(row?.wrappedKey).toBeNull();
    expect((await agency.owner.delete(`/api/documents/${doc.id}`)).status).toBe(404);
  });
});
