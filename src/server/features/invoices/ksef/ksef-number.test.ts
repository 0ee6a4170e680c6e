import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isValidKsefNumber,
  ksefNumberChecksum,
  normalizeKsefNumber,
  parseKsefNumber,
} from './ksef-number.js';

// Public vectors: the Ministry's documentation example (CIRFMF/ksef-docs, "Numer KSeF – struktura i
// walidacja"), a number from an invoice listing in a public KSeF client's tests, and one from a public
// printing tool's sample invoice (a test-environment NIP that fails the NIP checksum: KSeF's test
// environment accepts those, and the KSeF checksum does not care).
const PUBLIC_VECTORS = [
  '5265877635-20250826-0100001AF629-AF',
  '5265877635-20250626-010080DD2B5E-26',
  '6511153259-20251015-010020140418-0D',
];

function withChecksum(data: string): string {
  return `${data}-${ksefNumberChecksum(data)}`;
}

describe('ksefNumberChecksum', () => {
  it('is CRC-8/SMBUS: the catalogue check value for "123456789" is 0xF4', () => {
    expect(ksefNumberChecksum('123456789')).toBe('F4');
    expect(ksefNumberChecksum('')).toBe('00');
  });

  it.each(PUBLIC_VECTORS)('matches the public example %s', (number) => {
    expect(ksefNumberChecksum(number.slice(0, 32))).toBe(number.slice(33));
  });
});

describe('normalizeKsefNumber and isValidKsefNumber', () => {
  it.each(PUBLIC_VECTORS)('accepts %s', (number) => {
    expect(isValidKsefNumber(number)).toBe(true);
    expect(normalizeKsefNumber(number)).toBe(number);
  });

  it('tolerates surrounding whitespace and lowercase hex', () => {
    expect(normalizeKsefNumber('  5265877635-20250826-0100001af629-af\n')).toBe(
      '5265877635-20250826-0100001AF629-AF',
    );
  });

  it('normalizes the 36-character layout with a hyphen inside the technical part', () => {
    expect(normalizeKsefNumber('5265877635-20250826-010000-1AF629-AF')).toBe(
      '5265877635-20250826-0100001AF629-AF',
    );
    // Only after the sixth hex digit, as in TNumerKSeF.
    expect(normalizeKsefNumber('5265877635-20250826-0100001-AF629-AF')).toBeNull();
  });

  it('refuses a wrong checksum', () => {
    expect(isValidKsefNumber('5265877635-20250826-0100001AF629-AE')).toBe(false);
    expect(isValidKsefNumber('5265877635-20250826-0100001AF628-AF')).toBe(false);
    expect(isValidKsefNumber('5265877635-20250827-0100001AF629-AF')).toBe(false);
  });

  it.each([
    ['empty', ''],
    ['too short', '5265877635-20250826-0100001AF62-AF'],
    ['non-hex technical part', withChecksum('5265877635-20250826-0100001AG629')],
    ['nine-digit NIP', withChecksum('526587763-20250826-0100001AF6299')],
    ['NIP with a leading zero', withChecksum('0265877635-20250826-0100001AF629')],
    ['impossible date', withChecksum('5265877635-20250231-0100001AF629')],
    ['month 13', withChecksum('5265877635-20251301-0100001AF629')],
    ['year before 2020', withChecksum('5265877635-20191231-0100001AF629')],
    ['no hyphens', '52658776352025082601000 01AF629AF'],
    ['separators other than hyphens', '5265877635 20250826 0100001AF629 AF'],
    ['trailing junk', '5265877635-20250826-0100001AF629-AF0'],
  ])('refuses a malformed number: %s', (_case, number) => {
    expect(isValidKsefNumber(number)).toBe(false);
    expect(normalizeKsefNumber(number)).toBeNull();
  });

  it('accepts the internal identifiers the schema allows instead of a NIP', () => {
    expect(isValidKsefNumber(withChecksum('M123456789-20260105-0A0B0C0D0E0F'))).toBe(true);
    expect(isValidKsefNumber(withChecksum('ABC1234567-20260105-0A0B0C0D0E0F'))).toBe(true);
  });

  it('detects every single-character change of a valid number', () => {
    const valid = '5265877635-20250826-0100001AF629-AF';
    const alphabet = '0123456789ABCDEF';
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 34 }), fc.integer({ min: 0, max: 15 }), (position, pick) => {
        const char = valid.charAt(position);
        const replacement = alphabet.charAt(pick);
        fc.pre(char !== '-' && replacement !== char);
        const changed = `${valid.slice(0, position)}${replacement}${valid.slice(position + 1)}`;
        expect(isValidKsefNumber(changed)).toBe(false);
      }),
    );
  });
});

describe('parseKsefNumber', () => {
  it('splits the issuer and the acceptance date, without checking the checksum', () => {
    expect(parseKsefNumber('6793055127-20261005-00A1B2C3D4E5-00')).toEqual({
      number: '6793055127-20261005-00A1B2C3D4E5-00',
      issuerId: '6793055127',
      acceptedOn: '2026-10-05',
    });
  });
});
