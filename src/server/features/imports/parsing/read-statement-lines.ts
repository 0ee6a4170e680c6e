import { parseTextDate } from './cell-values.js';
import type { ColumnMapping } from './import-mapping.js';
import { resolveParseLimits, type ParseLimits } from './parse-limits.js';
import { isBlankRow, type RawRow } from './raw-rows.js';
import { StatementFileError } from './statement-file-error.js';
import { createLineConverter, type ParsedLine, type RowError, type RowResult } from './statement-line.js';
import { openStatementRows, type InspectedFile } from './statement-rows.js';
import { openStatementSource, type StatementInput } from './statement-source.js';

export type ParsedBatch = {
  lines: ParsedLine[];
  errors: RowError[];
  /** Blank and totals rows in this batch. */
  skipped: number;
  /** Rows after the header read so far, for progress. */
  rowsRead: number;
  bytesRead: number;
  totalBytes: number;
};

export type ReadLinesOptions = {
  /** `YYYY-MM-DD`: the date of a line without a due date. */
  statementDate: string;
  limits?: Partial<ParseLimits>;
  signal?: AbortSignal;
  batchSize?: number;
};

const DEFAULT_BATCH_SIZE = 1000;

/**
 * Every line of an inspected statement file, in batches for progress and batched inserts. Row problems come as
 * row errors; a file-level problem throws a StatementFileError, and the caller then keeps none of the lines.
 */
export async function* readStatementLines(
  input: StatementInput,
  inspected: Pick<InspectedFile, 'format' | 'encoding' | 'delimiter' | 'sheetName' | 'headerRowNumber'>,
  mapping: ColumnMapping,
  options: ReadLinesOptions,
): AsyncGenerator<ParsedBatch, void, undefined> {
  if (parseTextDate(options.statementDate, 'YYYY-MM-DD') !== options.statementDate) {
    throw new RangeError('statementDate must be a YYYY-MM-DD date');
  }
  const limits = resolveParseLimits(options.limits);
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const { signal } = options;
  signal?.throwIfAborted();
  const source = await openStatementRows(await openStatementSource(input), inspected, limits, signal);
  let convert: ((row: RawRow) => RowResult) | null = null;
  let dataRows = 0;
  let rowsRead = 0;
  let batch: ParsedBatch | null = null;
  let batchRows = 0;
  let batchesYielded = 0;
  const newBatch = (): ParsedBatch => ({
    lines: [],
    errors: [],
    skipped: 0,
    rowsRead: 0,
    bytesRead: 0,
    totalBytes: 0,
  });
  const finish = (current: ParsedBatch): ParsedBatch => {
    current.rowsRead = rowsRead;
    current.bytesRead = source.bytesRead();
    current.totalBytes = source.totalBytes;
    batchRows = 0;
    return current;
  };
  try {
    for await (const rows of source.batches) {
      signal?.throwIfAborted();
      for (const row of rows) {
        if (row.rowNumber < inspected.headerRowNumber) {
          continue;
        }
        if (convert === null) {
          if (row.rowNumber !== inspected.headerRowNumber) {
            throw new StatementFileError('header_not_found');
          }
          convert = createLineConverter(row, mapping, {
            statementDate: options.statementDate,
            maxCellChars: limits.maxCellChars,
            is1904: source.is1904,
          });
          continue;
        }
        batch ??= newBatch();
        rowsRead += 1;
        batchRows += 1;
        const result = isBlankRow(row) ? null : convert(row);
        if (result === null) {
          batch.skipped += 1;
        } else {
          // Rows that become a line or an error count; blank and totals rows do not.
          dataRows += 1;
          if (dataRows > limits.maxDataRows) {
            throw new StatementFileError('too_many_rows', {
              rowNumber: row.rowNumber,
              limit: limits.maxDataRows,
            });
          }
          if (Array.isArray(result)) {
            batch.errors.push(...result);
          } else {
            batch.lines.push(result);
          }
        }
        if (batchRows >= batchSize) {
          yield finish(batch);
          batchesYielded += 1;
          batch = null;
          signal?.throwIfAborted();
        }
      }
    }
    if (convert === null) {
      throw new StatementFileError('header_not_found');
    }
    if (batch !== null || batchesYielded === 0) {
      yield finish(batch ?? newBatch());
    }
  } finally {
    source.close();
  }
}
