import type { Grosze } from '../../../../shared/money.js';
import { Fa3Error } from './fa3-error.js';

export const FA3_NAMESPACE = 'http://crd.gov.pl/wzor/2025/06/25/13775/';
export const FA3_SYSTEM_CODE = 'FA (3)';
export const FA3_SCHEMA_VERSION = '1-0E';

// TKwotowy, the schema's type for every total (P_13_x, P_14_x, P_15) and for the line net amount P_11: at
// most 2 decimals, so these amounts are exact grosze and nothing is ever rounded. Only unit prices
// (P_9A/P_9B, TKwotowy2) may carry 8 decimals; Sejf does not read them.
const TKWOTOWY = /^(-?)([1-9]\d{0,15}|0)(?:\.(\d{1,2}))?$/;
const MAX_GROSZE = BigInt(Number.MAX_SAFE_INTEGER);

/** An FA(3) amount (`1234.56`, `-0.5`, `7`) as exact integer grosze; never goes through a float. */
export function parseFa3Amount(text: string, field: string): Grosze {
  // xsd:decimal collapses whitespace before the pattern applies.
  const match = TKWOTOWY.exec(text.trim());
  if (!match) {
    throw new Fa3Error('fa3_amount_invalid', { field });
  }
  const [, sign = '', integer = '0', fraction = ''] = match;
  const magnitude = BigInt(integer) * 100n + BigInt(fraction.padEnd(2, '0'));
  if (magnitude > MAX_GROSZE) {
    throw new Fa3Error('fa3_amount_invalid', { field });
  }
  return Number(sign === '-' ? -magnitude : magnitude);
}

/** Grosze as an FA(3) amount: `1234.56`, `-0.05`, always two decimals, no grouping. */
export function formatFa3Amount(grosze: Grosze, field = 'amount'): string {
  if (!Number.isSafeInteger(grosze)) {
    throw new Fa3Error('fa3_amount_invalid', { field });
  }
  const value = BigInt(grosze);
  const magnitude = value < 0n ? -value : value;
  const cents = (magnitude % 100n).toString().padStart(2, '0');
  return `${value < 0n ? '-' : ''}${(magnitude / 100n).toString()}.${cents}`;
}

/** A real calendar date `YYYY-MM-DD` (xsd:date without a time zone, as TData's pattern requires). */
export function isIsoDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) {
    return false;
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

// TDataT, the type of P_1, P_6, P_6_Od and P_6_Do.
const FIRST_INVOICE_DATE = '2006-01-01';
const LAST_INVOICE_DATE = '2050-01-01';

/** A date the schema accepts in P_1, P_6 and OkresFa: a real date from 2006-01-01 to 2050-01-01. */
export function isFa3Date(text: string): boolean {
  return isIsoDate(text) && text >= FIRST_INVOICE_DATE && text <= LAST_INVOICE_DATE;
}

// etd:TNrNIP: stricter than the checksum alone (which 0000000000 passes): no leading zero, and the tax
// office prefix (digits 1-3) never ends in 00.
const TNRNIP = /^[1-9](?:\d[1-9]|[1-9]\d)\d{7}$/;

export function isFa3Nip(text: string): boolean {
  return TNRNIP.test(text);
}

/** xsd:token's whitespace collapse, which the schema applies to every text field Sejf reads or writes. */
export function collapseWhitespace(text: string): string {
  return text.replace(/[ \t\r\n]+/g, ' ').trim();
}
