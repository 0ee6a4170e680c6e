import { randomBytes, randomInt } from 'node:crypto';

/** Crockford base32 without I, L, O, U: easy to read aloud and to type from a phone. */
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function randomCode(length: number): string {
  let code = '';
  for (let i = 0; i < length; i++) {
    code += alphabet.charAt(randomInt(alphabet.length));
  }
  return code;
}

function group(code: string, size: number): string {
  return code.match(new RegExp(`.{1,${size}}`, 'g'))?.join('-') ?? code;
}

/** 256-bit opaque token for session cookies and setup links. */
export function newOpaqueToken(): string {
  return randomBytes(32).toString('base64url');
}

/** 12 symbols = 60 bits, shown as XXXX-XXXX-XXXX; single use, expires, and attempts are limited. */
export function newInvitationCode(): string {
  return group(randomCode(12), 4);
}

/** 10 symbols = 50 bits each, shown as XXXXX-XXXXX. */
export function newRecoveryCode(): string {
  return group(randomCode(10), 5);
}

/** What a person types: any case, spaces or dashes, and the letters people confuse with digits. */
export function normalizeCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}
