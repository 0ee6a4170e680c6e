import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bufferSource,
  collect,
  createScratchDirectory,
  insurerFixtures,
  rejection,
} from '../../../../../test/fixtures/insurers/statement-files.js';
import { buildXlsx, inlineCell, testStyles } from '../../../../../test/fixtures/insurers/xlsx-builder.js';
import { buildZip } from '../../../../../test/fixtures/insurers/zip-builder.js';
import { columnMappingSchema } from './import-mapping.js';
import { inspectStatementFile } from './inspect-statement-file.js';
import type { ParseLimits } from './parse-limits.js';
import { readStatementLines } from './read-statement-lines.js';
import { suggestMapping } from './suggest-mapping.js';

let scratch: Awaited<ReturnType<typeof createScratchDirectory>>;

beforeAll(async () => {
  scratch = await createScratchDirectory();
});

afterAll(async () => {
  await scratch.remove();
});

const statementDate = '2026-09-30';

async function readWorkbook(file: string | Buffer, limits?: Partial<ParseLimits>) {
  const path = typeof file === 'string' ? file : await scratch.write('statement.xlsx', file);
  const inspected = await inspectStatementFile(path, { limits });
  const mapping = columnMappingSchema.parse({ columns: suggestMapping(inspected.headers) });
  const batches = await collect(readStatementLines(path, inspected, mapping, { statementDate, limits }));
  return {
    inspected,
    lines: batches.flatMap((batch) => batch.lines),
    errors: batches.flatMap((batch) => batch.errors),
    skipped: batches.reduce((sum, batch) => sum + batch.skipped, 0),
  };
}

async function workbookError(file: Buffer, limits?: Partial<ParseLimits>): Promise<unknown> {
  return rejection(readWorkbook(file, limits));
}

const HEADER_ROW = `<row r="1">${inlineCell('A1', 'Nr polisy')}${inlineCell('B1', 'Ubezpieczający')}${inlineCell('C1', 'Prowizja')}${inlineCell('D1', 'Termin płatności')}</row>`;

describe('the committed XLSX fixture', () => {
  it('reads numbers, percentages, dates, cached formula results and a Polish text amount', async () => {
    const { inspected, lines, errors, skipped } = await readWorkbook(insurerFixtures.allianz);
    expect(inspected.headerRowNumber).toBe(3);
    expect(errors).toEqual([]);
    expect(skipped).toBe(1);
    expect(
      lines.map((line) => [
        line.rowNumber,
        line.premium,
        line.insurerRate,
        line.commission,
        line.lineDate,
        line.lineType,
      ]),
    ).toEqual([
      [4, 215040, '10', 21504, '2026-09-05', 'standard'],
      [5, 84580, '15', 12687, '2026-09-12', 'standard'],
      [6, 120000, '20', 24000, '2026-09-30', 'standard'],
      [7, -60000, '10', -6000, '2026-09-21', 'storno'],
    ]);
    expect(lines[0]).toMatchObject({ policyholder: 'Grzegorz Brzęczyszczykiewicz', agentCode: 'AG101' });
  });

  it('reads the same from byte ranges as from a path', async () => {
    const bytes = await readFile(insurerFixtures.allianz);
    const inspected = await inspectStatementFile(bufferSource(bytes));
    const mapping = columnMappingSchema.parse({ columns: suggestMapping(inspected.headers) });
    const batches = await collect(
      readStatementLines(bufferSource(bytes), inspected, mapping, { statementDate }),
    );
    expect(batches.flatMap((batch) => batch.lines)).toEqual(
      (await readWorkbook(insurerFixtures.allianz)).lines,
    );
  });
});

