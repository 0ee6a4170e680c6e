import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatAmount, sumAmounts } from '../../../../shared/money.js';
import {
  collect,
  createScratchDirectory,
  insurerFixtures,
  rejection,
} from '../../../../../test/fixtures/insurers/statement-files.js';
import { columnMappingSchema, type ColumnMapping } from './import-mapping.js';
import { inspectStatementFile } from './inspect-statement-file.js';
import { readStatementLines, type ReadLinesOptions } from './read-statement-lines.js';
import { suggestMapping } from './suggest-mapping.js';

let scratch: Awaited<ReturnType<typeof createScratchDirectory>>;

beforeAll(async () => {
  scratch = await createScratchDirectory();
});

afterAll(async () => {
  await scratch.remove();
});

const statementDate = '2026-09-30';

async function readAll(
  path: string,
  columns?: ColumnMapping['columns'],
  options: Partial<ReadLinesOptions> & { mapping?: Partial<ColumnMapping> } = {},
) {
  const inspected = await inspectStatementFile(path, { limits: options.limits });
  const suggested = suggestMapping(inspected.headers);
  const mapping = columnMappingSchema.parse({
    ...options.mapping,
    columns: columns ?? suggested,
  });
  const batches = await collect(readStatementLines(path, inspected, mapping, { statementDate, ...options }));
  return {
    batches,
    lines: batches.flatMap((batch) => batch.lines),
    errors: batches.flatMap((batch) => batch.errors),
    skipped: batches.reduce((sum, batch) => sum + batch.skipped, 0),
  };
}

describe('readStatementLines on the insurer fixtures', () => {
  it('reads the ERGO Hestia statement, one line per risk, skipping its totals row', async () => {
    const { lines, errors, skipped } = await readAll(insurerFixtures.ergoHestia);
    expect(errors).toEqual([]);
    expect(skipped).toBe(1);
    expect(lines).toHaveLength(6);
    expect(lines[0]).toEqual({
      rowNumber: 8,
      policyNumber: 'HES/2026/000101',
      policyholder: 'Jan Testowy',
      product: 'Auto Casco',
      risk: 'M30',
      premium: null,
      collectedPremium: 120000,
      commissionBase: 120000,
      insurerRate: null,
      commission: 12000,
      installment: null,
      lineDate: '2026-09-15',
      agentCode: 'AG001',
      lineType: 'standard',
      renewal: false,
    });
    expect(
      lines.map((line) => [line.rowNumber, line.lineType, line.renewal, line.lineDate, line.agentCode]),
    ).toEqual([
      [8, 'standard', false, '2026-09-15', 'AG001'],
      [9, 'standard', false, '2026-09-15', 'AG001'],
      [10, 'standard', true, '2026-09-20', 'AG002'],
      [11, 'standard', true, '2026-09-01', 'AG003'],
      [12, 'storno', false, '2026-09-28', 'AG001'],
      [13, 'standard', false, statementDate, 'AG003'],
    ]);
    // The file's own totals line: 1 151,30 zł of commission.
    expect(sumAmounts(lines.map((line) => line.commission))).toBe(115130);
    expect(sumAmounts(lines.map((line) => line.commissionBase ?? 0))).toBe(787000);
  });

  it('reads the PZU statement with `1.234,56` amounts, rates and a correction', async () => {
    const { lines, errors } = await readAll(insurerFixtures.pzu);
    expect(errors).toEqual([]);
    expect(
      lines.map((line) => [
        line.policyholder,
        line.premium,
        line.insurerRate,
        line.commission,
        line.lineType,
      ]),
    ).toEqual([
      ['Łukasz Żółć-Ślązak', 123456, '12.5', 15432, 'standard'],
      ['Źdźisława Ęćńó', 200000, '10', 20000, 'standard'],
      ['Ćwikła Gęś-Łoś Sp. z o.o.', 1234567, '7.5', 92593, 'standard'],
      ['Óskar Źrebię', -123456, '12.5', -15432, 'correction'],
    ]);
    expect(lines[2]).toMatchObject({
      installment: '2/4',
      agentCode: 'PZU08',
      product: 'NNW Szkolne ĄĆĘŁŃÓŚŹŻ ąćęłńóśźż',
    });
  });

  it('reads the Warta statement with ISO dates and quoted fields, numbering rows by their first line', async () => {
    const { lines, errors } = await readAll(insurerFixtures.warta, undefined, {
      mapping: { decimalSeparator: '.' },
    });
    expect(errors).toEqual([]);
    expect(
      lines.map((line) => [line.rowNumber, line.policyholder, line.premium, line.commission, line.lineDate]),
    ).toEqual([
      [2, 'Kowalska, Anna', 150000, 14250, '2026-09-03'],
      [3, 'Nowak-Testowa, Maria', 98040, 14706, '2026-09-10'],
      [4, 'Firma Testowa Sp. z o.o., oddział "Północ"', 1200000, 96000, '2026-09-15'],
      [6, 'Wiśniewski, Jan', -30000, -3000, '2026-09-20'],
    ]);
    expect(lines[3]?.lineType).toBe('storno');
  });
});

