import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { renderPayoutCsv, renderPayoutXlsx } from './payouts.js';
import type { PayoutRow } from './render.types.js';
import { neutraliseSpreadsheetText } from './spreadsheet-text.js';

const DANGEROUS = ["=cmd|' /C calc'!A0", '+1', '-1', '@SUM(1)', '\tleading tab', '\rleading CR'];

describe('neutraliseSpreadsheetText', () => {
  it('prefixes an apostrophe to text a spreadsheet would read as a formula', () => {
    for (const value of DANGEROUS) {
      expect(neutraliseSpreadsheetText(value)).toBe(`'${value}`);
    }
  });

  it('leaves other text alone, including a formula character further in', () => {
    for (const value of ['Jan Kowalski', '', "'=already quoted", 'a=b', ' =1', 'Łódź-Bałuty', '1-2']) {
      expect(neutraliseSpreadsheetText(value)).toBe(value);
    }
  });
});

describe('renderPayoutCsv', () => {
  it('writes UTF-8 with a BOM, semicolons, CRLF, comma decimals, and quotes what needs quoting', () => {
    const rows: PayoutRow[] = [
      {
        collaborator: 'Łukasz Ćwikliński',
        iban: 'PL61 1090 1014 0000 0712 1981 2874',
        amount: 123_456,
        title: 'Prowizja; listopad 2026',
      },
      { collaborator: 'Anna "Ania" Żak', iban: null, amount: 5, title: "=cmd|' /C calc'!A0" },
      { collaborator: 'Ewa Ćma', iban: '61109010140000071219812874', amount: -1_000_000, title: 'Zwrot' },
    ];
    const expected =
      '\ufeffWspółpracownik;IBAN;Kwota;Tytuł przelewu\r\n' +
      'Łukasz Ćwikliński;PL61109010140000071219812874;1234,56;"Prowizja; listopad 2026"\r\n' +
      '"Anna ""Ania"" Żak";;0,05;\'=cmd|\' /C calc\'!A0\r\n' +
      'Ewa Ćma;PL61109010140000071219812874;-10000,00;Zwrot\r\n';
    expect(renderPayoutCsv(rows).equals(Buffer.from(expected, 'utf8'))).toBe(true);
    expect([...renderPayoutCsv(rows).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('neutralises every text field', () => {
    const rows = DANGEROUS.map((value) => ({ collaborator: value, iban: value, amount: 100, title: value }));
    const lines = renderPayoutCsv(rows).toString('utf8').slice(1).split('\r\n').slice(1, -1);
    expect(lines).toHaveLength(DANGEROUS.length);
    lines.forEach((line, index) => {
      const value = DANGEROUS[index] ?? '';
      const field = /[\r"]/.test(value) ? `"'${value}"` : `'${value}`;
      expect(line).toBe(`${field};${field};1,00;${field}`);
    });
  });

  it('writes only the header for an empty list', () => {
    expect(renderPayoutCsv([]).toString('utf8')).toBe('\ufeffWspółpracownik;IBAN;Kwota;Tytuł przelewu\r\n');
  });
});

describe('renderPayoutXlsx', () => {
  it('lists collaborator, IBAN, amount (a number) and title, with the total under them', async () => {
    const rows: PayoutRow[] = [
      {
        collaborator: 'Łukasz Ćwikliński',
        iban: 'PL61109010140000071219812874',
        amount: 123_456,
        title: 'Prowizja',
      },
      { collaborator: '@SUM(1)', iban: null, amount: 44, title: '-1' },
    ];
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await renderPayoutXlsx(rows)) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Wypłaty');
    expect(sheet?.getRow(1).values).toEqual([undefined, 'Współpracownik', 'IBAN', 'Kwota', 'Tytuł przelewu']);
    expect(sheet?.getRow(2).values).toEqual([
      undefined,
      'Łukasz Ćwikliński',
      'PL61109010140000071219812874',
      1234.56,
      'Prowizja',
    ]);
    expect(sheet?.getRow(3).values).toEqual([undefined, "'@SUM(1)", undefined, 0.44, "'-1"]);
    expect(sheet?.getCell('C3').type).toBe(ExcelJS.ValueType.Number);
    expect(sheet?.getRow(5).values).toEqual([undefined, 'Razem', undefined, 1235]);
    expect(sheet?.autoFilter).toBe('A1:D3');
  });

  it('is deterministic', async () => {
    const rows: PayoutRow[] = [{ collaborator: 'Ewa Ćma', iban: null, amount: 1, title: 'Prowizja' }];
    expect((await renderPayoutXlsx(rows)).equals(await renderPayoutXlsx(rows))).toBe(true);
  });
});
