import {
  isValidEmail,
  isValidIban,
  isValidKnfNumber,
  isValidNip,
  isValidPesel,
  isValidRegon,
  normalizeEmail,
  normalizeIban,
  normalizeKnfNumber,
  normalizeNip,
  normalizePesel,
  normalizePhone,
  normalizeRegon,
} from '../shared/identifiers.js';
import { AppError, type ErrorCode } from './errors.js';

/**
 * Identifiers are checked here, in services, so that each kind of mistake has its own error code
 * and the field it belongs to (the web app runs the same checks from src/shared before sending).
 */
function check(
  value: string,
  normalize: (input: string) => string | null,
  isValid: (input: string) => boolean,
  code: ErrorCode,
  field: string,
): string {
  const normalized = normalize(value);
  if (normalized === null || !isValid(normalized)) {
    throw new AppError(code, `Invalid ${field}`, { field });
  }
  return normalized;
}

export const requireNip = (value: string, field = 'nip') =>
  check(value, normalizeNip, isValidNip, 'invalid_nip', field);
export const requireRegon = (value: string, field = 'regon') =>
  check(value, normalizeRegon, isValidRegon, 'invalid_regon', field);
export const requirePesel = (value: string, field = 'pesel') =>
  check(value, normalizePesel, isValidPesel, 'invalid_pesel', field);
export const requireKnfNumber = (value: string, field = 'knfNumber') =>
  check(value, normalizeKnfNumber, isValidKnfNumber, 'invalid_knf_number', field);
export const requireEmail = (value: string, field = 'email') =>
  check(value, (v) => normalizeEmail(v), isValidEmail, 'invalid_email', field);
export const requirePhone = (value: string, field = 'phone') =>
  check(value, normalizePhone, () => true, 'invalid_phone', field);
export const requireIban = (value: string, field = 'iban') =>
  check(value, normalizeIban, isValidIban, 'invalid_iban', field);
