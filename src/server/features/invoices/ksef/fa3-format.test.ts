import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Fa3Error } from './fa3-error.js';
import { formatFa3Amount, isFa3Date, isFa3Nip, isIsoDate, parseFa3Amount } from './fa3-format.js';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof Fa3Error ? error.code : 'not an Fa3Error';
  }
  return undefined;
}

describe('parseFa3Amount', () => {
  it.each([
    ['1234.56', 123456],
    ['1234.5', 123450],
    ['1234', 123400],
    ['0', 0],
    ['0.01', 1],
    ['-0.05', -5],
    ['-65.44', -6544],
    ['-0', 0],
    [' 12.30\n', 1230],
    ['90071992547409.91', Number.MAX_SAFE_INTEGER],
  ])('%j → %i grosze', (text, grosze) => {
    expect(parseFa3Amount(text, 'Fa/P_15')).toBe(grosze);
  });

  it.each([
    ['three decimals', '12.345'],
    ['a zero third decimal (TKwotowy allows two digits, not two significant ones)', '12.340'],
    ['a letter', '12a'],
    ['letters only', 'abc'],
    ['a decimal comma', '12,34'],
    ['a thousands separator', '1 234.56'],
    ['a plus sign', '+12.00'],
    ['a leading zero', '012.00'],
    ['no integer part', '.50'],
    ['a trailing dot', '12.'],
    ['an exponent', '1e3'],
    ['empty', ''],
    ['more than 16 integer digits', '12345678901234567'],
    ['beyond the safe integer range of grosze', '90071992547409.92'],
  ])('refuses %s', (_case, text) => {
    expect(codeOf(() => parseFa3Amount(text, 'Fa/P_15'))).toBe('fa3_amount_invalid');
  });

  it('names the field but never the value in the error', () => {
    try {
      parseFa3Amount('98765.432', 'Fa/P_15');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(Fa3Error);
      expect((error as Fa3Error).details).toEqual({ field: 'Fa/P_15' });
      expect((error as Fa3Error).message).not.toContain('98765');
    }
  });
});

describe('formatFa3Amount', () => {
  it.each([
    [123456, '1234.56'],
    [5, '0.05'],
    [-5, '-0.05'],
    [-123400, '-1234.00'],
    [0, '0.00'],
  ])('%i grosze → %s', (grosze, text) => {
    expect(formatFa3Amount(grosze)).toBe(text);
  });

  it.each([0.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1])('refuses %d', (value) => {
    expect(codeOf(() => formatFa3Amount(value))).toBe('fa3_amount_invalid');
  });

  it('round-trips every safe amount of grosze exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (grosze) => {
        expect(parseFa3Amount(formatFa3Amount(grosze), 'amount')).toBe(grosze);
      }),
    );
  });
});

describe('dates', () => {
  it('isIsoDate accepts real calendar dates only', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-1-01')).toBe(false);
    expect(isIsoDate('2026-01-01Z')).toBe(false);
    expect(isIsoDate('01.01.2026')).toBe(false);
  });

  it('isFa3Date keeps to TDataT: 2006-01-01 to 2050-01-01', () => {
    expect(isFa3Date('2006-01-01')).toBe(true);
    expect(isFa3Date('2050-01-01')).toBe(true);
    expect(isFa3Date('2005-12-31')).toBe(false);
    expect(isFa3Date('2050-01-02')).toBe(false);
  });
});

describe('isFa3Nip', () => {
  it('follows the schema pattern, stricter than the checksum', () => {
    expect(isFa3Nip('6793055127')).toBe(true);
    // 0000000000 and 1000000000-like numbers pass the mod-11 checksum but not TNrNIP.
    expect(isFa3Nip('0000000000')).toBe(false);
    expect(isFa3Nip('1001234567')).toBe(false);
    expect(isFa3Nip('679305512')).toBe(false);
    expect(isFa3Nip('679-305-51-27')).toBe(false);
  });
});
