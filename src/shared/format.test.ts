import { describe, expect, it } from 'vitest';
import {
  currentMonth,
  formatBytes,
  formatDate,
  formatDateTime,
  formatMonth,
  isValidMonth,
  pluralPl,
} from './format.js';

const NBSP = '\u00a0';

describe('formatDate', () => {
  it('shows a calendar day as written', () => {
    expect(formatDate('2026-12-03', 'pl')).toBe('03.12.2026');
    expect(formatDate('2026-12-03', 'en')).toBe('3 Dec 2026');
    expect(formatDate('2026-09-03', 'en')).toBe('3 Sep 2026');
    expect(formatDate('2024-02-29')).toBe('29.02.2024');
  });

  it('shows an instant as the day it is in Warsaw', () => {
    // 23:30 UTC on 2 December is already 3 December in Warsaw (UTC+1 in winter).
    expect(formatDate(new Date('2026-12-02T23:30:00Z'), 'pl')).toBe('03.12.2026');
    expect(formatDate('2026-12-02T23:30:00Z', 'en')).toBe('3 Dec 2026');
    // 22:30 UTC on 30 June is 1 July in Warsaw (UTC+2 in summer).
    expect(formatDate('2026-06-30T22:30:00.000Z')).toBe('01.07.2026');
    expect(formatDate('2026-06-30T23:30:00+01:00')).toBe('01.07.2026');
  });

  it('refuses impossible dates and date-times without an offset', () => {
    expect(() => formatDate('2026-02-29')).toThrow(RangeError);
    expect(() => formatDate('2026-13-01')).toThrow(RangeError);
    expect(() => formatDate('2026-12-03T14:05')).toThrow(RangeError);
    expect(() => formatDate('03.12.2026')).toThrow(RangeError);
    expect(() => formatDate(new Date(NaN))).toThrow(RangeError);
  });
});

describe('formatDateTime', () => {
  it('shows Warsaw time in winter and in summer', () => {
    expect(formatDateTime(new Date('2026-12-03T13:05:00Z'), 'pl')).toBe('03.12.2026, 14:05');
    expect(formatDateTime('2026-12-03T13:05:00Z', 'en')).toBe('3 Dec 2026, 14:05');
    expect(formatDateTime('2026-07-15T12:05:59Z', 'pl')).toBe('15.07.2026, 14:05');
    expect(formatDateTime('2026-01-01T00:00:00+01:00')).toBe('01.01.2026, 00:00');
  });

  it('follows the daylight-saving change', () => {
    // Clocks go forward at 02:00 on 29 March 2026 and back at 03:00 on 25 October 2026.
    expect(formatDateTime('2026-03-29T00:59:00Z')).toBe('29.03.2026, 01:59');
    expect(formatDateTime('2026-03-29T01:00:00Z')).toBe('29.03.2026, 03:00');
    expect(formatDateTime('2026-10-25T00:30:00Z')).toBe('25.10.2026, 02:30');
    expect(formatDateTime('2026-10-25T01:30:00Z')).toBe('25.10.2026, 02:30');
  });
});

describe('months', () => {
  it('names a month in the nominative', () => {
    expect(formatMonth('2026-11', 'pl')).toBe('listopad 2026');
    expect(formatMonth('2026-01', 'pl')).toBe('styczeń 2026');
    expect(formatMonth('2026-05', 'pl')).toBe('maj 2026');
    expect(formatMonth('2026-10', 'pl')).toBe('październik 2026');
    expect(formatMonth('2026-11', 'en')).toBe('November 2026');
    expect(formatMonth('2026-09')).toBe('wrzesień 2026');
  });

  it('validates YYYY-MM', () => {
    expect(isValidMonth('2026-11')).toBe(true);
    expect(isValidMonth('2026-01')).toBe(true);
    expect(isValidMonth('2026-12')).toBe(true);
    for (const value of ['2026-13', '2026-00', '2026-1', '26-11', '2026-11-01', '2026/11', ' 2026-11', '']) {
      expect(isValidMonth(value)).toBe(false);
    }
    expect(() => formatMonth('2026-13')).toThrow(RangeError);
  });

  it('knows the current month in Warsaw', () => {
    expect(currentMonth(new Date('2026-11-30T22:59:59Z'))).toBe('2026-11');
    expect(currentMonth(new Date('2026-11-30T23:00:00Z'))).toBe('2026-12');
    expect(currentMonth(new Date('2026-12-31T23:00:00Z'))).toBe('2027-01');
    expect(currentMonth(new Date('2026-06-30T21:59:59Z'))).toBe('2026-06');
    expect(currentMonth(new Date('2026-06-30T22:00:00Z'))).toBe('2026-07');
  });
});

describe('formatBytes', () => {
  it.each([
    [0, '0 B', '0 B'],
    [1023, '1023 B', '1023 B'],
    [1024, '1 KB', '1 KB'],
    [1536, '1,5 KB', '1.5 KB'],
    [1024 * 1024 - 1, '1 MB', '1 MB'],
    [Math.round(1.2 * 1024 * 1024), '1,2 MB', '1.2 MB'],
    [50 * 1024 * 1024, '50 MB', '50 MB'],
    [123.5 * 1024 * 1024, '123,5 MB', '123.5 MB'],
    [129_437_000, '123,4 MB', '123.4 MB'],
    [3 * 1024 ** 3, '3 GB', '3 GB'],
    [2048 * 1024 ** 4, '2048 TB', '2048 TB'],
  ])('%i → %s / %s', (bytes, pl, en) => {
    expect(formatBytes(bytes, 'pl')).toBe(pl.replace(' ', NBSP));
    expect(formatBytes(bytes, 'en')).toBe(en.replace(' ', NBSP));
  });

  it('refuses what is not a byte count', () => {
    expect(() => formatBytes(-1)).toThrow(RangeError);
    expect(() => formatBytes(1.5)).toThrow(RangeError);
    expect(() => formatBytes(NaN)).toThrow(RangeError);
  });
});

describe('pluralPl', () => {
  const documents = (n: number | bigint) =>
    `${String(n)} ${pluralPl(n, 'dokument', 'dokumenty', 'dokumentów')}`;

  it.each([
    [0, '0 dokumentów'],
    [1, '1 dokument'],
    [2, '2 dokumenty'],
    [4, '4 dokumenty'],
    [5, '5 dokumentów'],
    [11, '11 dokumentów'],
    [12, '12 dokumentów'],
    [14, '14 dokumentów'],
    [21, '21 dokumentów'],
    [22, '22 dokumenty'],
    [25, '25 dokumentów'],
    [101, '101 dokumentów'],
    [102, '102 dokumenty'],
    [112, '112 dokumentów'],
    [1000, '1000 dokumentów'],
    [-1, '-1 dokument'],
    [-2, '-2 dokumenty'],
  ])('%i → %s', (n, text) => {
    expect(documents(n)).toBe(text);
  });

  it('takes bigints and matches Intl.PluralRules for whole numbers', () => {
    expect(documents(10n ** 20n + 3n)).toBe('100000000000000000003 dokumenty');
    const rules = new Intl.PluralRules('pl');
    for (let n = 0; n <= 1000; n += 1) {
      const expected = new Map([
        ['one', 'a'],
        ['few', 'b'],
        ['many', 'c'],
      ]).get(rules.select(n));
      expect(pluralPl(n, 'a', 'b', 'c')).toBe(expected);
    }
  });

  it('refuses a fractional count, whose Polish form is none of the three', () => {
    expect(() => pluralPl(1.5, 'dokument', 'dokumenty', 'dokumentów')).toThrow(RangeError);
  });
});
