import type { ColumnMapping, DetectedFile, ImportDetail, ImportField } from '../../../shared/api/imports.js';
import { headerKey } from './parsing/header-detection.js';
import { inspectStatementFile } from './parsing/inspect-statement-file.js';
import { readStatementLines, type ParsedBatch } from './parsing/read-statement-lines.js';
import { StatementFileError, type StatementFileErrorDetails } from './parsing/statement-file-error.js';
import { suggestMapping } from './parsing/suggest-mapping.js';
import type { ByteSource } from './scratch-file.js';

/** The import service's view of the statement parsers: what it stores and shows, in API shapes. */

export async function inspectStatement(
  source: ByteSource,
  template: ColumnMapping | undefined,
): Promise<DetectedFile> {
  const expectedHeaders = template
    ? Object.values(template.columns).filter((header): header is string => typeof header === 'string')
    : [];
  return inspectStatementFile(source, { expectedHeaders });
}

export function readStatement(
  source: ByteSource,
  detected: DetectedFile,
  mapping: ColumnMapping,
  statementDate: string,
): AsyncGenerator<ParsedBatch> {
  return readStatementLines(source, detected, mapping, { statementDate });
}

/** Columns guessed from the header names; a complete mapping only when both required fields were found. */
export function suggestColumns(headers: readonly string[]): ColumnMapping | null {
  const columns = suggestMapping(headers);
  if (!columns.policyNumber || !columns.commission) {
    return null;
  }
  return {
    columns: { ...columns, policyNumber: columns.policyNumber, commission: columns.commission },
    decimalSeparator: 'auto',
    dateFormat: 'auto',
    stornoValues: ['storno', 'zwrot', 'anulowanie'],
    correctionValues: ['korekta'],
    renewalYesValues: ['tak', 't', 'yes', 'y', '1', 'wznowienie'],
  };
}

export function suggestedColumns(headers: readonly string[]): Partial<Record<ImportField, string>> {
  return suggestMapping(headers);
}

/** Required fields left out, and mapped columns the file does not have (headers compared as the parser does). */
export function mappingProblems(
  mapping: ColumnMapping,
  headers: readonly string[],
): ImportDetail['mappingProblems'] {
  const present = new Set(headers.map(headerKey));
  const problems: ImportDetail['mappingProblems'] = [];
  for (const [field, header] of Object.entries(mapping.columns) as [ImportField, string | undefined][]) {
    if (header !== undefined && !present.has(headerKey(header))) {
      problems.push({ field, problem: 'column_missing' });
    }
  }
  return problems;
}

export function statementFileErrorOf(
  error: unknown,
): { code: string; details: StatementFileErrorDetails & Record<string, unknown> } | null {
  return error instanceof StatementFileError ? { code: error.code, details: { ...error.details } } : null;
}