describe('row errors', () => {
  const header = 'Nr polisy;Ubezpieczający;Stawka;Prowizja;Data;Uwagi\n';

  async function rowErrors(rows: string) {
    return readAll(await scratch.write('errors.csv', header + rows), {
      policyNumber: 'Nr polisy',
      policyholder: 'Ubezpieczający',
      insurerRate: 'Stawka',
      commission: 'Prowizja',
      dueDate: 'Data',
    });
  }

  it('names the row, the field and the reason, never the value', async () => {
    const { lines, errors } = await rowErrors(
      [
        'A/1;Jan;10;12,345;01.09.2026;',
        'A/2;Jan;10;1,00;31.09.2026;',
        ';Jan;10;1,00;01.09.2026;',
        'A/4;Jan;10;;01.09.2026;',
        'A/5;Jan;dziesięć;1,00;01.09.2026;',
        `A/6;${'x'.repeat(501)};10;1,00;01.09.2026;`,
        'A/7;=1+1;10;=1+1;01.09.2026;',
        'A/8;Jan;10;abc;2026-02-30;',
        'A/9;Jan;10,5;1,00;;',
      ].join('\n'),
    );
    expect(errors).toEqual([
      { rowNumber: 2, code: 'amount_invalid', field: 'commission' },
      { rowNumber: 3, code: 'date_invalid', field: 'dueDate' },
      { rowNumber: 4, code: 'required_missing', field: 'policyNumber' },
      { rowNumber: 5, code: 'required_missing', field: 'commission' },
      { rowNumber: 6, code: 'rate_invalid', field: 'insurerRate' },
      { rowNumber: 7, code: 'value_too_long', field: 'policyholder' },
      { rowNumber: 8, code: 'amount_invalid', field: 'commission' },
      { rowNumber: 9, code: 'amount_invalid', field: 'commission' },
      { rowNumber: 9, code: 'date_invalid', field: 'dueDate' },
    ]);
    expect(lines).toEqual([
      expect.objectContaining({ rowNumber: 10, insurerRate: '10.5', lineDate: statementDate }),
    ]);
  });

  it('reads a formula-looking CSV cell as text', async () => {
    const { lines } = await rowErrors('=1+1;=HYPERLINK("x");10;1,00;01.09.2026;\n');
    expect(lines[0]).toMatchObject({ policyNumber: '=1+1', policyholder: '=HYPERLINK("x")' });
  });

  it('skips blank rows, totals rows and notes without counting them as errors', async () => {
    const { lines, errors, skipped } = await rowErrors(
      [
        'A/1;Jan;10;1,00;01.09.2026;',
        ';;;;;',
        '',
        'Razem;;;1,00;;',
        ';;;1,00;;Suma kontrolna',
        ';;;;;Wygenerowano automatycznie',
        'OGÓŁEM:;;;1,00;;',
      ].join('\n'),
    );
    expect(errors).toEqual([]);
    expect(lines).toHaveLength(1);
    expect(skipped).toBe(6);
  });
});

describe('mapping and file problems', () => {
  it('refuses a mapping whose column the file does not have, naming the field and header', async () => {
    const path = insurerFixtures.ergoHestia;
    const inspected = await inspectStatementFile(path);
    const mapping = columnMappingSchema.parse({
      columns: { policyNumber: 'Nr polisy', commission: 'Kwota prowizji' },
    });
    const error = await rejection(collect(readStatementLines(path, inspected, mapping, { statementDate })));
    expect(error).toMatchObject({
      code: 'mapped_column_missing',
      details: { field: 'commission', header: 'Kwota prowizji' },
    });
    expect(String(error)).not.toContain('Kwota prowizji');
  });

  it('matches mapped headers ignoring case and spacing', async () => {
    const { lines } = await readAll(insurerFixtures.ergoHestia, {
      policyNumber: ' NR  POLISY',
      commission: 'prowizja',
    });
    expect(lines).toHaveLength(6);
  });

  it('refuses more data rows than the limit, and stops reading there', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => `A/${String(i)};1,00`).join('\n');
    const path = await scratch.write('many.csv', `Nr polisy;Prowizja;Uwagi\n${rows}\n`);
    const error = await rejection(readAll(path, undefined, { limits: { maxDataRows: 10 } }));
    expect(error).toMatchObject({ code: 'too_many_rows', details: { rowNumber: 12, limit: 10 } });
  });

  it('refuses a file whose header row is no longer where inspection found it', async () => {
    const path = await scratch.write('moved.csv', 'Nr polisy;Prowizja;Uwagi\nA/1;1,00;\n');
    const inspected = await inspectStatementFile(path);
    const mapping = columnMappingSchema.parse({
      columns: { policyNumber: 'Nr polisy', commission: 'Prowizja' },
    });
    const error = await rejection(
      collect(readStatementLines(path, { ...inspected, headerRowNumber: 9 }, mapping, { statementDate })),
    );
    expect(error).toMatchObject({ code: 'header_not_found' });
  });

  it('refuses a CSV whose quote never closes, naming the line it opened on', async () => {
    const path = await scratch.write(
      'quote.csv',
      'Nr polisy;Prowizja;Uwagi\nA/1;1,00;ok\nA/2;2,00;"nie zamknięty\nA/3;3,00;\n',
    );
    const error = await rejection(readAll(path));
    expect(error).toMatchObject({ code: 'csv_invalid', details: { rowNumber: 3 } });
  });

  // Counts the process's open descriptors, which only Linux lists this way.
  it.runIf(existsSync('/proc/self/fd'))('releases the file when the caller stops reading early', async () => {
    const openFiles = async () => (await readdir('/proc/self/fd')).length;
    const path = insurerFixtures.allianz;
    const inspected = await inspectStatementFile(path);
    const mapping = columnMappingSchema.parse({ columns: suggestMapping(inspected.headers) });
    const before = await openFiles();
    for (let i = 0; i < 20; i += 1) {
      for await (const _batch of readStatementLines(path, inspected, mapping, {
        statementDate,
        batchSize: 1,
      })) {
        break;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await openFiles()).toBeLessThanOrEqual(before + 1);
  });

  it('refuses a file that became invalid since it was inspected', async () => {
    const path = await scratch.write('changed.csv', 'Nr polisy;Prowizja;Uwagi\nA/1;1,00;\n');
    const inspected = await inspectStatementFile(path);
    await scratch.write('changed.csv', Buffer.from('Nr polisy;Prowizja;Uwagi\nA/1;1,00;\u0000\n'));
    const mapping = columnMappingSchema.parse({
      columns: { policyNumber: 'Nr polisy', commission: 'Prowizja' },
    });
    const error = await rejection(collect(readStatementLines(path, inspected, mapping, { statementDate })));
    expect(error).toMatchObject({ code: 'encoding_invalid' });
  });
});

