import { readFile } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bufferSource,
  createScratchDirectory,
  insurerFixtures,
  rejection,
} from '../../../../../test/fixtures/insurers/statement-files.js';
import { inspectStatementFile } from './inspect-statement-file.js';
import { StatementFileError } from './statement-file-error.js';
import { inspectedFileSchema } from './statement-rows.js';

let scratch: Awaited<ReturnType<typeof createScratchDirectory>>;

beforeAll(async () => {
  scratch = await createScratchDirectory();
});

afterAll(async () => {
  await scratch.remove();
});

async function inspectionError(content: string | Buffer): Promise<unknown> {
  return rejection(inspectStatementFile(await scratch.write('statement.csv', content)));
}

describe('inspectStatementFile on the insurer fixtures', () => {
  it('finds the ERGO Hestia table below its title and totals lines (UTF-8 with BOM, `;`)', async () => {
    const inspected = await inspectStatementFile(insurerFixtures.ergoHestia);
    expect(inspectedFileSchema.parse(inspected)).toEqual(inspected);
    expect(inspected).toMatchObject({
      format: 'csv',
      encoding: 'utf-8-bom',
      delimiter: ';',
      sheetName: null,
      headerRowNumber: 7,
    });
    expect(inspected.headers).toEqual([
      'Typ prowizji',
      'Nr polisy',
      'Produkt',
      'Ubezpieczający',
      'Ryzyko',
      'Wznowienie',
      'Podstawa naliczenia prowizji',
      'Inkaso',
      'Prowizja',
      'Termin płatności',
      'Kod agenta',
    ]);
    expect(inspected.sampleRows[0]).toEqual({
      rowNumber: 8,
      cells: [
        'Prowizja standardowa',
        'HES/2026/000101',
        'Auto Casco',
        'Jan Testowy',
        'M30',
        'nie',
        '1 200,00',
        '1 200,00',
        '120,00',
        '15.09.2026',
        'AG 001',
      ],
    });
    expect(inspected.sampleRows.map((row) => row.rowNumber)).toEqual([8, 9, 10, 11, 12, 13, 14]);
  });

  it('decodes the PZU file as Windows-1250', async () => {
    const inspected = await inspectStatementFile(insurerFixtures.pzu, { sampleRows: 3 });
    expect(inspected).toMatchObject({ encoding: 'windows-1250', delimiter: ';', headerRowNumber: 3 });
    expect(inspected.headers).toContain('Ubezpieczający');
    expect(inspected.sampleRows).toHaveLength(3);
    expect(inspected.sampleRows[2]?.cells.slice(1, 3)).toEqual([
      'Ćwikła Gęś-Łoś Sp. z o.o.',
      'NNW Szkolne ĄĆĘŁŃÓŚŹŻ ąćęłńóśźż',
    ]);
  });

  it('reads the Warta file (comma, UTF-8 without BOM, quoted delimiters and a two-line cell)', async () => {
    const inspected = await inspectStatementFile(insurerFixtures.warta);
    expect(inspected).toMatchObject({ encoding: 'utf-8', delimiter: ',', headerRowNumber: 1 });
    expect(inspected.sampleRows.map((row) => row.rowNumber)).toEqual([2, 3, 4, 6]);
    expect(inspected.sampleRows[2]?.cells.slice(1, 3)).toEqual([
      'Firma Testowa Sp. z o.o., oddział "Północ"',
      'Flota\nopis w dwóch liniach',
    ]);
  });

  it('reads the XLSX fixture by content whatever the file is called', async () => {
    const path = await scratch.write('statement.csv', await readFile(insurerFixtures.allianz));
    const inspected = await inspectStatementFile(path);
    expect(inspected).toMatchObject({
      format: 'xlsx',
      encoding: null,
      delimiter: null,
      sheetName: 'Prowizje 09-2026',
      headerRowNumber: 3,
    });
    expect(inspected.sampleRows[0]?.cells).toEqual([
      'AZ/MOT/2026/0001',
      'Grzegorz Brzęczyszczykiewicz',
      'Auto OC/AC',
      '2150.4',
      '10%',
      '215.04',
      '2026-09-05',
      'AG 101',
      'Prowizja',
    ]);
  });

  it('reads a source given as byte ranges instead of a path', async () => {
    for (const fixture of [insurerFixtures.allianz, insurerFixtures.pzu]) {
      const fromPath = await inspectStatementFile(fixture);
      expect(await inspectStatementFile(bufferSource(await readFile(fixture)))).toEqual(fromPath);
    }
  });
});

