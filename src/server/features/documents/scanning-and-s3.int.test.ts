import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  createActiveCollaborator,
  setupAgency,
  type AgencyFixture,
  type CollaboratorFixture,
} from '../../../../test/flows.js';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { documentUpload, samplePdf } from '../../../../test/multipart.js';
import { consumeConsoleErrors } from '../../../../test/setup/fail-on-console-error.js';
import { documentFiles, documents } from '../../db/schema/documents.js';
import { filesUnder } from '../../../../test/support/files.js';

const services = inject('services');
// Built at run time so that this file itself never matches a virus signature.
const eicar = ['X5O!P%@AP[4\\PZX54(P^)7CC)7}$', 'EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'].join('');

async function send(
  t: TestApp,
  agency: AgencyFixture,
  collaboratorId: string,
  fileName: string,
  content: Buffer,
) {
  const body = documentUpload(collaboratorId, [{ fileName, content }]);
  return agency.owner.request('POST', '/api/documents', {
    payload: body.payload,
    headers: { 'content-type': body.contentType },
  });
}

describe.skipIf(!services.clamd)('uploads scanned by clamd', () => {
  let t: TestApp;
  let agency: AgencyFixture;
  let jan: CollaboratorFixture;

  beforeAll(async () => {
    t = await createTestApp({ scanner: services.clamd });
    agency = await setupAgency(t);
    jan = await createActiveCollaborator(t, agency.owner);
  });
  afterAll(async () => {
    await t.close();
  });

  it('stores a clean file marked as scanned', async () => {
    const response = await send(t, agency, jan.collaboratorId, 'czysty.pdf', samplePdf());
    expect(response.status, response.body).toBe(201);
    expect(response.json<{ files: { scanState: string }[] }>().files[0]?.scanState).toBe('clean');
  });

  it('refuses malware before anyone can download it, keeps nothing, and records the attempt', async () => {
    const infected = Buffer.from(`numer_polisy;prowizja\n${eicar}\n`);
    const response = await send(t, agency, jan.collaboratorId, 'zestawienie.csv', infected);
    expect(response.status, response.body).toBe(422);
    expect(response.json()).toMatchObject({ error: { code: 'file_infected' } });
    const rows = await t.platform.db.system(async (tx) => ({
      documents: (await tx.select().from(documents)).length,
      files: (await tx.select().from(documentFiles)).length,
    }));
    expect(rows).toEqual({ documents: 1, files: 1 });
    expect((await jan.client.get('/api/panel/documents')).json<unknown[]>()).toHaveLength(1);
    const audit = (await agency.owner.get('/api/audit?event=document.upload_rejected')).json<{
      events: { details: unknown }[];
    }>();
    expect(audit.events[0]?.details).toEqual({ reason: 'file_infected' });
  });

  it('refuses the upload when the scanner is unreachable (fails closed)', async () => {
    const broken = await createTestApp({ scanner: { host: '127.0.0.1', port: 9 } });
    try {
      const owner = await setupAgency(broken);
      const collaborator = await createActiveCollaborator(broken, owner.owner);
      const response = await send(broken, owner, collaborator.collaboratorId, 'a.pdf', samplePdf());
      expect(response.status).toBe(503);
      expect(response.json()).toMatchObject({ error: { code: 'scanner_unavailable' } });
      expect(consumeConsoleErrors().some((line) => line.includes('clamd'))).toBe(true);
      const ready = await owner.owner.get('/api/ready');
      expect(ready.status).toBe(503);
      expect(ready.json()).toMatchObject({ checks: { virusScanner: 'failed' } });
    } finally {
      await broken.close();
    }
  });
});

describe.skipIf(!services.s3)('documents on S3-compatible storage', () => {
  let t: TestApp;
  let agency: AgencyFixture;
  let jan: CollaboratorFixture;
  const bucket = `sejf-docs-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    const s3 = services.s3;
    if (!s3) {
      throw new Error('unreachable');
    }
    t = await createTestApp({
      env: {
        STORAGE_DRIVER: 's3',
        S3_ENDPOINT: s3.endpoint,
        S3_REGION: s3.region,
        S3_BUCKET: bucket,
        S3_ACCESS_KEY_ID: s3.accessKeyId,
        S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
        S3_FORCE_PATH_STYLE: 'true',
      },
    });
    agency = await setupAgency(t);
    jan = await createActiveCollaborator(t, agency.owner);
  });
  afterAll(async () => {
    await t.close();
  });

  it('round-trips a multi-megabyte document, stores only ciphertext, and deletes it', async () => {
    const plaintext = Buffer.concat([
      Buffer.from('%PDF-1.4\n% '),
      randomBytes(6 * 1024 * 1024),
      Buffer.from('\n%%EOF\n'),
    ]);
    const response = await send(t, agency, jan.collaboratorId, 'duzy.pdf', plaintext);
    expect(response.status, response.body).toBe(201);
    const doc = response.json<{ id: string; files: { id: string }[] }>();
    const url = `/api/panel/documents/${doc.id}/files/${doc.files[0]?.id ?? ''}/download`;
    const download = await jan.client.get(url);
    expect(download.rawPayload.equals(plaintext)).toBe(true);

    const keys: string[] = [];
    for await (const object of t.platform.storage.list('agencies/')) {
      keys.push(object.key);
    }
    expect(keys).toHaveLength(1);
    const stored = await t.platform.storage.get(keys[0] ?? '');
    const chunks: Buffer[] = [];
    for await (const chunk of stored) {
      chunks.push(chunk as Buffer);
    }
    const ciphertext = Buffer.concat(chunks);
    expect(ciphertext.subarray(0, 8).toString()).toBe('SEJFENC1');
    expect(ciphertext.includes(plaintext.subarray(1000, 1064))).toBe(false);

    // Swift keeps objects as files under its state directory: no plaintext there either.
    const swiftData = path.resolve(import.meta.dirname, '../../../../.tmp/services/s3/srv');
    if (fs.existsSync(swiftData)) {
      const leaked = filesUnder(swiftData).some((file) =>
        fs.readFileSync(file).includes(plaintext.subarray(5000, 5064)),
      );
      expect(leaked).toBe(false);
    }

    expect((await agency.owner.delete(`/api/documents/${doc.id}`)).status).toBe(204);
    expect(await t.platform.storage.exists(keys[0] ?? '')).toBe(false);
  });
});
