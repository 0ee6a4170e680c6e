import { Secret, TOTP } from 'otpauth';

const period = 30;

function totpFor(secretBase32: string, label = 'Sejf'): TOTP {
  return new TOTP({
    issuer: 'Sejf',
    label,
    algorithm: 'SHA1',
    digits: 6,
    period,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** A new 160-bit secret (RFC 4226's recommendation) and the otpauth:// URI for the QR code. */
export function newTotpSecret(accountLabel: string): { secret: string; uri: string } {
  const secret = new Secret({ size: 20 }).base32;
  return { secret, uri: totpFor(secret, accountLabel).toString() };
}

export type TotpCheck = { ok: true; step: number } | { ok: false; reason: 'invalid' | 'reused' };

/**
 * Accepts the current code and one step either side (clock drift), but never a step at or before
 * the last one accepted: a code seen over a shoulder or in a log cannot be replayed.
 */
export function checkTotp(secretBase32: string, code: string, now: Date, lastStep: number | null): TotpCheck {
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) {
    return { ok: false, reason: 'invalid' };
  }
  const delta = totpFor(secretBase32).validate({ token, timestamp: now.getTime(), window: 1 });
  if (delta === null) {
    return { ok: false, reason: 'invalid' };
  }
  const step = Math.floor(now.getTime() / 1000 / period) + delta;
  if (lastStep !== null && step <= lastStep) {
    return { ok: false, reason: 'reused' };
  }
  return { ok: true, step };
}
