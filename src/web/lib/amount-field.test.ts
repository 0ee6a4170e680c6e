import { describe, expect, it } from 'vitest';
import {
  amountFieldProblem,
  amountFieldText,
  formatRate,
  isRateText,
  parseAmountField,
} from './amount-field';

describe('amount fields', () => {
  it('reads Polish amounts into grosze without floating point', () => {
    expect(parseAmountField('1 234,56')).toBe(123456);
    expect(parseAmountField('0,1')).toBe(10);
    expect(parseAmountField('-50')).toBe(-5000);
    expect(parseAmountField('1.234,56 zł')).toBe(123456);
    expect(parseAmountField('')).toBeNull();
    expect(parseAmountField('abc')).toBeNull();
    expect(parseAmountField('1,234')).toBeNull();
  });

  it('names the problem with a typed amount', () => {
    expect(amountFieldProblem('')).toBe('money.required');
    expect(amountFieldProblem('', { isRequired: false })).toBeNull();
    expect(amountFieldProblem('x')).toBe('money.invalid');
    expect(amountFieldProblem('0', { rule: 'positive' })).toBe('money.mustBePositive');
    expect(amountFieldProblem('-1', { rule: 'nonNegative' })).toBe('money.mustNotBeNegative');
    expect(amountFieldProblem('12,50', { rule: 'positive' })).toBeNull();
  });

  it('shows grosze for editing so that they read back the same', () => {
    for (const grosze of [0, 1, 99, 123456, -98765432]) {
      expect(parseAmountField(amountFieldText(grosze))).toBe(grosze);
    }
  });

  it('accepts percentage rates as people type them', () => {
    expect(isRateText('12,5')).toBe(true);
    expect(isRateText('40')).toBe(true);
    expect(isRateText('12.3456 %')).toBe(true);
    expect(isRateText('100')).toBe(true);
    expect(isRateText('100,5')).toBe(false);
    expect(isRateText('1,23456')).toBe(false);
    expect(isRateText('abc')).toBe(false);
    expect(formatRate('12.5', 'pl')).toBe('12,5\u00a0%');
    expect(formatRate('12.5', 'en')).toBe('12.5\u00a0%');
    expect(formatRate('40.0000', 'pl')).toBe('40\u00a0%');
    expect(formatRate('12.5000', 'pl')).toBe('12,5\u00a0%');
    expect(formatRate('100', 'pl')).toBe('100\u00a0%');
  });
});
