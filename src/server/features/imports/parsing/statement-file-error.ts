export const statementFileErrorCodes = [
  'file_empty',
  'format_unsupported',
  'encoding_invalid',
  'csv_invalid',
  'header_not_found',
  'mapped_column_missing',
  'too_many_rows',
  'xlsx_invalid',
  'xlsx_too_large',
  'xlsx_encrypted',
] as const;
export type StatementFileErrorCode = (typeof statementFileErrorCodes)[number];

export type StatementFileErrorDetails = {
  /** The file's 1-based row (CSV: line) number, when the problem has one. */
  rowNumber?: number;
  field?: string;
  header?: string;
  limit?: number;
};

const messages: Record<StatementFileErrorCode, string> = {
  file_empty: 'The file is empty',
  format_unsupported: 'The file is neither a CSV nor an XLSX statement',
  encoding_invalid: 'The file is neither valid UTF-8 nor Windows-1250 text',
  csv_invalid: 'The CSV file is malformed',
  header_not_found: 'No header row was found in the file',
  mapped_column_missing: 'A mapped column is missing from the file',
  too_many_rows: 'The file has more rows than allowed',
  xlsx_invalid: 'The XLSX file is damaged or not a workbook',
  xlsx_too_large: 'The XLSX file expands beyond the allowed size',
  xlsx_encrypted: 'The XLSX file is password-protected',
};

// Messages are fixed per code and details hold only numbers and column names: statement content is
// confidential and these errors reach logs.
export class StatementFileError extends Error {
  readonly code: StatementFileErrorCode;
  readonly details: StatementFileErrorDetails;

  constructor(
    code: StatementFileErrorCode,
    details: StatementFileErrorDetails = {},
    options?: { cause?: unknown },
  ) {
    super(messages[code], options);
    this.name = 'StatementFileError';
    this.code = code;
    this.details = details;
  }
}
