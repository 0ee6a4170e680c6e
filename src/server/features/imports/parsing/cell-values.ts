import type { Grosze } from '../../../../shared/money.js';
import { parseCommonAmount, parseTextAmount } from './text-amount.js';

export type DateFormat = 'DD.MM.YYYY' | 'YYYY-MM-DD' | 'auto';

// Up to 15 significant digits, as written by Excel for what a person typed: already exact.
const SHORT_DECIMAL = /^(-?)(0|[1-9]\d*)(?:\.(\d+))?$/;

/**
 * A spreadsheet number as a plain decimal string. Excel keeps 15 significant digits and stores the binary double
 * nearest to them, so rounding to 15 digits gives back what the person typed (0.1 + 0.2 → `0.3`).
 */
export function spreadsheetNumberToDecimal(raw: string): string | null {
  const short = SHORT_DECIMAL.exec(raw);
  if (short && (short[2] ?? '').length + (short[3] ?? '').length <= 15) {
    const fraction = (short[3] ?? '').replace(/0+$/, '');
    const text = fraction === '' ? (short[2] ?? '') : `${short[2] ?? ''}.${fraction}`;
    return short[1] === '-' && /[1-9]/.test(text) ? `-${text}` : text;
  }
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value)) {
    return null;
  }
  const [mantissa = '', exponent = '0'] = value.toPrecision(15).split('e');
  const isNegative = mantissa.startsWith('-');
  const [integerPart = '', fractionPart = ''] = (isNegative ? mantissa.slice(1) : mantissa).split('.');
  let digits = integerPart + fractionPart;
  let point = integerPart.length + Number(exponent);
  if (point <= 0) {
    digits = '0'.repeat(1 - point) + digits;
    point = 1;
  }
  digits = digits.padEnd(point, '0');
  const integer = digits.slice(0, point).replace(/^0+(?=\d)/, '');
  const fraction = digits.slice(point).replace(/0+$/, '');
  const text = fraction === '' ? integer : `${integer}.${fraction}`;
  return isNegative && /[1-9]/.test(text) ? `-${text}` : text;
}

/** A numeric cell as an amount: more than 2 decimals after the 15-digit normalisation is not an amount. */
export function spreadsheetNumberToGrosze(raw: string): Grosze | null {
  // A stored value with at most 2 decimals (and 13 digits) is exactly what was typed.
  const plain = parseCommonAmount(raw, '.');
  if (plain !== undefined) {
    return plain;
  }
  const decimal = spreadsheetNumberToDecimal(raw);
  return decimal === null ? null : parseTextAmount(decimal, '.');
}

/** `0.125` in a percent-formatted cell is 12.5 %. */
export function decimalTimes100(decimal: string): string {
  const isNegative = decimal.startsWith('-');
  const [integerPart = '', fractionPart = ''] = (isNegative ? decimal.slice(1) : decimal).split('.');
  const padded = fractionPart.padEnd(2, '0');
  const integer = `${integerPart}${padded.slice(0, 2)}`.replace(/^0+(?=\d)/, '');
  const fraction = padded.slice(2).replace(/0+$/, '');
  const text = fraction === '' ? integer : `${integer}.${fraction}`;
  return isNegative && /[1-9]/.test(text) ? `-${text}` : text;
}

// numeric(9, 4) in the database: at most 5 integer digits and 4 decimals.
const RATE = /^([-+]?)(\d{1,5})(?:[.,](\d+))?\s*%?$/;

/** A percent rate as an exact decimal string (`12,50 %` → `12.5`), or null. */
export function normalizeRate(text: string): string | null {
  const match = RATE.exec(text.trim());
  if (!match) {
    return null;
  }
  const fraction = (match[3] ?? '').replace(/0+$/, '');
  if (fraction.length > 4) {
    return null;
  }
  const integer = (match[2] ?? '').replace(/^0+(?=\d)/, '');
  const unsigned = fraction === '' ? integer : `${integer}.${fraction}`;
  return match[1] === '-' && /[1-9]/.test(unsigned) ? `-${unsigned}` : unsigned;
}

const DAY_FIRST = /^(\d{1,2})([./-])(\d{1,2})\2(\d{4})(?:[ T]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;
const YEAR_FIRST =
  /^(\d{4})([./-])(\d{1,2})\2(\d{1,2})(?:[ T]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

export function isoDate(year: number, month: number, day: number): string | null {
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) {
    return null;
  }
  const isLeap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const daysInMonth =
    month === 2 ? (isLeap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  if (day > daysInMonth) {
    return null;
  }
  return `${String(year)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * `DD.MM.YYYY`, `D.M.YYYY`, `DD-MM-YYYY`, `DD/MM/YYYY` or `YYYY-MM-DD` (a time after it is ignored: a statement line
 * is settled by day) as an ISO date, or null when it is not a real calendar date.
 */
export function parseTextDate(text: string, format: DateFormat): string | null {
  if (format !== 'YYYY-MM-DD') {
    const match = DAY_FIRST.exec(text);
    if (match) {
      return isoDate(Number(match[4]), Number(match[3]), Number(match[1]));
    }
  }
  if (format !== 'DD.MM.YYYY') {
    const match = YEAR_FIRST.exec(text);
    if (match) {
      return isoDate(Number(match[1]), Number(match[3]), Number(match[4]));
    }
  }
  return null;
}

const DAY_MS = 86_400_000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);
const LAST_SERIAL = 2_958_465; // 9999-12-31
// A statement's dates are a few hundred days, each on thousands of rows.
const MAX_CACHED_DATES = 20_000;
const isoDateCache = new Map<number, string>();

/**
 * A spreadsheet date serial (its time of day dropped) as an ISO date. In the 1900 system Excel counts a
 * 29 February 1900 that never was (a Lotus 1-2-3 bug kept for compatibility): serial 60 is no date, and serials
 * before it are one day later than the arithmetic says.
 */
export function spreadsheetSerialToIsoDate(serial: number, is1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < 0 || serial >= LAST_SERIAL + 1) {
    return null;
  }
  const days = Math.floor(serial);
  if (!is1904 && (days === 0 || days === 60)) {
    return null;
  }
  const key = is1904 ? -days - 1 : days;
  let date = isoDateCache.get(key);
  if (date === undefined) {
    const epochDay = is1904
      ? EPOCH_1904 + days * DAY_MS
      : EPOCH_1900 + (days < 60 ? days + 1 : days) * DAY_MS;
    date = new Date(epochDay).toISOString().slice(0, 10);
    if (isoDateCache.size < MAX_CACHED_DATES) {
      isoDateCache.set(key, date);
    }
  }
  return date;
}

/** `AG 001 ` → `AG001`. */
export function normalizeAgentCode(text: string): string | null {
  const code = (/\s/.test(text) ? text.replace(/\s+/g, '') : text).toUpperCase();
  return code === '' ? null : code;
}
