import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collaboratorInput, setupAgency, type AgencyFixture } from '../../../../test/flows.js';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { samplePdf } from '../../../../test/multipart.js';
import {
  importStatement,
  insurerId,
  parseImport,
  pzuStatement,
  uploadStatement,
  type ImportDetail,
} from '../../../../test/settlements.js';
import { filesUnder } from '../../../../test/support/files.js';

const fixtures = path.resolve(import.meta.dirname, '../../../../test/fixtures/insurers');
const fixture = (name: string) => fs.readFileSync(path.join(fixtures, name));

type Lines = {
  total: number;
  lines: {
    rowNumber: number;
    policyNumber: string;
    policyholder: string | null;
    commission: number;
    risk: string | null;
    lineType: string;
    collaboratorName: string | null;
  }[];
  errors: { rowNumber: number; code: string; field: string | null }[];
};
type ErrorBody = { error: { code: string; details?: Record<string, unknown> } };

describe('insurer statement imports', () => {
  let t: TestApp;
  let a: AgencyFixture;
  let hestia: string;
  let pzu: string;
  let allianz: string;

  const importCount = async () => (await a.owner.get('/api/imports')).json<unknown[]>().length;
  const storedImportFiles = () =>
    filesUnder(path.join(t.dataDir, 'files')).filter((file) =>
      file.includes(`${path.sep}imports${path.sep}`),
    );

  beforeAll(async () => {
    t = await createTestApp();
    a = await setupAgency(t);
    hestia = await insurerId(a.owner, 'ERGO Hestia');
    pzu = await insurerId(a.owner, 'PZU');
    allianz = await insurerId(a.owner, 'Allianz');
    const jan = (
      await a.owner.post('/api/collaborators', collaboratorInput({ fullName: 'Jan Testowy' }))
    ).json<{ id: string }>();
    await a.owner.post('/api/agent-codes', { insurerId: hestia, collaboratorId: jan.id, code: 'AG 001' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('reads an ERGO Hestia file: header below the title lines, one line per risk, codes attributed', async () => {
    const uploaded = await uploadStatement(a.owner, {
      insurerId: hestia,
      fileName: 'Szczegóły zestawienia prowizyjnego nr 123.CSV',
      content: fixture('ergo-hestia-2026-09.csv'),
      statementDate: '2026-09-30',
    });
    expect(uploaded.status, uploaded.body).toBe(201);
    const detail = uploaded.json<ImportDetail>();
    expect(detail).toMatchObject({ status: 'uploaded', mappingSource: 'suggested', mappingProblems: [] });
    expect(detail.detected).toMatchObject({ headerRowNumber: 7, encoding: 'utf-8-bom', delimiter: ';' });
    expect(detail.mapping?.columns).toMatchObject({
      policyNumber: 'Nr polisy',
      commission: 'Prowizja',
      risk: 'Ryzyko',
    });

    const parsed = await parseImport(t, a.owner, detail.id);
    expect(parsed).toMatchObject({ status: 'parsed', errorCount: 0 });
    const lines = (await a.owner.get(`/api/imports/${detail.id}/lines?limit=500`)).json<Lines>();
    expect(lines.total).toBe(parsed.lineCount);
    expect(lines.lines.reduce((sum, line) => sum + line.commission, 0)).toBe(parsed.commissionTotal);
    const first = lines.lines[0];
    expect(first).toMatchObject({
      rowNumber: 8,
      policyNumber: 'HES/2026/000101',
      risk: 'M30',
      commission: 12000,
      collaboratorName: 'Jan Testowy',
    });

    const committed = await a.owner.post(`/api/imports/${detail.id}/commit`);
    expect(committed.status, committed.body).toBe(200);
    expect(committed.json<ImportDetail>().status).toBe('committed');

    // The same bytes again: refused, and nothing of the second upload remains.
    const before = { imports: await importCount(), files: storedImportFiles().length };
    const again = await uploadStatement(a.owner, {
      insurerId: hestia,
      fileName: 'kopia.csv',
      content: fixture('ergo-hestia-2026-09.csv'),
    });
    expect(again.status).toBe(409);
    expect(again.json<ErrorBody>().error).toMatchObject({
      code: 'import_duplicate',
      details: { importId: detail.id },
    });
    expect({ imports: await importCount(), files: storedImportFiles().length }).toEqual(before);
  });

  it('keeps the original encrypted at rest and gives it back byte for byte', async () => {
    const [committed] = (await a.owner.get('/api/imports?status=committed')).json<ImportDetail[]>();
    const original = fixture('ergo-hestia-2026-09.csv');
    const needle = Buffer.from('HES/2026/000101');
    for (const file of filesUnder(t.dataDir)) {
      expect(fs.readFileSync(file).includes(needle), file).toBe(false);
    }
    const download = await a.owner.get(`/api/imports/${committed?.id ?? ''}/file`);
    expect(download.status).toBe(200);
    expect(download.rawPayload.equals(original)).toBe(true);
  });

  it('reads Windows-1250 with Polish letters and remembers the mapping for the insurer', async () => {
    const uploaded = (
      await uploadStatement(a.owner, {
        insurerId: pzu,
        fileName: 'Raport_prowizji_09.csv',
        content: fixture('pzu-2026-09-cp1250.csv'),
      })
    ).json<ImportDetail>();
    expect(uploaded.detected).toMatchObject({ encoding: 'windows-1250', headerRowNumber: 3 });
    const mapping = {
      columns: {
        policyNumber: 'Numer polisy',
        policyholder: 'Ubezpieczający',
        product: 'Produkt',
        premium: 'Składka przypisana',
        insurerRate: 'Stawka %',
        commission: 'Kwota prowizji',
        installment: 'Rata',
        dueDate: 'Data',
        agentCode: 'Nr agenta',
        lineType: 'Rodzaj',
      },
      decimalSeparator: ',',
      dateFormat: 'DD.MM.YYYY',
    };
    const wrong = await a.owner.request('PUT', `/api/imports/${uploaded.id}/mapping`, {
      body: { mapping: { ...mapping, columns: { ...mapping.columns, commission: 'Prowizja netto' } } },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.json<ErrorBody>().error).toMatchObject({
      code: 'import_mapping_invalid',
      details: { problems: [{ field: 'commission', problem: 'column_missing' }] },
    });
    const mapped = await a.owner.request('PUT', `/api/imports/${uploaded.id}/mapping`, { body: { mapping } });
    expect(mapped.status, mapped.body).toBe(200);
    const parsed = await parseImport(t, a.owner, uploaded.id);
    expect(parsed).toMatchObject({
      status: 'parsed',
      errorCount: 0,
      lineCount: 4,
      commissionTotal: 15432 + 20000 + 92593 - 15432,
    });
    const lines = (await a.owner.get(`/api/imports/${uploaded.id}/lines`)).json<Lines>();
    expect(lines.lines.map((line) => line.policyholder)).toContain('Łukasz Żółć-Ślązak');
    expect(lines.lines.find((line) => line.commission < 0)?.lineType).toBe('correction');
    expect(parsed.unmatchedCount).toBe(4);

    const insurers = (await a.owner.get('/api/insurers')).json<{ id: string; hasTemplate: boolean }[]>();
    expect(insurers.find((insurer) => insurer.id === pzu)?.hasTemplate).toBe(true);
    const edited = Buffer.from(
      fixture('pzu-2026-09-cp1250.csv').toString('latin1').replace('PZU/AUT/2026/002', 'PZU/AUT/2026/777'),
      'latin1',
    );
    const next = (
      await uploadStatement(a.owner, { insurerId: pzu, fileName: 'Raport_prowizji_10.csv', content: edited })
    ).json<ImportDetail>();
    expect(next.mappingSource).toBe('template');
    expect(next.mapping?.columns.commission).toBe('Kwota prowizji');
    expect((await a.owner.delete(`/api/imports/${next.id}`)).status).toBe(204);
  });

  it('offers the columns it recognised when the commission column is not one of them', async () => {
    const uploaded = await uploadStatement(a.owner, {
      insurerId: await insurerId(a.owner, 'Link4'),
      fileName: 'link4-2026-09.csv',
      content: Buffer.from(
        'Polisa;Klient;Kwota dla pośrednika;Nr agenta\nL4/2026/1;Adam Nowak;"123,45";AG 001\n',
        'utf8',
      ),
    });
    expect(uploaded.status, uploaded.body).toBe(201);
    const detail = uploaded.json<ImportDetail>();
    expect(detail.mapping).toBeNull();
    expect(detail.mappingProblems).toEqual([{ field: 'commission', problem: 'not_mapped' }]);
    expect(detail.suggestedColumns).toEqual({
      policyNumber: 'Polisa',
      policyholder: 'Klient',
      agentCode: 'Nr agenta',
    });
    const refused = await a.owner.post(`/api/imports/${detail.id}/parse`);
    expect(refused.status).toBe(400);
    expect(refused.json<ErrorBody>().error.code).toBe('import_mapping_invalid');
    expect((await a.owner.delete(`/api/imports/${detail.id}`)).status).toBe(204);
  });

  it('reads an XLSX statement', async () => {
    const uploaded = await uploadStatement(a.owner, {
      insurerId: allianz,
      fileName: 'allianz-2026-09.xlsx',
      content: fixture('allianz-2026-09.xlsx'),
    });
    expect(uploaded.status, uploaded.body).toBe(201);
    const detail = uploaded.json<ImportDetail>();
    expect(detail.detected).toMatchObject({ encoding: null, delimiter: null });
    const parsed = await parseImport(t, a.owner, detail.id);
    expect(parsed.status, JSON.stringify(parsed.failure)).toBe('parsed');
    expect(parsed.lineCount).toBeGreaterThan(0);
  });

  it('gives waiting lines to a collaborator as soon as their agent code is registered', async () => {
    const warta = await insurerId(a.owner, 'Warta');
    const imported = await importStatement(t, a.owner, {
      insurerId: warta,
      fileName: 'Raport_nowy_kod.csv',
      content: pzuStatement([
        {
          policy: 'PZU/901',
          holder: 'Klient',
          product: 'OC',
          premium: '500,00',
          commission: '50,00',
          date: '03.11.2026',
          agent: 'NK-7',
        },
        {
          policy: 'PZU/902',
          holder: 'Klient',
          product: 'AC',
          premium: '300,00',
          commission: '30,00',
          date: '04.11.2026',
          agent: 'NK-7',
        },
      ]),
    });
    expect(imported.unmatchedCount).toBe(2);
    const waiting = (await a.owner.get('/api/imports/unmatched')).json<{ agentCode: string | null }[]>();
    expect(waiting.map((group) => group.agentCode)).toContain('NK-7');

    const ola = (
      await a.owner.post('/api/collaborators', collaboratorInput({ fullName: 'Ola Nowokodowa' }))
    ).json<{ id: string }>();
    const code = await a.owner.post('/api/agent-codes', {
      insurerId: warta,
      collaboratorId: ola.id,
      code: 'nk-7',
    });
    expect(code.status, code.body).toBe(201);

    const after = (await a.owner.get('/api/imports/unmatched')).json<{ agentCode: string | null }[]>();
    expect(after.map((group) => group.agentCode)).not.toContain('NK-7');
    expect((await a.owner.get(`/api/imports/${imported.id}`)).json<ImportDetail>().unmatchedCount).toBe(0);
    const lines = (await a.owner.get(`/api/imports/${imported.id}/lines`)).json<Lines>().lines;
    expect(lines.map((line) => line.collaboratorName)).toEqual(['Ola Nowokodowa', 'Ola Nowokodowa']);
  });

  it('lists row-numbered errors, refuses to commit them, and discards without a trace', async () => {
    const content = [
      'Nr polisy;Ubezpieczający;Produkt;Prowizja;Termin płatności;Kod agenta',
      'P/1;Anna Lis;OC;100,00;01.09.2026;A1',
      'P/2;Jan Kos;OC;dużo;01.09.2026;A1',
      'P/3;Ewa Gil;OC;50,00;31.02.2026;A1',
      ';Ola Mak;OC;10,00;01.09.2026;A1',
    ].join('\n');
    const uploaded = (
      await uploadStatement(a.owner, { insurerId: pzu, fileName: 'bledy.csv', content })
    ).json<ImportDetail>();
    await a.owner.request('PUT', `/api/imports/${uploaded.id}/mapping`, {
      body: {
        mapping: {
          columns: {
            policyNumber: 'Nr polisy',
            commission: 'Prowizja',
            dueDate: 'Termin płatności',
            agentCode: 'Kod agenta',
          },
        },
        remember: false,
      },
    });
    const parsed = await parseImport(t, a.owner, uploaded.id);
    expect(parsed).toMatchObject({ status: 'parsed', lineCount: 1, errorCount: 3 });
    const errors = (await a.owner.get(`/api/imports/${uploaded.id}/lines?show=errors`)).json<Lines>().errors;
    expect(errors).toEqual([
      { rowNumber: 3, code: 'amount_invalid', field: 'commission' },
      { rowNumber: 4, code: 'date_invalid', field: 'dueDate' },
      { rowNumber: 5, code: 'required_missing', field: 'policyNumber' },
    ]);
    const commit = await a.owner.post(`/api/imports/${uploaded.id}/commit`);
    expect(commit.json<ErrorBody>().error).toMatchObject({
      code: 'import_has_errors',
      details: { errorCount: 3 },
    });

    const filesBefore = storedImportFiles().length;
    expect((await a.owner.delete(`/api/imports/${uploaded.id}`)).status).toBe(204);
    expect(storedImportFiles().length).toBe(filesBefore - 1);
    const gone = await a.owner.get(`/api/imports/${uploaded.id}/lines`);
    expect(gone.json<Lines>().total).toBe(0);
    expect((await a.owner.post(`/api/imports/${uploaded.id}/parse`)).json<ErrorBody>().error.code).toBe(
      'import_state_conflict',
    );
  });

  it('refuses what is not an insurer statement, leaving no row and no stored file', async () => {
    const before = { imports: await importCount(), files: storedImportFiles().length };
    const cases: [string, Buffer, number, string][] = [
      ['zestawienie.csv', samplePdf(), 415, 'file_type_not_allowed'],
      ['pusty.csv', Buffer.alloc(0), 400, 'empty_file'],
      ['bez-naglowka.csv', Buffer.from('1;2;3\n4;5;6\n'), 422, 'import_file_invalid'],
    ];
    for (const [fileName, content, status, code] of cases) {
      const response = await uploadStatement(a.owner, { insurerId: pzu, fileName, content });
      expect(response.status, `${fileName}: ${response.body}`).toBe(status);
      expect(response.json<ErrorBody>().error.code).toBe(code);
    }
    expect({ imports: await importCount(), files: storedImportFiles().length }).toEqual(before);
  });
});
