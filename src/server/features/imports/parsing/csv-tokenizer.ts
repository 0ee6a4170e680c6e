import { StatementFileError } from './statement-file-error.js';

export type CsvDelimiter = ';' | ',' | '\t' | '|';
export const csvDelimiters: readonly CsvDelimiter[] = [';', ',', '\t', '|'];

/** A record and the text-editor line it starts on. */
export type CsvRecordHandler = (fields: string[], lineNumber: number) => void;

export type CsvTokenizer = { write: (text: string) => void; end: () => void };

const QUOTE = 34;
const LF = 10;
const CR = 13;

function countLineBreaks(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code === LF || (code === CR && text.charCodeAt(i + 1) !== LF)) {
      count += 1;
    }
  }
  return count;
}

/**
 * RFC 4180 plus what spreadsheets write: quotes only at a field's start, `""` inside quotes, newlines inside
 * quotes, CRLF, LF or CR line ends, text after a closing quote kept. Records are delivered once complete, so
 * text may arrive in chunks of any size.
 */
export function createCsvTokenizer(
  delimiter: CsvDelimiter,
  onRecord: CsvRecordHandler,
  maxRecordChars: number,
): CsvTokenizer {
  const separator = delimiter.charCodeAt(0);
  let carry = '';
  let carryLine = 1;

  const run = (text: string, isFinal: boolean): void => {
    const s = carry === '' ? text : carry + text;
    const n = s.length;
    // Next delimiter, LF and CR at or after the scan position, found with indexOf and kept until passed;
    // n stands for "none before the end".
    let nextSeparator = -1;
    let nextLf = -1;
    let nextCr = -1;
    const endOfPlainField = (from: number): number => {
      if (nextSeparator < from) {
        nextSeparator = s.indexOf(delimiter, from);
        nextSeparator = nextSeparator < 0 ? n : nextSeparator;
      }
      if (nextLf < from) {
        nextLf = s.indexOf('\n', from);
        nextLf = nextLf < 0 ? n : nextLf;
      }
      if (nextCr < from) {
        nextCr = s.indexOf('\r', from);
        nextCr = nextCr < 0 ? n : nextCr;
      }
      return Math.min(nextSeparator, nextLf, nextCr);
    };
    let recordStart = 0;
    let line = carryLine;
    records: while (recordStart < n) {
      const fields: string[] = [];
      let extraLines = 0;
      let i = recordStart;
      for (;;) {
        if (i < n && s.charCodeAt(i) === QUOTE) {
          let value = '';
          let j = i + 1;
          for (;;) {
            const quote = s.indexOf('"', j);
            if (quote < 0 || (quote + 1 >= n && !isFinal)) {
              if (isFinal) {
                throw new StatementFileError('csv_invalid', { rowNumber: line });
              }
              break records;
            }
            if (s.charCodeAt(quote + 1) === QUOTE) {
              value += s.slice(j, quote + 1);
              j = quote + 2;
            } else {
              value += s.slice(j, quote);
              j = quote + 1;
              break;
            }
          }
          extraLines += countLineBreaks(value);
          const end = endOfPlainField(j);
          fields.push(end > j ? value + s.slice(j, end) : value);
          i = end;
        } else {
          const end = endOfPlainField(i);
          fields.push(s.slice(i, end));
          i = end;
        }
        if (i >= n) {
          if (!isFinal) {
            break records;
          }
          onRecord(fields, line);
          recordStart = n;
          break records;
        }
        const code = s.charCodeAt(i);
        if (code === separator) {
          i += 1;
          continue;
        }
        if (code === CR) {
          if (i + 1 >= n && !isFinal) {
            break records;
          }
          i += s.charCodeAt(i + 1) === LF ? 2 : 1;
        } else {
          i += 1;
        }
        onRecord(fields, line);
        line += 1 + extraLines;
        recordStart = i;
        continue records;
      }
    }
    carry = recordStart >= n ? '' : s.slice(recordStart);
    carryLine = line;
    if (carry.length > maxRecordChars) {
      throw new StatementFileError('csv_invalid', { rowNumber: line });
    }
  };

  return {
    write: (text) => {
      run(text, false);
    },
    end: () => {
      run('', true);
    },
  };
}

/** The records of a text; of a sample (`isComplete` false), an unfinished last record is left out. */
export function tokenizeCsv(
  text: string,
  delimiter: CsvDelimiter,
  { isComplete = true, maxRecordChars = Infinity }: { isComplete?: boolean; maxRecordChars?: number } = {},
): { fields: string[]; lineNumber: number }[] {
  const records: { fields: string[]; lineNumber: number }[] = [];
  const tokenizer = createCsvTokenizer(
    delimiter,
    (fields, lineNumber) => records.push({ fields, lineNumber }),
    maxRecordChars,
  );
  tokenizer.write(text);
  if (isComplete) {
    tokenizer.end();
  }
  return records;
}

/**
 * The delimiter that splits the most records into the same number of fields, weighed by that number: a table
 * is many rows of many columns (and `1 234,56` amounts put a few commas into every row of a `;` file). A quote
 * left open is not held against a delimiter: reading the file reports it, with its line.
 */
export function detectDelimiter(sample: string, isComplete: boolean): CsvDelimiter | null {
  let best: { delimiter: CsvDelimiter; score: number; width: number } | null = null;
  const text = isComplete ? `${sample}\n` : sample;
  for (const delimiter of csvDelimiters) {
    const records = tokenizeCsv(text, delimiter, { isComplete: false }).slice(0, 100);
    const counts = new Map<number, number>();
    for (const { fields } of records) {
      if (fields.length > 1 && fields.some((field) => field.trim() !== '')) {
        counts.set(fields.length, (counts.get(fields.length) ?? 0) + 1);
      }
    }
    for (const [width, frequency] of counts) {
      const score = frequency * (width - 1);
      if (best === null || score > best.score || (score === best.score && width > best.width)) {
        best = { delimiter, score, width };
      }
    }
  }
  return best?.delimiter ?? null;
}