describe('workbooks written by exceljs', () => {
  async function excelWorkbook(build: (workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
    const workbook = new ExcelJS.Workbook();
    build(workbook);
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  it('uses cached formula results, reports formulas without one, and never evaluates', async () => {
    const file = await excelWorkbook((workbook) => {
      const sheet = workbook.addWorksheet('Arkusz1');
      sheet.mergeCells('A1:E1');
      sheet.getCell('A1').value = 'Zestawienie prowizji — wrzesień 2026';
      sheet.addRow(['Nr polisy', 'Składka', 'Stawka', 'Prowizja', 'Data']);
      sheet.addRow(['F/1', 1000, 0.1, { formula: 'B3*C3', result: 100 }, new Date(Date.UTC(2026, 8, 1))]);
      // A cached result that disagrees with the formula: the file's value is the one used.
      sheet.addRow(['F/2', 1000, 0.1, { formula: 'B4*C4', result: 99.99 }, new Date(Date.UTC(2026, 8, 2))]);
      sheet.addRow(['F/3', 1000, 0.1, { formula: 'B5*C5' }, new Date(Date.UTC(2026, 8, 3))]);
      sheet.addRow(['F/4', 1000, 0.1, { error: '#DIV/0!' }, new Date(Date.UTC(2026, 8, 4))]);
      sheet.addRow([{ formula: '"F/"&5' }, 1000, 0.1, 5, new Date(Date.UTC(2026, 8, 5))]);
      sheet.addRow(['F/6', 0.1 + 0.2, { formula: '1/3', result: 1 / 3 }, 1.005, 46_300]);
      sheet.getColumn(3).numFmt = '0.0%';
      sheet.getColumn(5).numFmt = 'dd.mm.yyyy';
    });
    const { inspected, lines, errors } = await readWorkbook(file);
    expect(inspected.headerRowNumber).toBe(2);
    expect(lines.map((line) => [line.rowNumber, line.commission, line.insurerRate, line.lineDate])).toEqual([
      [3, 10000, '10', '2026-09-01'],
      [4, 9999, '10', '2026-09-02'],
    ]);
    expect(errors).toEqual([
      { rowNumber: 5, code: 'formula_without_value', field: 'commission' },
      { rowNumber: 6, code: 'amount_invalid', field: 'commission' },
      { rowNumber: 7, code: 'formula_without_value', field: 'policyNumber' },
      { rowNumber: 8, code: 'amount_invalid', field: 'commission' },
      { rowNumber: 8, code: 'rate_invalid', field: 'insurerRate' },
    ]);
  });

  it('reads the 1904 date system, booleans, numeric policy numbers, and the first visible sheet', async () => {
    const file = await excelWorkbook((workbook) => {
      workbook.properties.date1904 = true;
      const hidden = workbook.addWorksheet('Ukryty', { state: 'hidden' });
      hidden.addRow(['to nie jest zestawienie']);
      const sheet = workbook.addWorksheet('Zestawienie');
      sheet.addRow(['Nr polisy', 'Prowizja', 'Termin płatności', 'Wznowienie']);
      sheet.addRow([123456789012, 12.5, new Date(Date.UTC(2026, 8, 15)), true]);
      sheet.addRow(['P/2', -3, new Date(Date.UTC(2026, 8, 16)), false]);
      sheet.getColumn(3).numFmt = 'yyyy-mm-dd';
    });
    const { inspected, lines, errors } = await readWorkbook(file);
    expect(inspected.sheetName).toBe('Zestawienie');
    expect(errors).toEqual([]);
    expect(
      lines.map((line) => [line.policyNumber, line.commission, line.lineDate, line.renewal, line.lineType]),
    ).toEqual([
      ['123456789012', 1250, '2026-09-15', true, 'standard'],
      ['P/2', -300, '2026-09-16', false, 'storno'],
    ]);
  });
});

describe('hand-written sheet XML', () => {
  it('reads inline and rich shared strings, entities, Office escapes, CDATA, prefixes and cells without references', async () => {
    const file = buildXlsx({
      sharedStrings: [],
      sharedStringsXml: `<sst xmlns="x" uniqueCount="2"><si><r><rPr><b/></rPr><t>Anna </t></r><r><t xml:space="preserve">Kowalska</t></r><rPh><t>PHONETIC</t></rPh></si><si><t>Jan_x000D_ &amp; Syn</t></si></sst>`,
      rows: [
        HEADER_ROW,
        `<row r="3"><c r="A3" t="inlineStr"><is><t>A/1</t></is></c><c r="B3" t="s"><v>0</v></c><c r="C3" s="${String(testStyles.amount)}"><v>1234.5</v></c><c r="D3" s="${String(testStyles.date)}"><v>46280</v></c></row>`,
        `<x:row r="4"><x:c t="inlineStr"><x:is><x:t>A/2</x:t></x:is></x:c><x:c t="s"><x:v>1</x:v></x:c><x:c><x:v>7</x:v></x:c><x:c t="d"><x:v>2026-09-16T00:00:00Z</x:v></x:c></x:row>`,
        `<row r="5"><c r="A5" t="str"><f>CONCAT("A/","3")</f><v><![CDATA[A/3]]></v></c><c r="B5" t="inlineStr"><is><t>&#321;ucja &lt;Żółć&gt;</t></is></c><c r="C5" t="str"><v>1 234,56</v></c><c r="D5" s="${String(testStyles.customDate)}"><v>46281</v></c></row>`,
      ].join(''),
    });
    const { lines, errors } = await readWorkbook(file);
    expect(errors).toEqual([]);
    expect(
      lines.map((line) => [
        line.rowNumber,
        line.policyNumber,
        line.policyholder,
        line.commission,
        line.lineDate,
      ]),
    ).toEqual([
      [3, 'A/1', 'Anna Kowalska', 123450, '2026-09-15'],
      [4, 'A/2', 'Jan\r & Syn', 700, '2026-09-16'],
      [5, 'A/3', 'Łucja <Żółć>', 123456, '2026-09-16'],
    ]);
  });

  it('numbers rows as Excel does, with rows left out of the file', async () => {
    const file = buildXlsx({
      rows: `${HEADER_ROW}<row r="7">${inlineCell('A7', 'A/7')}<c r="C7"><v>1</v></c></row><row r="1000">${inlineCell('A1000', 'A/1000')}<c r="C1000"><v>abc</v></c></row>`,
    });
    const { lines, errors } = await readWorkbook(file);
    expect(lines.map((line) => line.rowNumber)).toEqual([7]);
    expect(errors).toEqual([{ rowNumber: 1000, code: 'amount_invalid', field: 'commission' }]);
  });

  it('refuses a cell referring to a shared string that does not exist', async () => {
    const file = buildXlsx({
      sharedStrings: ['Nr polisy'],
      rows: `${HEADER_ROW}<row r="2"><c r="A2" t="s"><v>5</v></c></row>`,
    });
    expect(await workbookError(file)).toMatchObject({ code: 'xlsx_invalid' });
  });
});

describe('workbooks that are refused', () => {
  it('a zip that is no workbook, a damaged one, and an empty archive', async () => {
    const notWorkbook = buildZip([{ name: 'readme.txt', data: 'hello' }]);
    const good = buildXlsx({ rows: HEADER_ROW });
    const truncated = good.subarray(0, good.length - 30);
    const damaged = Buffer.from(good);
    damaged.fill(0x55, 400, 900);
    const emptyZip = Buffer.from('504b0506000000000000000000000000000000000000', 'hex');
    for (const file of [notWorkbook, truncated, emptyZip]) {
      expect(await workbookError(file)).toMatchObject({ code: 'xlsx_invalid' });
    }
    expect(await workbookError(damaged)).toMatchObject({ code: 'xlsx_invalid' });
  });

  it('a zip entry that declares a small size and inflates to more (a zip bomb)', async () => {
    const rows = `<row r="2">${inlineCell('A2', 'A/2')}<c r="C2"><v>1</v></c></row>`.repeat(20_000);
    const file = buildXlsx({ rows: HEADER_ROW + rows, sheetEntry: { declaredSize: 50_000 } });
    expect(await workbookError(file)).toMatchObject({ code: 'xlsx_too_large' });
  });

  it('entries declaring more than the limit in total, before anything is inflated', async () => {
    const file = buildXlsx({
      rows: HEADER_ROW,
      extraEntries: [{ name: 'xl/media/big.bin', data: 'x', declaredSize: 600 * 1024 * 1024 }],
    });
    expect(await workbookError(file)).toMatchObject({
      code: 'xlsx_too_large',
      details: { limit: 512 * 1024 * 1024 },
    });
  });

  it('a suspiciously compressible sheet', async () => {
    const padding = Buffer.from('<x/>'.repeat(2 * 1024 * 1024));
    const file = buildXlsx({
      rows: Buffer.concat([Buffer.from(HEADER_ROW), padding]),
      sheetEntry: { level: 9 },
    });
    expect(await workbookError(file)).toMatchObject({ code: 'xlsx_too_large' });
    // The same sheet passes with the ratio check relaxed, and a lower byte limit stops it while inflating.
    expect((await readWorkbook(file, { maxCompressionRatio: 100_000 })).lines).toEqual([]);
    const limits = { maxCompressionRatio: 100_000, maxUncompressedBytes: 4 * 1024 * 1024 };
    expect(await workbookError(file, limits)).toMatchObject({ code: 'xlsx_too_large' });
  });

  it('an archive with too many entries', async () => {
    const extraEntries = Array.from({ length: 10_001 }, (_, i) => ({
      name: `xl/media/${String(i)}.txt`,
      data: '',
    }));
    expect(await workbookError(buildXlsx({ rows: HEADER_ROW, extraEntries }))).toMatchObject({
      code: 'xlsx_too_large',
    });
  });

  it('shared strings beyond the bound, declared or counted', async () => {
    const strings = ['Nr polisy', 'Ubezpieczający', 'Prowizja', 'x', 'y'];
    const file = buildXlsx({ sharedStrings: strings, rows: HEADER_ROW });
    expect(await workbookError(file, { maxSharedStrings: 4 })).toMatchObject({ code: 'xlsx_too_large' });
    const undeclared = buildXlsx({
      sharedStringsXml: `<sst>${strings.map((text) => `<si><t>${text}</t></si>`).join('')}</sst>`,
      rows: HEADER_ROW,
    });
    expect(await workbookError(undeclared, { maxSharedStrings: 4 })).toMatchObject({
      code: 'xlsx_too_large',
    });
    expect(await workbookError(file, { maxSharedStringsBytes: 100 })).toMatchObject({
      code: 'xlsx_too_large',
    });
  });

  it('an encrypted zip entry', async () => {
    const file = buildXlsx({ rows: HEADER_ROW, sheetEntry: { flags: 0x1 } });
    expect(await workbookError(file)).toMatchObject({ code: 'xlsx_encrypted' });
  });

  it('more data rows than the limit', async () => {
    const rows = Array.from(
      { length: 20 },
      (_, i) =>
        `<row r="${String(i + 2)}">${inlineCell(`A${String(i + 2)}`, 'A')}<c r="C${String(i + 2)}"><v>1</v></c></row>`,
    );
    const error = await workbookError(buildXlsx({ rows: HEADER_ROW + rows.join('') }), { maxDataRows: 10 });
    expect(error).toMatchObject({ code: 'too_many_rows', details: { rowNumber: 12, limit: 10 } });
  });

  it('a 1,000,000-row sheet at the default limit, stopping at the limit', { timeout: 120_000 }, async () => {
    const rows: Buffer[] = [
      Buffer.from(
        `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>`,
      ),
    ];
    const batch: string[] = [];
    for (let row = 2; row <= 1_000_001; row += 1) {
      batch.push(
        `<row r="${String(row)}"><c r="A${String(row)}" t="s"><v>3</v></c><c r="C${String(row)}"><v>12.5</v></c></row>`,
      );
      if (batch.length === 50_000) {
        rows.push(Buffer.from(batch.join('')));
        batch.length = 0;
      }
    }
    const file = buildXlsx({
      sharedStrings: ['Nr polisy', 'Ubezpieczający', 'Prowizja', 'P/1'],
      rows: Buffer.concat(rows),
      sheetEntry: { level: 1 },
    });
    const error = await workbookError(file);
    expect(error).toMatchObject({ code: 'too_many_rows', details: { rowNumber: 500_002, limit: 500_000 } });
  });
});
