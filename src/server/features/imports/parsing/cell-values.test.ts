import { describe, expect, it } from 'vitest';
import {
  decimalTimes100,
  normalizeAgentCode,
  normalizeRate,
  parseTextDate,
  spreadsheetNumberToDecimal,
  spreadsheetNumberToGrosze,
  spreadsheetSerialToIsoDate,
} from './cell-values.js';

describe('spreadsheetNumberToDecimal', () => {
  it.each([
    ['1234.56', '1234.56'],
    ['0.30000000000000004', '0.3'],
    ['123.45000000000002', '123.45'],
    ['-0', '0'],
    ['100', '100'],
    ['1.5E-3', '0.0015'],
    ['1.2345E+20', '123450000000000000000'],
    ['-7.5', '-7.5'],
    ['12.500', '12.5'],
  ])('%s → %s', (raw, decimal) => {
    expect(spreadsheetNumberToDecimal(raw)).toBe(decimal);
  });

  it('refuses what is not a number', () => {
    expect(spreadsheetNumberToDecimal('')).toBeNull();
    expect(spreadsheetNumberToDecimal('abc')).toBeNull();
    expect(spreadsheetNumberToDecimal('Infinity')).toBeNull();
  });
});

describe('spreadsheetNumberToGrosze', () => {
  it('converts doubles exactly after the 15-digit normalisation', () => {
    expect(spreadsheetNumberToGrosze('1234.56')).toBe(123456);
    expect(spreadsheetNumberToGrosze('0.30000000000000004')).toBe(30);
    expect(spreadsheetNumberToGrosze('-94.2')).toBe(-9420);
    expect(spreadsheetNumberToGrosze('1E+3')).toBe(100000);
  });

  it('refuses a third decimal and amounts beyond the safe range', () => {
    expect(spreadsheetNumberToGrosze('126.885')).toBeNull();
    expect(spreadsheetNumberToGrosze('1E+20')).toBeNull();
  });
});

describe('spreadsheetSerialToIsoDate', () => {
  it('reads the 1900 date system with its leap-year bug', () => {
    expect(spreadsheetSerialToIsoDate(1, false)).toBe('1900-01-01');
    expect(spreadsheetSerialToIsoDate(59, false)).toBe('1900-02-28');
    expect(spreadsheetSerialToIsoDate(60, false)).toBeNull();
    expect(spreadsheetSerialToIsoDate(61, false)).toBe('1900-03-01');
    expect(spreadsheetSerialToIsoDate(45000, false)).toBe('2023-03-15');
    expect(spreadsheetSerialToIsoDate(46280, false)).toBe('2026-09-15');
    expect(spreadsheetSerialToIsoDate(46280.75, false)).toBe('2026-09-15');
    expect(spreadsheetSerialToIsoDate(2958465, false)).toBe('9999-12-31');
  });

  it('reads the 1904 date system', () => {
    expect(spreadsheetSerialToIsoDate(0, true)).toBe('1904-01-01');
    expect(spreadsheetSerialToIsoDate(44818, true)).toBe('2026-09-15');
  });

  it('refuses serials that are no date', () => {
    expect(spreadsheetSerialToIsoDate(0, false)).toBeNull();
    expect(spreadsheetSerialToIsoDate(-1, false)).toBeNull();
    expect(spreadsheetSerialToIsoDate(2958466, false)).toBeNull();
    expect(spreadsheetSerialToIsoDate(Number.NaN, false)).toBeNull();
  });
});

describe('parseTextDate', () => {
  it.each([
    ['15.09.2026', '2026-09-15'],
    ['1.9.2026', '2026-09-01'],
    ['15-09-2026', '2026-09-15'],
    ['15/09/2026', '2026-09-15'],
    ['2026-09-15', '2026-09-15'],
    ['2026-09-15T00:00:00', '2026-09-15'],
    ['15.09.2026 13:45', '2026-09-15'],
    ['29.02.2028', '2028-02-29'],
  ])('%s → %s', (text, iso) => {
    expect(parseTextDate(text, 'auto')).toBe(iso);
  });

  it.each([
    '31.09.2026',
    '29.02.2026',
    '2026-13-01',
    '00.01.2026',
    '15.09.26',
    '15.09-2026',
    'wrzesień',
    '46280',
  ])('refuses %s', (text) => {
    expect(parseTextDate(text, 'auto')).toBeNull();
  });

  it('keeps to the mapped format', () => {
    expect(parseTextDate('2026-09-15', 'DD.MM.YYYY')).toBeNull();
    expect(parseTextDate('15.09.2026', 'YYYY-MM-DD')).toBeNull();
    expect(parseTextDate('15.09.2026', 'DD.MM.YYYY')).toBe('2026-09-15');
  });
});

describe('rates', () => {
  it.each([
    ['12,5', '12.5'],
    ['12.50 %', '12.5'],
    ['10', '10'],
    ['007,2500', '7.25'],
    ['-3', '-3'],
    ['0,1234%', '0.1234'],
  ])('%s → %s', (text, rate) => {
    expect(normalizeRate(text)).toBe(rate);
  });

  it.each(['12,34567', '123456', '12,5,1', 'dziesięć', ''])('refuses %s', (text) => {
    expect(normalizeRate(text)).toBeNull();
  });

  it('turns a percent-formatted fraction into percent exactly', () => {
    expect(decimalTimes100('0.125')).toBe('12.5');
    expect(decimalTimes100('0.1')).toBe('10');
    expect(decimalTimes100('1')).toBe('100');
    expect(decimalTimes100('-0.0005')).toBe('-0.05');
    expect(decimalTimes100('0.123456')).toBe('12.3456');
  });
});

describe('normalizeAgentCode', () => {
  it('trims, upper-cases and drops inner spaces', () => {
    expect(normalizeAgentCode(' ag 001 ')).toBe('AG001');
    expect(normalizeAgentCode('PZU-07')).toBe('PZU-07');
    expect(normalizeAgentCode('  ')).toBeNull();
  });
});
