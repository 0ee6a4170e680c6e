import type { Grosze } from '../../../../shared/money.js';
import {
  decimalTimes100,
  normalizeAgentCode,
  normalizeRate,
  parseTextDate,
  spreadsheetNumberToDecimal,
  spreadsheetNumberToGrosze,
  spreadsheetSerialToIsoDate,
} from './cell-values.js';
import { parseTextAmount } from './text-amount.js';
import { headerKey, headerNames } from './header-detection.js';
import { importFields, type AmountField, type ColumnMapping, type ImportField } from './import-mapping.js';
import { cellDisplayText, cellKindAt, cellKinds, type RawRow } from './raw-rows.js';
import { StatementFileError } from './statement-file-error.js';

export type LineType = 'standard' | 'correction' | 'storno';

export type ParsedLine = {
  rowNumber: number;
  policyNumber: string;
  policyholder: string | null;
  product: string | null;
  risk: string | null;
  premium: Grosze | null;
  collectedPremium: Grosze | null;
  commissionBase: Grosze | null;
  /** Percent as an exact decimal string: `12.5` is 12.5 %. */
  insurerRate: string | null;
  commission: Grosze;
  installment: string | null;
  /** The line's due date, else the statement date (ISO). */
  lineDate: string;
  agentCode: string | null;
  lineType: LineType;
  renewal: boolean | null;
};

export const rowErrorCodes = [
  'amount_invalid',
  'date_invalid',
  'required_missing',
  'formula_without_value',
  'rate_invalid',
  'value_too_long',
] as const;
export type RowErrorCode = (typeof rowErrorCodes)[number];

/** A row that cannot become a line; never carries the cell's content. */
export type RowError = { rowNumber: number; code: RowErrorCode; field: ImportField };

/** A line, the row's errors, or null for a row that is no line (a totals row). */
export type RowResult = ParsedLine | RowError[] | null;

export type LineConverterOptions = {
  statementDate: string;
  maxCellChars: number;
  is1904: boolean;
};

// A totals label (`Razem`, `Suma prowizji:`, `OGÓŁEM`) has no digits: `SUMA/2026/1` could be a policy number.
const TOTALS = /^(?:razem|suma|ogółem|ogolem|łącznie|lacznie|total|podsumowanie)(?![\p{L}\d])\D*$/iu;

function simplifyValue(text: string): string {
  return ` ${text
    .toLowerCase()
    .replace(/[^\p{L}\d]+/gu, ' ')
    .trim()}`;
}

/** `Storno prowizji`, `Prowizja - storno` and `STORNO` all start a word with a listed value. */
function matchesAny(text: string, simplifiedValues: readonly string[]): boolean {
  const simple = simplifyValue(text);
  return simplifiedValues.some((value) => simple.includes(value));
}

// A file repeats a few hundred dates, rates, agent codes and line types over thousands of rows: each distinct
// text is parsed once (up to a bound, so that memory does not grow with the file).
const MAX_REMEMBERED_VALUES = 2000;

function remembered<T>(parse: (text: string) => T): (text: string) => T {
  const results = new Map<string, T>();
  return (text) => {
    if (results.has(text)) {
      return results.get(text) as T;
    }
    const result = parse(text);
    if (results.size < MAX_REMEMBERED_VALUES) {
      results.set(text, result);
    }
    return result;
  };
}

/**
 * Maps the header row once, then turns each data row into a line or row errors. Throws
 * `mapped_column_missing` when a mapped header is not in the file.
 */
