import { isName } from './xml-scanner.js';

// Worksheet markup read straight from its bytes: element names, cell types and references.

export const LT = 60;
export const AMPERSAND = 38;
const DIGIT_0 = 48;
const LOWER_C = 99;
const LOWER_F = 102;
export const LOWER_R = 114;
export const LOWER_S = 115;
export const LOWER_T = 116;
const LOWER_V = 118;

export const elements = { other: 0, row: 1, c: 2, v: 3, f: 4, is: 5, t: 6, rPh: 7 } as const;
export type SheetElement = (typeof elements)[keyof typeof elements];

/** The worksheet elements read, told apart by their bytes without making a string of each name. */
export function elementOf(source: Uint8Array, start: number, end: number): SheetElement {
  switch (end - start) {
    case 1:
      switch (source[start] ?? 0) {
        case LOWER_C:
          return elements.c;
        case LOWER_V:
          return elements.v;
        case LOWER_F:
          return elements.f;
        case LOWER_T:
          return elements.t;
        default:
          return elements.other;
      }
    case 2:
      return isName(source, start, end, 'is') ? elements.is : elements.other;
    case 3:
      if (isName(source, start, end, 'row')) {
        return elements.row;
      }
      return isName(source, start, end, 'rPh') ? elements.rPh : elements.other;
    default:
      return elements.other;
  }
}

// Cell types (the `t` attribute), told apart by their first letter and length.
export const cellTypes = {
  number: 0,
  shared: 1,
  inline: 2,
  formulaString: 3,
  boolean: 4,
  error: 5,
  date: 6,
} as const;
export type CellType = (typeof cellTypes)[keyof typeof cellTypes];

export function cellTypeOf(source: Uint8Array, start: number, end: number): CellType {
  switch (source[start] ?? 0) {
    case LOWER_S:
      return end - start === 1 ? cellTypes.shared : cellTypes.formulaString;
    case 105:
      return cellTypes.inline;
    case 98:
      return cellTypes.boolean;
    case 101:
      return cellTypes.error;
    case 100:
      return cellTypes.date;
    default:
      return cellTypes.number;
  }
}

/** `AB12` → 27 (zero-based column); the letters are read. */
export function columnIndex(source: Uint8Array, start: number, end: number): number {
  let index = 0;
  for (let i = start; i < end; i += 1) {
    const code = (source[i] ?? 0) & ~32;
    if (code < 65 || code > 90) {
      break;
    }
    index = index * 26 + (code - 64);
  }
  return index - 1;
}

/** A whole number written in `source[start..end)`, letters before it skipped (`A12` → 12); -1 if none. */
export function integerIn(source: Uint8Array, start: number, end: number): number {
  let value = -1;
  for (let i = start; i < end; i += 1) {
    const digit = (source[i] ?? 0) - DIGIT_0;
    if (digit >= 0 && digit <= 9) {
      value = (value < 0 ? 0 : value * 10) + digit;
    } else if (value >= 0) {
      return -1;
    }
  }
  return value;
}

const EQUALS = 61;
const DOUBLE_QUOTE = 34;
const SINGLE_QUOTE = 39;

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

export type CellAttributes = { column: number; type: CellType; style: number };

/**
 * Reads `r`, `t` and `s` of a `<c>` tag in one pass, leaving what is absent as it was: the hottest loop of a
 * large sheet, so written out rather than going through a callback per attribute.
 */
export function readCellAttributes(
  source: Uint8Array,
  start: number,
  end: number,
  into: CellAttributes,
): void {
  let i = start;
  while (i < end && isSpace(source[i] ?? 0)) {
    i += 1;
  }
  while (i < end) {
    const nameStart = i;
    let code = source[i] ?? 0;
    while (i < end && code !== EQUALS && !isSpace(code)) {
      i += 1;
      code = source[i] ?? 0;
    }
    const nameEnd = i;
    while (i < end && code !== DOUBLE_QUOTE && code !== SINGLE_QUOTE) {
      i += 1;
      code = source[i] ?? 0;
    }
    const valueStart = i + 1;
    i = valueStart;
    while (i < end && source[i] !== code) {
      i += 1;
    }
    if (i >= end) {
      return;
    }
    if (nameEnd - nameStart === 1 && i > valueStart) {
      switch (source[nameStart] ?? 0) {
        case LOWER_R:
          into.column = columnIndex(source, valueStart, i);
          break;
        case LOWER_T:
          into.type = cellTypeOf(source, valueStart, i);
          break;
        case LOWER_S:
          into.style = Math.max(0, integerIn(source, valueStart, i));
          break;
        default:
          break;
      }
    }
    i += 1;
    while (i < end && isSpace(source[i] ?? 0)) {
      i += 1;
    }
  }
}
