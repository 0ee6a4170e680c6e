import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCsvTokenizer, detectDelimiter, tokenizeCsv, type CsvDelimiter } from './csv-tokenizer.js';
import { StatementFileError } from './statement-file-error.js';

function records(text: string, delimiter: CsvDelimiter = ';') {
  return tokenizeCsv(text, delimiter).map(({ fields, lineNumber }) => [lineNumber, ...fields]);
}

function inChunks(text: string, cuts: number[], delimiter: CsvDelimiter) {
  const result: (string | number)[][] = [];
  const tokenizer = createCsvTokenizer(delimiter, (fields, line) => result.push([line, ...fields]), Infinity);
  let start = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    tokenizer.write(text.slice(start, cut));
    start = cut;
  }
  tokenizer.write(text.slice(start));
  tokenizer.end();
  return result;
}

describe('CSV tokenizer', () => {
  it('reads quotes, doubled quotes, delimiters and newlines inside quotes', () => {
    const text = 'a;"b;c";"say ""hi"""\r\n"two\nlines";x;\r\nlast;"";end';
    expect(records(text)).toEqual([
      [1, 'a', 'b;c', 'say "hi"'],
      [2, 'two\nlines', 'x', ''],
      [4, 'last', '', 'end'],
    ]);
  });

  it('accepts LF, CRLF and CR line ends and numbers records by the line they start on', () => {
    expect(records('a;b\nc;d\r\ne;f\rg;h\n')).toEqual([
      [1, 'a', 'b'],
      [2, 'c', 'd'],
      [3, 'e', 'f'],
      [4, 'g', 'h'],
    ]);
  });

  it('keeps blank lines as records and text after a closing quote', () => {
    expect(records('a\n\n"x"y;z')).toEqual([
      [1, 'a'],
      [2, ''],
      [3, 'xy', 'z'],
    ]);
  });

  it('reads a formula-looking cell as text', () => {
    expect(records('=1+1;=SUM(A1:A2);@cmd')).toEqual([[1, '=1+1', '=SUM(A1:A2)', '@cmd']]);
  });

  it('refuses an unterminated quote with the line it opened on', () => {
    const error = (() => {
      try {
        tokenizeCsv('a;b\nc;"open\nd;e\n', ';');
      } catch (caught) {
        return caught;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(StatementFileError);
    expect(error).toMatchObject({ code: 'csv_invalid', details: { rowNumber: 2 } });
  });

  it('refuses a record longer than the limit', () => {
    expect(() => tokenizeCsv(`"${'x'.repeat(200)}`, ';', { isComplete: false, maxRecordChars: 100 })).toThrow(
      expect.objectContaining({ code: 'csv_invalid' }),
    );
  });

  it('gives the same records however the text is split into chunks', () => {
    const field = fc.oneof(
      fc.stringMatching(/^[a-zA-Z0-9 ,.ąę-]{0,6}$/),
      fc
        .array(fc.constantFrom('a', ';', '"', '\n', '\r\n', ' ', 'ł'), { maxLength: 6 })
        .map((parts) => `"${parts.join('').replace(/"/g, '""')}"`),
    );
    const text = fc
      .array(fc.array(field, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 })
      .map((rows) => rows.map((row) => row.join(';')).join('\r\n'));
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 10 }), (csv, cuts) => {
        const whole = records(csv);
        expect(
          inChunks(
            csv,
            cuts.map((cut) => cut % (csv.length + 1)),
            ';',
          ),
        ).toEqual(whole);
      }),
      { numRuns: 500 },
    );
  });
});

describe('detectDelimiter', () => {
  it.each([
    ['Tytuł\nNr;Kwota;Data\nA;1 234,56;01.09.2026\nB;2,00;02.09.2026\n', ';'],
    ['NR,KWOTA,NAZWA\n"A",1.5,"Kowalska, Anna"\n"B",2,"Nowak, Jan"\n', ','],
    ['a\tb\tc\n1\t2\t3\n', '\t'],
    ['a|b|c\n1|2|3\n', '|'],
  ] as const)('finds the delimiter of %j', (sample, delimiter) => {
    expect(detectDelimiter(sample, true)).toBe(delimiter);
  });

  it('prefers the delimiter giving more columns when amounts carry commas', () => {
    expect(detectDelimiter('Nr;Kwota;Prowizja\nA;1,50;0,15\nB;2,50;0,25\n', true)).toBe(';');
  });

  it('finds none in a single column', () => {
    expect(detectDelimiter('tylko\njedna\nkolumna\n', true)).toBeNull();
  });
});
