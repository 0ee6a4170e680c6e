import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActiveCollaborator, setupAgency } from '../../../../test/flows.js';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { queryRows, type TenantScope } from '../../db/database.js';
import type { FileStorage } from '../../storage/file-storage.js';
import { createGeneratedDocuments, type GeneratedDocumentInput } from './generated-documents.js';
import { filesUnder } from '../../../../test/support/files.js';

describe('documents Sejf writes itself', () => {
  let t: TestApp;
  let scope: TenantScope;
  let collaboratorId: string;
  const filesDir = () => (t.config.storage.kind === 'local' ? t.config.storage.dir : '');

  const input = (title: string): GeneratedDocumentInput => ({
    collaboratorId,
    title,
    periodMonth: '2026-11',
    files: [
      { fileName: 'a.pdf', contentType: 'application/pdf', content: Buffer.from(`%PDF-1.7 ${title} a`) },
      { fileName: 'b.xlsx', contentType: 'application/octet-stream', content: Buffer.from(`${title} b`) },
    ],
  });

  const documentsTitled = (prefix: string) =>
    t.platform.db.system((tx) =>
      queryRows<{ status: string; files: number }>(
        tx,
        sql`select d.status, (select count(*)::int from document_files f where f.document_id = d.id) as files
          from documents d where d.title like ${`${prefix}%`}`,
      ),
    );

  beforeAll(async () => {
    t = await createTestApp();
    const a = await setupAgency(t);
    collaboratorId = (await createActiveCollaborator(t, a.owner)).collaboratorId;
    const [owner] = await t.platform.db.system((tx) =>
      queryRows<{ id: string }>(tx, sql`select id from users where email = ${a.ownerEmail}`),
    );
    scope = { agencyId: a.agencyId, userId: owner?.id ?? '', role: 'owner', collaboratorId: null };
  });
  afterAll(async () => {
    await t.close();
  });

  it('stores prepared documents, encrypted, with the caller recording them in the same transaction', async () => {
    const generated = createGeneratedDocuments(t.platform);
    const before = filesUnder(filesDir()).length;
    let recorded = 0;
    const stored = await generated.storeMany(
      scope,
      [input('Gotowy 1'), input('Gotowy 2')],
      async (_tx, docs) => {
        recorded = docs.length;
      },
    );
    expect(recorded).toBe(2);
    expect(stored.map((document) => document.files.length)).toEqual([2, 2]);
    expect(await documentsTitled('Gotowy')).toEqual([
      { status: 'prepared', files: 2 },
      { status: 'prepared', files: 2 },
    ]);
    expect(filesUnder(filesDir()).length).toBe(before + 4);
  });

  it("leaves nothing behind when the caller's record is refused", async () => {
    const generated = createGeneratedDocuments(t.platform);
    const before = filesUnder(filesDir()).sort();
    await expect(
      generated.storeMany(scope, [input('Odrzucony 1'), input('Odrzucony 2')], () => {
        throw new Error('refused by the caller');
      }),
    ).rejects.toThrow('refused by the caller');
    expect(await documentsTitled('Odrzucony')).toEqual([]);
    expect(filesUnder(filesDir()).sort()).toEqual(before);
  });

  it('leaves nothing behind when storing a blob fails half-way', async () => {
    let puts = 0;
    const failing: FileStorage = {
      ...t.platform.storage,
      async put(key, body) {
        puts += 1;
        if (puts === 3) {
          body.resume();
          throw new Error('disk full');
        }
        return t.platform.storage.put(key, body);
      },
    };
    const generated = createGeneratedDocuments({ ...t.platform, storage: failing });
    const before = filesUnder(filesDir()).sort();
    await expect(generated.storeMany(scope, [input('Przerwany 1'), input('Przerwany 2')])).rejects.toThrow(
      'disk full',
    );
    expect(puts).toBe(4);
    expect(await documentsTitled('Przerwany')).toEqual([]);
    expect(filesUnder(filesDir()).sort()).toEqual(before);
  });
});
