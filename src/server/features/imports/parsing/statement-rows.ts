import { detectedFileSchema } from '../../../../shared/api/imports.js';
import type { z } from 'zod';
import { openCsvRows } from './csv-rows.js';
import type { ParseLimits } from './parse-limits.js';
import type { RowSource } from './raw-rows.js';
import { StatementFileError } from './statement-file-error.js';
import { sniffStatementFormat } from './statement-format.js';
import type { StatementSource } from './statement-source.js';
import { openXlsxRows } from './xlsx-rows.js';

/** What inspection found out about a file; stored with the import and passed back to read its lines. */
/** What inspection found out about a file: the API's `DetectedFile`, stored with the import. */
export const inspectedFileSchema = detectedFileSchema;
export type InspectedFile = z.infer<typeof inspectedFileSchema>;

export type StatementLayout = Pick<InspectedFile, 'format' | 'encoding' | 'delimiter' | 'sheetName'>;

export type StatementRows = RowSource & { sheetName: string | null; is1904: boolean };

/** Rows of a file whose layout is known; the content must still be what inspection saw. */
export async function openStatementRows(
  source: StatementSource,
  layout: StatementLayout,
  limits: ParseLimits,
  signal?: AbortSignal,
): Promise<StatementRows> {
  const format = await sniffStatementFormat(source);
  if (format !== layout.format) {
    throw new StatementFileError('format_unsupported');
  }
  if (format === 'xlsx') {
    return openXlsxRows(source, layout.sheetName, limits, signal);
  }
  if (layout.encoding === null || layout.delimiter === null) {
    throw new StatementFileError('format_unsupported');
  }
  return {
    ...openCsvRows(source, layout.encoding, layout.delimiter, limits),
    sheetName: null,
    is1904: false,
  };
}
