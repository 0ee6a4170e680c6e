import type { CommissionLine } from './types.js';

/**
 * Product and risk names are typed by hand in rules and vary in case and spacing across statements. A blank cell
 * says nothing, like a missing one: as "" it would fail to match a named risk and block a clawback's match.
 */
export function normaliseText(value: string | null): string | null {
  if (value === null) {
    return null;
  }
  const text = value.trim().replace(/\s+/g, ' ').toLowerCase();
  return text === '' ? null : text;
}

const ISO_DATE = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/;

/** Dates are compared as strings, which orders them correctly only in this one format. */
export function isIsoDate(value: string): boolean {
  return ISO_DATE.test(value);
}

/** Insurers print the same policy as `ab 123 456` and `AB123456`. */
export function normalisePolicyNumber(value: string): string {
  // Most numbers are printed normalised already; skipping them saves two string copies per line.
  return /[^\dA-Z./-]/.test(value) ? value.replace(/\s+/g, '').toUpperCase() : value;
}

/**
 * The two normalisations, memoised for one computation: statements repeat the same few products and risks and
 * each policy's number on every instalment, and a month-end run normalises them for hundreds of thousands of lines.
 */
export type Normaliser = {
  text: (value: string | null) => string | null;
  policy: (value: string) => string;
};

export function createNormaliser(): Normaliser {
  const texts = new Map<string, string | null>();
  return {
    text(value) {
      if (value === null) {
        return null;
      }
      let normalised = texts.get(value);
      if (normalised === undefined) {
        normalised = normaliseText(value);
        texts.set(value, normalised);
      }
      return normalised;
    },
    policy: normalisePolicyNumber,
  };
}

// Refused in ids and policy numbers (isUsableText), so composite keys never collide.
const SEPARATOR = '\u001f';

/** The key under which a fixed_per_policy amount is paid once; callers persist it as `alreadyPaidFixed`. */
export function fixedPolicyKey(collaboratorId: string, insurerId: string, policyNumber: string): string {
  return collaboratorId + SEPARATOR + insurerId + SEPARATOR + normalisePolicyNumber(policyNumber);
}

/**
 * A non-blank id, policy number or name, free of the key separator: with it, two different values could build
 * the same composite key.
 */
export function isUsableText(value: string): boolean {
  return /\S/.test(value) && !value.includes(SEPARATOR);
}

/** A negative line or a storno takes commission back from the agency. */
export function isClawbackLine(line: CommissionLine): boolean {
  return line.commission < 0 || line.lineType === 'storno';
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The one processing order (date, import, row, id), so that "the first line of a policy" and every result are
 * the same whatever order the lines arrive in.
 */
export function compareLines(a: CommissionLine, b: CommissionLine): number {
  return (
    compareStrings(a.lineDate, b.lineDate) ||
    compareStrings(a.importId, b.importId) ||
    a.rowNumber - b.rowNumber ||
    compareStrings(a.id, b.id)
  );
}