describe('batches, progress and cancelling', () => {
  const rows = Array.from({ length: 2500 }, (_, i) => `A/${String(i)};Jan;${String(i)},50`).join('\r\n');

  it('yields batches of about the requested size with growing progress', async () => {
    const path = await scratch.write('batches.csv', `Nr polisy;Ubezpieczający;Prowizja\r\n${rows}\r\n`);
    const { batches, lines } = await readAll(path);
    expect(batches.map((batch) => batch.lines.length)).toEqual([1000, 1000, 500]);
    expect(batches.map((batch) => batch.rowsRead)).toEqual([1000, 2000, 2500]);
    const last = batches[batches.length - 1];
    expect(last?.bytesRead).toBe(last?.totalBytes);
    expect(lines[2499]).toMatchObject({ rowNumber: 2501, commission: 249950 });
  });

  it('stops when the signal aborts', async () => {
    const path = await scratch.write('abort.csv', `Nr polisy;Ubezpieczający;Prowizja\r\n${rows}\r\n`);
    const inspected = await inspectStatementFile(path);
    const mapping = columnMappingSchema.parse({ columns: suggestMapping(inspected.headers) });
    const controller = new AbortController();
    let batches = 0;
    const error = await rejection(
      (async () => {
        for await (const _batch of readStatementLines(path, inspected, mapping, {
          statementDate,
          signal: controller.signal,
          batchSize: 100,
        })) {
          batches += 1;
          controller.abort();
        }
      })(),
    );
    expect(error).toMatchObject({ name: 'AbortError' });
    expect(batches).toBe(1);
  });
});

describe('amounts written the Polish way', () => {
  it('read back exactly through a CSV file, whatever the grouping', async () => {
    const grosze = fc.integer({ min: -999_999_999_999, max: 999_999_999_999 });
    const styles = ['formatAmount', 'dots', 'plain', 'currency', 'parentheses'] as const;
    const write = (value: number, style: (typeof styles)[number]): string => {
      const polish = formatAmount(value, { currency: false });
      switch (style) {
        case 'formatAmount':
          return polish;
        case 'dots':
          return polish.replace(/\u00a0/g, '.');
        case 'plain':
          return polish.replace(/\u00a0/g, '');
        case 'currency':
          return `${polish.replace(/\u00a0/g, ' ')} zł`;
        case 'parentheses':
          return value < 0 ? `(${polish.slice(1)})` : polish;
      }
    };
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(grosze, fc.constantFrom(...styles)), { minLength: 1, maxLength: 30 }),
        async (amounts) => {
          const body = amounts
            .map(([value, style], index) => `P/${String(index)};"${write(value, style)}"`)
            .join('\r\n');
          const path = await scratch.write('amounts.csv', `\ufeffNr polisy;Prowizja;Uwagi\r\n${body}\r\n`);
          const { lines, errors } = await readAll(path, {
            policyNumber: 'Nr polisy',
            commission: 'Prowizja',
          });
          expect(errors).toEqual([]);
          expect(lines.map((line) => line.commission)).toEqual(amounts.map(([value]) => value));
        },
      ),
      { numRuns: 40 },
    );
  });
});
