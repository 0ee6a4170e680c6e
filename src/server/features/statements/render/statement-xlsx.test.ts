import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { makeLines, makeStatement } from '../../../../../test/support/statement-fixtures.js';
import { renderStatementXlsx } from './statement-xlsx.js';

async function load(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

function sheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const found = workbook.getWorksheet(name);
  if (found === undefined) {
    throw new Error(`No sheet ${name}`);
  }
  return found;
}

const HEADERS = [
  'Lp.',
  'Towarzystwo',
  'Plik',
  'Wiersz w pliku',
  'Nr polisy',
  'Ubezpieczający',
  'Produkt',
  'Ryzyko',
  'Data',
  'Typ',
  'Prowizja agencji',
  'Naliczane od',
  'Stawka (%)',
  'Podstawa',
  'Udział',
  'Reguła',
];

describe('renderStatementXlsx', () => {
  it('writes every line with all its fields: amounts and rates as numbers, dates as dates', async () => {
    const input = makeStatement(300);
    const lines = sheet(await load(await renderStatementXlsx(input)), 'Pozycje');
    expect(lines.getRow(1).values).toEqual([undefined, ...HEADERS]);
    expect(lines.rowCount).toBe(input.lines.length + 1);
    const byPolicy = new Map(input.lines.map((line) => [line.policyNumber, line]));
    for (let row = 2; row <= lines.rowCount; row++) {
      const cells = lines.getRow(row);
      const line = byPolicy.get(cells.getCell(5).text);
      if (line === undefined) {
        throw new Error(`Row ${String(row)} is not a line of the statement`);
      }
      expect(cells.getCell(1).value).toBe(row - 1);
      expect(cells.getCell(2).value).toBe(line.insurerName);
      expect(cells.getCell(3).value).toBe(line.fileName);
      expect(cells.getCell(4).value).toBe(line.rowNumber);
      expect(cells.getCell(6).value).toBe(line.policyholder);
      expect(cells.getCell(7).value).toBe(line.product);
      expect(cells.getCell(8).value ?? null).toBe(line.risk);
      expect(cells.getCell(9).value).toEqual(new Date(`${line.lineDate}T00:00:00Z`));
      expect(cells.getCell(11).value).toBe(line.commission / 100);
      expect(cells.getCell(13).value ?? null).toBe(line.rate === null ? null : Number(line.rate));
      expect(cells.getCell(14).value).toBe(line.base / 100);
      expect(cells.getCell(15).value).toBe(line.share / 100);
      expect(cells.getCell(16).value).toBe(line.rule);
      expect(cells.getCell(15).type).toBe(ExcelJS.ValueType.Number);
      expect(cells.getCell(9).type).toBe(ExcelJS.ValueType.Date);
    }
  });

  it('shares that sum, in grosze, exactly to the statement total', async () => {
    const input = makeStatement(2_000);
    const lines = sheet(await load(await renderStatementXlsx(input)), 'Pozycje');
    let total = 0;
    lines.getColumn(15).eachCell((cell, row) => {
      if (row > 1) {
        const grosze = Math.round(Number(cell.value) * 100);
        // Two decimals at most: a cell never carries a fraction of a grosz.
        expect(Number((grosze / 100).toFixed(2))).toBe(cell.value);
        total += grosze;
      }
    });
    expect(total).toBe(input.linesTotal);
  });

  it('formats amounts as złoty with two decimals and dates as DD.MM.YYYY, and filters the header row', async () => {
    const workbook = await load(await renderStatementXlsx(makeStatement(3)));
    const lines = sheet(workbook, 'Pozycje');
    // As exceljs reads the codes back, without their escapes.
    expect(lines.getCell('O2').numFmt).toBe('#,##0.00 "zł";[Red]-#,##0.00 "zł"');
    expect(lines.getCell('I2').numFmt).toMatch(/^dd\\?\.mm\\?\.yyyy$/);
    expect(lines.getCell('A1').font.bold).toBe(true);
    expect(lines.autoFilter).toBe('A1:P4');
    expect(lines.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('summarises insurers, adjustments and balances on the second sheet', async () => {
    const input = makeStatement(50, { version: 2, supersedes: { version: 1, amountDue: 10_000 } });
    const summary = sheet(await load(await renderStatementXlsx(input)), 'Podsumowanie');
    const rows = new Map<string, unknown[]>();
    summary.eachRow((row) => {
      const values = (row.values as unknown[]).slice(1);
      rows.set(String(values[0]), values.slice(1));
    });
    expect(rows.get('Zestawienie prowizyjne')).toEqual(['ROZ/2026/11/0007']);
    expect(rows.get('Wersja')).toEqual([2]);
    expect(rows.get('Zastępuje wersję')).toEqual([1]);
    expect(rows.get('Do wypłaty według wersji 1')).toEqual([100]);
    expect(rows.get('Okres rozliczeniowy')).toEqual(['listopad 2026']);
    expect(rows.get('Razem pozycje')).toEqual([50, undefined, input.linesTotal / 100]);
    expect(rows.get('Saldo otwarcia')).toEqual([input.openingBalance / 100]);
    expect(rows.get('Saldo zamknięcia')).toEqual([input.closingBalance / 100]);
    expect(rows.get('Do wypłaty')).toEqual([input.amountDue / 100]);
    expect(rows.get('Przeniesione na kolejny okres')).toEqual([input.carriedForward / 100]);
    expect(rows.get('Potrącenie')).toEqual(['Zwrot kosztów szkolenia', -123.45]);
    const insurers = new Set(input.lines.map((line) => line.insurerName));
    for (const insurer of insurers) {
      const share = input.lines
        .filter((line) => line.insurerName === insurer)
        .reduce((sum, l) => sum + l.share, 0);
      expect(rows.get(insurer)?.[2]).toBe(share / 100);
    }
  });

  it('neutralises text that a spreadsheet would run as a formula', async () => {
    const dangerous = ["=cmd|' /C calc'!A0", '+1', '-1', '@SUM(1)', '\tx', '\rx'];
    const lines = makeLines(dangerous.length).map((line, index) => ({
      ...line,
      policyholder: dangerous[index] ?? '',
    }));
    const workbook = await load(await renderStatementXlsx(makeStatement(0, { lines })));
    const values = sheet(workbook, 'Pozycje')
      .getColumn(6)
      .values.slice(2)
      .map((value) => (typeof value === 'string' ? value : ''));
    expect(values.sort()).toEqual(dangerous.map((value) => `'${value}`).sort());
    sheet(workbook, 'Pozycje').eachRow((row) => {
      row.eachCell((cell) => {
        expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
      });
    });
  });

  it('keeps characters XML cannot carry from breaking the workbook', async () => {
    const lines = makeLines(1).map((line) => ({ ...line, policyholder: 'A\u0001B <&> "C"' }));
    const workbook = await load(await renderStatementXlsx(makeStatement(0, { lines })));
    expect(sheet(workbook, 'Pozycje').getCell('F2').value).toBe('A\ufffdB <&> "C"');
  });

  it('is deterministic', async () => {
    const input = makeStatement(200);
    expect((await renderStatementXlsx(input)).equals(await renderStatementXlsx(structuredClone(input)))).toBe(
      true,
    );
  });
});
