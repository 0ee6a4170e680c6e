import { decimalTimes100, spreadsheetNumberToDecimal } from './cell-values.js';

/** What a spreadsheet cell held; CSV cells are all text. */
export const cellKinds = {
  text: 0,
  number: 1,
  /** A date-formatted number, already converted: the cell text is an ISO date. */
  date: 2,
  /** `1` or `0`. */
  boolean: 3,
  /** A formula whose result the file does not carry: its value is unknown, never computed here. */
  formulaWithoutValue: 4,
  /** A percent-formatted number: the cell text is the stored fraction (`0.125` for 12.5 %). */
  percent: 5,
} as const;
export type CellKind = (typeof cellKinds)[keyof typeof cellKinds];

/** One row as read from the file, numbered as a person sees it (Excel row, text editor line). */
export type RawRow = {
  rowNumber: number;
  cells: string[];
  /** Absent for CSV. */
  kinds?: CellKind[];
};

/** Rows in the order of the file, a chunk at a time; `close` releases the file whether read to the end or not. */
export type RowSource = {
  batches: AsyncGenerator<RawRow[], void, undefined>;
  close: () => void;
  /** Progress: CSV counts the file's bytes, XLSX the decompressed bytes of the sheet. */
  bytesRead: () => number;
  totalBytes: number;
};

export function cellKindAt(row: RawRow, index: number): CellKind {
  return row.kinds?.[index] ?? cellKinds.text;
}

/** A cell as a person would read it: numbers plain (`1234.5`), dates ISO, percentages with `%`. */
export function cellDisplayText(row: RawRow, index: number): string {
  const text = row.cells[index] ?? '';
  switch (cellKindAt(row, index)) {
    case cellKinds.text:
    case cellKinds.date:
      return text;
    case cellKinds.number:
      return spreadsheetNumberToDecimal(text) ?? text;
    case cellKinds.percent: {
      const decimal = spreadsheetNumberToDecimal(text);
      return decimal === null ? text : `${decimalTimes100(decimal)}%`;
    }
    case cellKinds.boolean:
      return text === '1' ? 'TRUE' : 'FALSE';
    case cellKinds.formulaWithoutValue:
      return '';
  }
}

export function isBlankRow(row: RawRow): boolean {
  return row.cells.every(
    (cell, index) => cell.trim() === '' && cellKindAt(row, index) !== cellKinds.formulaWithoutValue,
  );
}