export function createLineConverter(
  headerRow: RawRow,
  mapping: ColumnMapping,
  options: LineConverterOptions,
): (row: RawRow) => RowResult {
  const names = headerNames(headerRow);
  const keys = names.map(headerKey);
  const column: Partial<Record<ImportField, number>> = {};
  for (const field of importFields) {
    const header = mapping.columns[field];
    if (header !== undefined) {
      const exact = names.indexOf(header);
      const index = exact >= 0 ? exact : keys.indexOf(headerKey(header));
      if (index < 0) {
        throw new StatementFileError('mapped_column_missing', { field, header });
      }
      column[field] = index;
    }
  }
  const mappedIndexes = Object.values(column);
  const { statementDate, maxCellChars, is1904 } = options;
  const stornoValues = mapping.stornoValues.map(simplifyValue);
  const correctionValues = mapping.correctionValues.map(simplifyValue);
  const renewalYes = new Set(mapping.renewalYesValues.map((value) => value.trim().toLowerCase()));
  const classifyLineType = remembered((text): LineType | null => {
    if (matchesAny(text, stornoValues)) {
      return 'storno';
    }
    return matchesAny(text, correctionValues) ? 'correction' : null;
  });
  const parseDate = remembered((text) => parseTextDate(text, mapping.dateFormat));
  const parseRate = remembered(normalizeRate);
  const parseAgentCode = remembered(normalizeAgentCode);

  let row: RawRow = { rowNumber: 0, cells: [] };
  let errors: RowError[] = [];
  const fail = (code: RowErrorCode, field: ImportField): null => {
    errors.push({ rowNumber: row.rowNumber, code, field });
    return null;
  };

  /** Trimmed text of a mapped cell; null when unmapped, empty or in error. */
  const readText = (field: ImportField): string | null => {
    const index = column[field];
    if (index === undefined) {
      return null;
    }
    if (cellKindAt(row, index) === cellKinds.formulaWithoutValue) {
      return fail('formula_without_value', field);
    }
    const text = cellDisplayText(row, index).trim();
    if (text.length > maxCellChars) {
      return fail('value_too_long', field);
    }
    return text === '' ? null : text;
  };

  const readAmount = (field: AmountField): Grosze | null => {
    const index = column[field];
    if (index === undefined) {
      return null;
    }
    const kind = cellKindAt(row, index);
    if (kind === cellKinds.number || kind === cellKinds.percent) {
      return spreadsheetNumberToGrosze(row.cells[index] ?? '') ?? fail('amount_invalid', field);
    }
    const text = readText(field);
    if (text === null) {
      return null;
    }
    if (kind !== cellKinds.text) {
      return fail('amount_invalid', field);
    }
    return parseTextAmount(text, mapping.decimalSeparator) ?? fail('amount_invalid', field);
  };

  const readRate = (): string | null => {
    const index = column.insurerRate;
    if (index === undefined) {
      return null;
    }
    const kind = cellKindAt(row, index);
    if (kind === cellKinds.number || kind === cellKinds.percent) {
      const decimal = spreadsheetNumberToDecimal(row.cells[index] ?? '');
      const rate =
        decimal === null ? null : parseRate(kind === cellKinds.percent ? decimalTimes100(decimal) : decimal);
      return rate ?? fail('rate_invalid', 'insurerRate');
    }
    const text = readText('insurerRate');
    if (text === null) {
      return null;
    }
    return (kind === cellKinds.text ? parseRate(text) : null) ?? fail('rate_invalid', 'insurerRate');
  };

  const readDate = (): string | null => {
    const index = column.dueDate;
    if (index === undefined) {
      return null;
    }
    const kind = cellKindAt(row, index);
    const text = readText('dueDate');
    if (text === null) {
      return null;
    }
    if (kind === cellKinds.date) {
      return text;
    }
    if (kind === cellKinds.number) {
      // A serial in a column without a date format.
      const serial = Number(row.cells[index]);
      const date = Number.isInteger(serial) ? spreadsheetSerialToIsoDate(serial, is1904) : null;
      return date ?? fail('date_invalid', 'dueDate');
    }
    return (kind === cellKinds.text ? parseDate(text) : null) ?? fail('date_invalid', 'dueDate');
  };

  const readRenewal = (): boolean | null => {
    const index = column.renewal;
    const text = readText('renewal');
    if (index === undefined || text === null) {
      return null;
    }
    if (cellKindAt(row, index) === cellKinds.boolean) {
      return row.cells[index] === '1';
    }
    return renewalYes.has(text.toLowerCase());
  };

  const isTotalsOrNothingMapped = (): boolean => {
    const hasMappedValue = mappedIndexes.some(
      (index) => index !== column.policyNumber && cellDisplayText(row, index).trim() !== '',
    );
    return (
      !hasMappedValue || row.cells.some((_cell, index) => TOTALS.test(cellDisplayText(row, index).trim()))
    );
  };

  return (current) => {
    row = current;
    errors = [];
    const policyNumber = readText('policyNumber');
    if (policyNumber !== null && TOTALS.test(policyNumber)) {
      return null;
    }
    if (policyNumber === null && errors.length === 0) {
      if (isTotalsOrNothingMapped()) {
        return null;
      }
      fail('required_missing', 'policyNumber');
    }
    const before = errors.length;
    const commission = readAmount('commission');
    if (commission === null && errors.length === before) {
      fail('required_missing', 'commission');
    }
    const policyholder = readText('policyholder');
    const product = readText('product');
    const risk = readText('risk');
    const premium = readAmount('premium');
    const collectedPremium = readAmount('collectedPremium');
    const commissionBase = readAmount('commissionBase');
    const insurerRate = readRate();
    const installment = readText('installment');
    const lineDate = readDate() ?? statementDate;
    const agentCode = parseAgentCode(readText('agentCode') ?? '');
    const renewal = readRenewal();
    const lineTypeText = readText('lineType');
    if (errors.length > 0 || policyNumber === null || commission === null) {
      return errors;
    }
    const lineType =
      (lineTypeText === null ? null : classifyLineType(lineTypeText)) ??
      (commission < 0 ? 'storno' : 'standard');
    return {
      rowNumber: row.rowNumber,
      policyNumber,
      policyholder,
      product,
      risk,
      premium,
      collectedPremium,
      commissionBase,
      insurerRate,
      commission,
      installment,
      lineDate,
      agentCode,
      lineType,
      renewal,
    };
  };
}
