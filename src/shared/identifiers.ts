import { z } from 'zod';

// Normalizers only check the shape (digit count, prefix); `isValid*` also checks the checksum.
// Separators people type or paste: spaces (including no-break ones) and dashes.
const SEPARATORS = /[\s-]/g;

function digitsOf(value: string): number[] {
  return Array.from(value, Number);
}

function weightedSum(digits: readonly number[], weights: readonly number[]): number {
  return weights.reduce((sum, weight, index) => sum + weight * (digits[index] ?? 0), 0);
}

// NIP

const NIP_WEIGHTS = [6, 5, 7, 2, 3, 4, 5, 6, 7];

export function normalizeNip(input: string): string | null {
  const compact = input.replace(SEPARATORS, '').replace(/^PL/i, '');
  return /^\d{10}$/.test(compact) ? compact : null;
}

export function isValidNip(input: string): boolean {
  const nip = normalizeNip(input);
  if (nip === null) {
    return false;
  }
  const digits = digitsOf(nip);
  // A remainder of 10 cannot be a check digit: such numbers are never issued.
  return weightedSum(digits, NIP_WEIGHTS) % 11 === digits[9];
}

export function formatNip(nip: string): string {
  const normalized = normalizeNip(nip);
  if (normalized === null) {
    return nip;
  }
  return `${normalized.slice(0, 3)}-${normalized.slice(3, 6)}-${normalized.slice(6, 8)}-${normalized.slice(8)}`;
}

// REGON

const REGON9_WEIGHTS = [8, 9, 2, 3, 4, 5, 6, 7];
const REGON14_WEIGHTS = [2, 4, 8, 5, 0, 9, 7, 3, 6, 1, 2, 4, 8];

export function normalizeRegon(input: string): string | null {
  const compact = input.replace(SEPARATORS, '');
  return /^(\d{9}|\d{14})$/.test(compact) ? compact : null;
}

function hasRegonChecksum(digits: readonly number[], weights: readonly number[]): boolean {
  return (weightedSum(digits, weights) % 11) % 10 === digits[weights.length];
}

export function isValidRegon(input: string): boolean {
  const regon = normalizeRegon(input);
  if (regon === null) {
    return false;
  }
  const digits = digitsOf(regon);
  // A 14-digit REGON (a local unit) extends the 9-digit REGON of its parent entity.
  const isParentValid = hasRegonChecksum(digits.slice(0, 9), REGON9_WEIGHTS);
  return regon.length === 9 ? isParentValid : isParentValid && hasRegonChecksum(digits, REGON14_WEIGHTS);
}

// PESEL

const PESEL_WEIGHTS = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];

export function normalizePesel(input: string): string | null {
  const compact = input.replace(SEPARATORS, '');
  return /^\d{11}$/.test(compact) ? compact : null;
}

