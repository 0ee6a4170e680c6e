import { describe, expect, it } from 'vitest';
import { normalizeRate } from './rules.service.js';

describe('normalizeRate', () => {
  it.each([
    ['40', '40'],
    ['12,5', '12.5'],
    ['12.50', '12.5'],
    ['0', '0'],
    ['0,0001', '0.0001'],
    ['100', '100'],
    ['100.0000', '100'],
    ['40.0000', '40'],
    ['007', '7'],
  ])('reads %s as %s', (input, expected) => {
    expect(normalizeRate(input)).toBe(expected);
  });

  it.each(['', '-1', '100.01', '101', '12.34567', '1 000', 'abc', '12,5%', '1e2', '12..5'])(
    'refuses %j',
    (input) => {
      expect(normalizeRate(input)).toBeNull();
    },
  );
});
