import { detectDelimiter } from './csv-tokenizer.js';
import { findHeaderIndex, headerNames } from './header-detection.js';
import { resolveParseLimits, type ParseLimits } from './parse-limits.js';
import { cellDisplayText, isBlankRow, type RawRow } from './raw-rows.js';
import { StatementFileError } from './statement-file-error.js';
import { sniffStatementFormat } from './statement-format.js';
import { openStatementRows, type InspectedFile, type StatementLayout } from './statement-rows.js';
import {
  openStatementSource,
  readBytes,
  type StatementInput,
  type StatementSource,
} from './statement-source.js';
import { createChunkDecoder, detectTextEncoding, type TextEncodingName } from './text-encoding.js';

const DELIMITER_SAMPLE_BYTES = 64 * 1024;
const DEFAULT_SAMPLE_ROWS = 20;

export type InspectOptions = {
  /** Header names of a saved mapping: the row holding all of them is the header. */
  expectedHeaders?: string[];
  sampleRows?: number;
  limits?: Partial<ParseLimits>;
  signal?: AbortSignal;
};

async function readTextSample(
  source: StatementSource,
  encoding: TextEncodingName,
): Promise<{ text: string; isComplete: boolean }> {
  const bytes = await readBytes(source, 0, DELIMITER_SAMPLE_BYTES);
  const isComplete = bytes.length >= source.size;
  const decoder = createChunkDecoder(encoding);
  const text = decoder.write(bytes);
  return { text: isComplete ? text + decoder.end() : text, isComplete };
}

async function detectLayout(
  source: StatementSource,
  signal: AbortSignal | undefined,
): Promise<StatementLayout> {
  if ((await sniffStatementFormat(source)) === 'xlsx') {
    return { format: 'xlsx', encoding: null, delimiter: null, sheetName: null };
  }
  const encoding = await detectTextEncoding(source, signal);
  const sample = await readTextSample(source, encoding);
  if (sample.text.trim() === '') {
    throw new StatementFileError('file_empty');
  }
  // One column (no delimiter found) cannot be a statement; `;` lets header detection say so.
  const delimiter = detectDelimiter(sample.text, sample.isComplete) ?? ';';
  return { format: 'csv', encoding, delimiter, sheetName: null };
}

/** Format, encoding, delimiter, header row and the first rows of a statement file, for the mapping form. */
export async function inspectStatementFile(
  input: StatementInput,
  options: InspectOptions = {},
): Promise<InspectedFile> {
  const limits = resolveParseLimits(options.limits);
  const sampleCount = options.sampleRows ?? DEFAULT_SAMPLE_ROWS;
  const file = await openStatementSource(input);
  const layout = await detectLayout(file, options.signal);
  const source = await openStatementRows(file, layout, limits, options.signal);
  const rows: RawRow[] = [];
  try {
    for await (const batch of source.batches) {
      options.signal?.throwIfAborted();
      rows.push(...batch.filter((row) => !isBlankRow(row)));
      if (rows.length > limits.headerSearchRows + sampleCount) {
        break;
      }
    }
  } finally {
    source.close();
  }
  if (rows.length === 0) {
    throw new StatementFileError('file_empty');
  }
  const headerIndex = findHeaderIndex(rows.slice(0, limits.headerSearchRows), options.expectedHeaders);
  const headerRow = rows[headerIndex];
  if (headerRow === undefined) {
    throw new StatementFileError('header_not_found');
  }
  const headers = headerNames(headerRow);
  return {
    ...layout,
    sheetName: source.sheetName,
    headerRowNumber: headerRow.rowNumber,
    headers,
    sampleRows: rows.slice(headerIndex + 1, headerIndex + 1 + sampleCount).map((row) => ({
      rowNumber: row.rowNumber,
      cells: headers.map((_header, index) => cellDisplayText(row, index)),
    })),
  };
}