describe('header detection', () => {
  const twoTables =
    'Agencja;Oddział;Region\nPrzykładowa;Warszawa;Mazowsze\n\nPolisa;Kwota;Data\nA/1;1,00;01.09.2026\n';

  it('takes the first row that looks like a header', async () => {
    const inspected = await inspectStatementFile(await scratch.write('two.csv', twoTables));
    expect(inspected.headerRowNumber).toBe(1);
  });

  it('takes the row holding every header of a saved mapping, ignoring case and spacing', async () => {
    const inspected = await inspectStatementFile(await scratch.write('two.csv', twoTables), {
      expectedHeaders: ['POLISA', ' kwota '],
    });
    expect(inspected.headerRowNumber).toBe(4);
    expect(inspected.sampleRows).toEqual([{ rowNumber: 5, cells: ['A/1', '1,00', '01.09.2026'] }]);
  });

  it('names unnamed and repeated columns so that each can be mapped', async () => {
    const inspected = await inspectStatementFile(
      await scratch.write('names.csv', 'Nr;;Kwota;Kwota;\nA;x;1;2;\n'),
    );
    expect(inspected.headers).toEqual(['Nr', 'Kolumna 2', 'Kwota', 'Kwota (2)']);
  });

  it('finds no header in a table of numbers or a single column', async () => {
    expect(await inspectionError('1;2;3\n4;5;6\n')).toMatchObject({ code: 'header_not_found' });
    expect(await inspectionError('Nr polisy\nA/1\nA/2\n')).toMatchObject({ code: 'header_not_found' });
  });
});

describe('files that are refused', () => {
  it('an empty file, or one of blank lines', async () => {
    expect(await inspectionError('')).toMatchObject({ code: 'file_empty' });
    expect(await inspectionError('\ufeff\r\n\r\n ; ;\r\n')).toMatchObject({ code: 'file_empty' });
  });

  it('a PDF, an image, a legacy XLS and UTF-16 text', async () => {
    const legacyXls = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(2000)]);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Nr;Kwota\r\nA;1\r\n', 'utf16le')]);
    const utf16WithoutBom = Buffer.from('Nr;Kwota;Data\r\nA;1;2\r\n', 'utf16le');
    for (const content of [
      Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'),
      Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'),
      legacyXls,
      utf16,
      utf16WithoutBom,
    ]) {
      const error = await inspectionError(content);
      expect(error).toBeInstanceOf(StatementFileError);
      expect(error).toMatchObject({ code: 'format_unsupported' });
    }
  });

  it('a password-protected workbook (an encrypted OLE2 package)', async () => {
    const encrypted = Buffer.concat([
      Buffer.from('d0cf11e0a1b11ae1', 'hex'),
      Buffer.alloc(1000),
      Buffer.from('EncryptionInfo', 'utf16le'),
      Buffer.alloc(100),
      Buffer.from('EncryptedPackage', 'utf16le'),
      Buffer.alloc(1000),
    ]);
    expect(await inspectionError(encrypted)).toMatchObject({ code: 'xlsx_encrypted' });
  });

  it('text that is neither UTF-8 nor Windows-1250', async () => {
    const header = 'Nr polisy;Ubezpieczający;Prowizja\r\n';
    const cases = [
      // A NUL byte.
      Buffer.concat([Buffer.from(header), Buffer.from('A;B\u0000C;1,00\r\n')]),
      // UTF-8 letters, then a Windows-1250 one: a damaged or mixed file.
      Buffer.concat([Buffer.from(header), iconv.encode('A;Łukasz;1,00\r\n', 'windows-1250')]),
      // A byte Windows-1250 does not define.
      Buffer.concat([
        Buffer.from('Nr;Nazwa;Kwota\r\n'),
        Buffer.from([0x41, 0x3b, 0x98, 0x3b, 0x31, 0x0d, 0x0a]),
      ]),
      // A BOM promising UTF-8, then bytes that are not.
      Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from('Nr;Nazwa;Kwota\r\n'),
        Buffer.from([0xb3, 0x0d, 0x0a]),
      ]),
    ];
    for (const content of cases) {
      expect(await inspectionError(content)).toMatchObject({ code: 'encoding_invalid' });
    }
  });

  it('Windows-1250 capitals that happen to form UTF-8 sequences', async () => {
    const content = iconv.encode(
      'Nr polisy;Przedmiot;Prowizja\r\nA/1;STÓŁ I ŁÓŻKO;1,00\r\nA/2;krzesło, ławka;2,00\r\n',
      'windows-1250',
    );
    const inspected = await inspectStatementFile(await scratch.write('stol.csv', content));
    expect(inspected.encoding).toBe('windows-1250');
    expect(inspected.sampleRows[0]?.cells[1]).toBe('STÓŁ I ŁÓŻKO');
  });

  it('a Windows-1250 letter far into a file that starts as plain ASCII', async () => {
    const ascii = `Nr;Nazwa;Kwota\r\n${'A;B;1,00\r\n'.repeat(300_000)}`;
    const content = Buffer.concat([Buffer.from(ascii), iconv.encode('A;Łukasz;1,00\r\n', 'windows-1250')]);
    const inspected = await inspectStatementFile(await scratch.write('late.csv', content));
    expect(inspected.encoding).toBe('windows-1250');
  });

  it('never puts file content into the error message', async () => {
    const error = await inspectionError('Tajne;Dane\n1;2\n');
    expect(error).toMatchObject({ code: 'header_not_found' });
    expect(String(error)).not.toMatch(/Tajne|Dane/);
  });
});
