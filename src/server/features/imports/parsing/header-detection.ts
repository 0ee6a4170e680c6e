import { cellDisplayText, cellKindAt, cellKinds, isBlankRow, type RawRow } from './raw-rows.js';

/** How headers are compared: case and spacing do not matter. */
export function headerKey(header: string): string {
  return header.trim().replace(/\s+/g, ' ').toLocaleLowerCase('pl');
}

/**
 * Column names as offered for mapping: trimmed, trailing empty cells dropped, an unnamed column called
 * `Kolumna N` and a repeated name numbered (`Kwota (2)`), so that every column has one name to map.
 */
export function headerNames(row: RawRow): string[] {
  const names = row.cells.map((_cell, index) => cellDisplayText(row, index).trim().replace(/\s+/g, ' '));
  while (names.length > 0 && names[names.length - 1] === '') {
    names.pop();
  }
  const seen = new Map<string, number>();
  return names.map((name, index) => {
    const base = name === '' ? `Kolumna ${String(index + 1)}` : name;
    const key = headerKey(base);
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    return count === 1 ? base : `${base} (${String(count)})`;
  });
}

const NUMBER_LIKE = /^[-+(\u2212]?\s*[\d\s\u00a0.,]+\)?\s*(?:%|zł|pln)?$/i;
const DATE_LIKE = /^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}/;

function filledCount(row: RawRow): number {
  return row.cells.reduce(
    (count, _cell, index) => count + (cellDisplayText(row, index).trim() === '' ? 0 : 1),
    0,
  );
}

function isTextual(row: RawRow, index: number): boolean {
  if (cellKindAt(row, index) !== cellKinds.text) {
    return false;
  }
  const text = (row.cells[index] ?? '').trim();
  return !NUMBER_LIKE.test(text) && !DATE_LIKE.test(text);
}

/** At least 3 names, mostly not numbers or dates, and the next row about as wide (or the end of the file). */
function looksLikeHeader(row: RawRow, next: RawRow | undefined): boolean {
  const filled = filledCount(row);
  if (filled < 3) {
    return false;
  }
  const textual = row.cells.reduce((count, _cell, index) => count + (isTextual(row, index) ? 1 : 0), 0);
  if (textual < filled * 0.7) {
    return false;
  }
  return next === undefined || filledCount(next) >= Math.max(2, Math.ceil(filled / 2));
}

/**
 * Index in `rows` (non-blank rows from the top of the file) of the header: the row holding every expected
 * header (from a saved mapping) if there is one, else the first that looks like a header.
 */
export function findHeaderIndex(rows: readonly RawRow[], expectedHeaders: readonly string[] = []): number {
  const candidates = rows.filter((row) => !isBlankRow(row));
  if (expectedHeaders.length > 0) {
    const expected = expectedHeaders.map(headerKey);
    const match = candidates.find((row) => {
      const keys = new Set(headerNames(row).map(headerKey));
      return expected.every((key) => keys.has(key));
    });
    if (match !== undefined) {
      return rows.indexOf(match);
    }
  }
  const header = candidates.find((row, i) => looksLikeHeader(row, candidates[i + 1]));
  return header === undefined ? -1 : rows.indexOf(header);
}
