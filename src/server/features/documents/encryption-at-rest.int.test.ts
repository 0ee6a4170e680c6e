import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consumeConsoleErrors } from '../../../../test/setup/fail-on-console-error.js';
import {
  createActiveCollaborator,
  setupAgency,
  type AgencyFixture,
  type CollaboratorFixture,
} from '../../../../test/flows.js';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { documentUpload } from '../../../../test/multipart.js';
import { filesUnder } from '../../../../test/support/files.js';

type Sent = { id: string; files: { id: string }[] };

/** A valid PDF whose body is random: any 32 bytes of it found on disk can only be a leak. */
function randomPdf(size: number): Buffer {
  return Buffer.concat([Buffer.from('%PDF-1.4\n% '), randomBytes(size), Buffer.from('\n%%EOF\n')]);
}

/** Needles: 32 bytes from the start of every 4 KiB block of the plaintext. */
function findPlaintext(files: string[], plaintext: Buffer): string[] {
  const needles: Buffer[] = [];
  for (let offset = 16; offset + 32 <= plaintext.length; offset += 4096) {
    needles.push(plaintext.subarray(offset, offset + 32));
  }
  const hits: string[] = [];
  for (const file of files) {
    const content = fs.readFileSync(file);
    if (needles.some((needle) => content.includes(needle))) {
      hits.push(file);
    }
  }
  return hits;
}

describe('documents at rest', () => {
  let t: TestApp;
  let agency: AgencyFixture;
  let jan: CollaboratorFixture;

  beforeAll(async () => {
    t = await createTestApp({ databaseInDataDir: true });
    agency = await setupAgency(t);
    jan = await createActiveCollaborator(t, agency.owner);
  });
  afterAll(async () => {
    await t.close();
  });

  async function send(content: Buffer, fileName = 'rozliczenie.pdf') {
    const response = await agency.owner.request('POST', '/api/documents', {
      ...(() => {
        const body = documentUpload(jan.collaboratorId, [{ fileName, content }]);
        return { payload: body.payload, headers: { 'content-type': body.contentType } };
      })(),
    });
    expect(response.status, response.body).toBe(201);
    const sent = response.json<Sent>();
    const fileId = sent.files[0]?.id ?? '';
    const blob = filesUnder(path.join(t.dataDir, 'files')).find((file) => file.endsWith(fileId));
    if (!blob) {
      throw new Error('blob not found');
    }
    return {
      documentId: sent.id,
      fileId,
      blob,
      url: `/api/panel/documents/${sent.id}/files/${fileId}/download`,
    };
  }

  it('leaves no plaintext byte sequence anywhere under the data directory', async () => {
    const plaintext = randomPdf(300_000);
    const { url } = await send(plaintext);
    // The download works, so the bytes exist somewhere — only in encrypted form.
    const download = await jan.client.get(url);
    expect(download.rawPayload.equals(plaintext)).toBe(true);
    const files = filesUnder(t.dataDir);
    expect(files.some((file) => file.includes(`${path.sep}db${path.sep}`))).toBe(true);
    expect(findPlaintext(files, plaintext)).toEqual([]);
    // Positive control: the same search does find the plaintext where it is.
    const control = path.join(t.dataDir, '..', `control-${path.basename(t.dataDir)}.bin`);
    fs.writeFileSync(control, Buffer.concat([randomBytes(1000), plaintext]));
    expect(findPlaintext([control], plaintext)).toEqual([control]);
    fs.rmSync(control);
  });

  it.each([
    ['a flipped bit in the first chunk', (blob: Buffer) => flip(blob, 100)],
    ['a flipped bit in the last chunk', (blob: Buffer) => flip(blob, blob.length - 30)],
    ['a truncated blob', (blob: Buffer) => blob.subarray(0, blob.length - 1000)],
    ['a blob cut at a chunk boundary', (blob: Buffer) => blob.subarray(0, 16 + (65536 + 16))],
    ['swapped chunks', (blob: Buffer) => swapFirstTwoChunks(blob)],
    ['trailing bytes', (blob: Buffer) => Buffer.concat([blob, Buffer.from('extra')])],
  ])('refuses to deliver %s: integrity error, never wrong bytes', async (_label, tamper) => {
    const plaintext = randomPdf(200_000);
    const { blob, url } = await send(plaintext);
    fs.writeFileSync(blob, tamper(fs.readFileSync(blob)));
    const response = await jan.client.get(url);
    expect(response.status).toBe(500);
    expect(response.json()).toMatchObject({ error: { code: 'integrity_error' } });
    expect(response.rawPayload.includes(plaintext.subarray(16, 48))).toBe(false);
    expect(consumeConsoleErrors().some((line) => line.includes('integrity'))).toBe(true);
    const audit = await agency.owner.get('/api/audit?event=document.integrity_failed');
    expect(audit.json<{ events: unknown[] }>().events.length).toBeGreaterThan(0);
  });

  it('refuses a blob moved from another document', async () => {
    const first = await send(randomPdf(10_000), 'pierwszy.pdf');
    const second = await send(randomPdf(10_000), 'drugi.pdf');
    fs.copyFileSync(first.blob, second.blob);
    const response = await jan.client.get(second.url);
    expect(response.status).toBe(500);
    expect(response.json()).toMatchObject({ error: { code: 'integrity_error' } });
    expect(consumeConsoleErrors().length).toBeGreaterThan(0);
  });
});

function flip(blob: Buffer, offset: number): Buffer {
  const copy = Buffer.from(blob);
  copy[offset] = (copy[offset] ?? 0) ^ 0x01;
  return copy;
}

function swapFirstTwoChunks(blob: Buffer): Buffer {
  const header = 16;
  const chunk = 65536 + 16;
  const first = blob.subarray(header, header + chunk);
  const second = blob.subarray(header + chunk, header + 2 * chunk);
  return Buffer.concat([blob.subarray(0, header), second, first, blob.subarray(header + 2 * chunk)]);
}
