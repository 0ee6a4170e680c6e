import { formatDate, formatMonth } from '../../../../shared/format.js';
import { normalizeNip } from '../../../../shared/identifiers.js';
import type { Grosze } from '../../../../shared/money.js';
import { RenderError } from './render-error.js';
import type { DateRange, StatementAdjustment, StatementBasis, StatementLineType } from './render.types.js';

export const LINE_TYPE_LABELS: Record<StatementLineType, string> = {
  standard: 'naliczenie',
  correction: 'korekta',
  storno: 'storno',
};

export const BASIS_LABELS: Record<StatementBasis, string> = {
  agency_commission: 'prowizja agencji',
  collected_premium: 'składka zainkasowana',
  written_premium: 'składka przypisana',
  fixed_per_policy: 'stała kwota od polisy',
};

/** For the PDF's narrow column, in the words agents use. */
export const BASIS_SHORT_LABELS: Record<StatementBasis, string> = {
  agency_commission: 'prowizja agencji',
  collected_premium: 'inkaso składki',
  written_premium: 'przypis składki',
  fixed_per_policy: 'kwota stała',
};

export const ADJUSTMENT_LABELS: Record<StatementAdjustment['kind'], string> = {
  bonus: 'Premia',
  deduction: 'Potrącenie',
  advance: 'Zaliczka',
  correction: 'Korekta',
};

export const VAT_EXEMPTION_NOTE =
  'Usługi pośrednictwa ubezpieczeniowego zwolnione z VAT na podstawie art. 43 ust. 1 pkt 37 ustawy o VAT.';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Checks a `YYYY-MM-DD` calendar date, naming `field` (never the value) when it is not one. */
export function checkDate(value: string, field: string): { year: number; month: number; day: number } {
  const match = ISO_DATE.exec(value);
  const [year, month, day] = [Number(match?.[1]), Number(match?.[2]), Number(match?.[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (match === null || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw new RenderError('invalid_date', field);
  }
  return { year, month, day };
}

/** `30.11.2026`. */
export function formatDocumentDate(value: string, field: string): string {
  checkDate(value, field);
  return formatDate(value);
}

/** A whole calendar month reads `listopad 2026`; any other range `01.11.2026 – 15.11.2026`. */
export function formatPeriod(period: DateRange, field = 'period'): string {
  const from = checkDate(period.from, `${field}.from`);
  const to = checkDate(period.to, `${field}.to`);
  const lastDay = new Date(Date.UTC(from.year, from.month, 0)).getUTCDate();
  const isMonth = from.day === 1 && to.year === from.year && to.month === from.month && to.day === lastDay;
  if (isMonth) {
    return formatMonth(period.from.slice(0, 7));
  }
  return `${formatDate(period.from)} – ${formatDate(period.to)}`;
}

/** `"12.5"` → `12,5%`; a value that is not a decimal is shown as it came. */
export function formatRate(rate: string | null): string {
  if (rate === null) {
    return '—';
  }
  const trimmed = rate.trim();
  return /^\d+(\.\d+)?$/.test(trimmed) ? `${trimmed.replace('.', ',')}%` : trimmed;
}

/** A NIP as its ten digits (no dashes: it is copied into bank and tax forms). */
export function formatNipDigits(nip: string): string {
  return normalizeNip(nip) ?? nip;
}

const NBSP = '\u00a0';

/**
 * An amount for a table cell, where the column header carries the currency: `-1 234,56`, exactly as
 * `formatAmount(grosze, { currency: false })` writes it (a test holds them equal) but with number arithmetic: a
 * statement prints thousands of amounts and the BigInt version is a measurable part of rendering one.
 */
export function formatAmountCell(grosze: Grosze): string {
  if (!Number.isSafeInteger(grosze)) {
    throw new RenderError('invalid_amount', 'amount');
  }
  const magnitude = Math.abs(grosze);
  const cents = magnitude % 100;
  let zloty = (magnitude - cents) / 100;
  let grouped = '';
  while (zloty >= 1000) {
    const group = zloty % 1000;
    grouped = `${NBSP}${group < 10 ? '00' : group < 100 ? '0' : ''}${String(group)}${grouped}`;
    zloty = (zloty - group) / 1000;
  }
  return `${grosze < 0 ? '-' : ''}${String(zloty)}${grouped},${cents < 10 ? '0' : ''}${String(cents)}`;
}

/** A sum of grosze that refuses to leave the safe integer range rather than lose a grosz. */
export function addGrosze(sum: Grosze, value: Grosze, field: string): Grosze {
  const next = sum + value;
  if (!Number.isSafeInteger(value) || !Number.isSafeInteger(next)) {
    throw new RenderError('invalid_amount', field);
  }
  return next;
}