function decodePeselDate(pesel: string): string | null {
  const encodedMonth = Number(pesel.slice(2, 4));
  const centuryOffset = Math.floor(encodedMonth / 20) * 20;
  const centuryStart = { 0: 1900, 20: 2000, 40: 2100, 60: 2200, 80: 1800 }[centuryOffset];
  const month = encodedMonth - centuryOffset;
  const day = Number(pesel.slice(4, 6));
  if (centuryStart === undefined || month < 1 || month > 12 || day < 1) {
    return null;
  }
  const year = centuryStart + Number(pesel.slice(0, 2));
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) {
    return null;
  }
  return `${String(year)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function hasPeselChecksum(pesel: string): boolean {
  const digits = digitsOf(pesel);
  return (10 - (weightedSum(digits, PESEL_WEIGHTS) % 10)) % 10 === digits[10];
}

/** The birth date (ISO `YYYY-MM-DD`) of a valid PESEL, else null. */
export function peselBirthDate(pesel: string): string | null {
  const normalized = normalizePesel(pesel);
  if (normalized === null || !hasPeselChecksum(normalized)) {
    return null;
  }
  return decodePeselDate(normalized);
}

export function isValidPesel(input: string): boolean {
  return peselBirthDate(input) !== null;
}

// The first six digits are a birth date: personal data that lists must never show.
export function maskPesel(pesel: string): string {
  const normalized = normalizePesel(pesel);
  return normalized === null ? '•'.repeat(11) : `${'•'.repeat(7)}${normalized.slice(7)}`;
}

// IBAN / NRB

// ISO 13616 lengths for the EEA, plus the other SEPA countries a collaborator might bank in.
// prettier-ignore
const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AT: 20, BE: 16, BG: 22, CH: 21, CY: 28, CZ: 24, DE: 22, DK: 18, EE: 20, ES: 24, FI: 18,
  FR: 27, GB: 22, GI: 23, GR: 27, HR: 21, HU: 28, IE: 22, IS: 26, IT: 27, LI: 21, LT: 20, LU: 20,
  LV: 21, MC: 27, MT: 31, NL: 18, NO: 15, PL: 28, PT: 25, RO: 24, SE: 24, SI: 19, SK: 24, SM: 27,
  VA: 22,
};

/** `PL` + 26 digits for a Polish account (a bare 26-digit NRB gets the prefix), else a compact IBAN. */
export function normalizeIban(input: string): string | null {
  const compact = input.replace(SEPARATORS, '').toUpperCase();
  if (/^\d{26}$/.test(compact)) {
    return `PL${compact}`;
  }
  return /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(compact) ? compact : null;
}

function ibanMod97(iban: string): number {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    // Letters count as two digits: A = 10 … Z = 35.
    const value = parseInt(char, 36);
    remainder = (remainder * (value < 10 ? 10 : 100) + value) % 97;
  }
  return remainder;
}

export function isValidIban(input: string): boolean {
  const iban = normalizeIban(input);
  if (iban === null || IBAN_LENGTHS[iban.slice(0, 2)] !== iban.length) {
    return false;
  }
  if (iban.startsWith('PL') && !/^PL\d{26}$/.test(iban)) {
    return false;
  }
  return ibanMod97(iban) === 1;
}

export function formatIban(iban: string): string {
  const normalized = normalizeIban(iban);
  return normalized === null ? iban : normalized.replace(/(.{4})(?=.)/g, '$1 ');
}

// KNF agent register number

export function normalizeKnfNumber(input: string): string | null {
  const candidate = input.trim().toUpperCase();
  return /^\d{8}\/A$/.test(candidate) ? candidate : null;
}

// No checksum is published for these numbers, so only the observed shape is checked.
export function isValidKnfNumber(input: string): boolean {
  return normalizeKnfNumber(input) !== null;
}

// Phone

/** E.164 (`+48600123456`); a bare 9-digit number is Polish. */
export function normalizePhone(input: string): string | null {
  const compact = input.replace(/[\s\-().]/g, '');
  if (/^[1-9]\d{8}$/.test(compact)) {
    return `+48${compact}`;
  }
  const international = /^(?:\+|00)([1-9]\d{7,14})$/.exec(compact)?.[1];
  if (international === undefined) {
    return null;
  }
  // Polish national numbers have exactly 9 digits and never start with 0.
  if (international.startsWith('48') && !/^48[1-9]\d{8}$/.test(international)) {
    return null;
  }
  return `+${international}`;
}

export function formatPhone(phone: string): string {
  const normalized = normalizePhone(phone);
  if (normalized === null) {
    return phone;
  }
  if (normalized.startsWith('+48')) {
    return `+48 ${normalized.slice(3, 6)} ${normalized.slice(6, 9)} ${normalized.slice(9)}`;
  }
  // Without a per-country numbering plan any grouping would be a guess.
  return normalized;
}

// E-mail

export function normalizeEmail(input: string): string {
  return input.trim().toLowerCase();
}

const EMAIL_LOCAL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/i;
const EMAIL_DOMAIN = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+([a-z]{2,63}|xn--[a-z0-9-]{1,59})$/i;

export function isValidEmail(input: string): boolean {
  const email = normalizeEmail(input);
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  return (
    at > 0 &&
    email.length <= 254 &&
    local.length <= 64 &&
    EMAIL_LOCAL.test(local) &&
    EMAIL_DOMAIN.test(domain)
  );
}

/** `jan@example.pl` → `j***@e***.pl`, for screens that confirm where something was sent. */
export function maskEmail(email: string): string {
  const normalized = normalizeEmail(email);
  if (!isValidEmail(normalized)) {
    return '***';
  }
  const [local = '', domain = ''] = normalized.split('@');
  const tld = domain.slice(domain.lastIndexOf('.') + 1);
  return `${local.slice(0, 1)}***@${domain.slice(0, 1)}***.${tld}`;
}

// zod schemas: the issue message is the stable error code the web app translates. The issue never carries the
// input, which may be personal data (PESEL) and would reach logs with the error.

export type IdentifierErrorCode =
  | 'invalid_nip'
  | 'invalid_regon'
  | 'invalid_pesel'
  | 'invalid_iban'
  | 'invalid_knf_number'
  | 'invalid_phone'
  | 'invalid_email';

function identifierSchema(
  code: IdentifierErrorCode,
  normalize: (value: string) => string | null,
  isValid: (value: string) => boolean,
) {
  return z.string({ error: code }).transform((value, ctx) => {
    const normalized = normalize(value);
    if (normalized === null || !isValid(normalized)) {
      ctx.issues.push({ code: 'custom', message: code, input: undefined });
      return z.NEVER;
    }
    return normalized;
  });
}

export const nipSchema = identifierSchema('invalid_nip', normalizeNip, isValidNip);
export const peselSchema = identifierSchema('invalid_pesel', normalizePesel, isValidPesel);
export const ibanSchema = identifierSchema('invalid_iban', normalizeIban, isValidIban);
export const knfNumberSchema = identifierSchema('invalid_knf_number', normalizeKnfNumber, isValidKnfNumber);
export const phoneSchema = identifierSchema('invalid_phone', normalizePhone, () => true);
export const emailSchema = identifierSchema('invalid_email', normalizeEmail, isValidEmail);

const regonSchema = identifierSchema('invalid_regon', normalizeRegon, isValidRegon);

/** Missing, null or blank → null; anything else must be a valid REGON. */
export const optionalRegonSchema = z
  .string({ error: 'invalid_regon' })
  .nullish()
  .transform((value) => (value === undefined || value === null || value.trim() === '' ? null : value))
  .pipe(regonSchema.nullable());
