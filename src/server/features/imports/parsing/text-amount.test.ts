import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MoneyParseError, parseAmount } from '../../../../shared/money.js';
import { parseTextAmount, type DecimalSeparator } from './text-amount.js';

function generalParse(text: string, decimalSeparator: DecimalSeparator): number | null {
  try {
    return parseAmount(text, { decimalSeparator });
  } catch (error) {
    if (error instanceof MoneyParseError) {
      return null;
    }
    throw error;
  }
}

describe('parseTextAmount', () => {
  it.each([
    ['1 234,56', ',', 123456],
    ['1\u00a0234,56', 'auto', 123456],
    ['1.234,56', 'auto', 123456],
    ['1.234.567,89', ',', 123456789],
    ['-12,5', 'auto', -1250],
    ['(12,50)', 'auto', -1250],
    ['1234.56', '.', 123456],
    ['1 234.56', '.', 123456],
    ['-0,00', 'auto', 0],
    ['1.234', ',', 123400],
    ['12 zł', 'auto', 1200],
  ] as const)('%s (%s) → %d', (text, separator, grosze) => {
    expect(parseTextAmount(text, separator)).toBe(grosze);
  });

  it.each([
    ['1.234', 'auto'],
    ['12,345', 'auto'],
    ['1 23,00', ','],
    ['abc', 'auto'],
    ['=1+1', 'auto'],
    ['', 'auto'],
    ['1,234.56', ','],
  ] as const)('refuses %s (%s)', (text, separator) => {
    expect(parseTextAmount(text, separator)).toBeNull();
  });

  it('agrees with parseAmount on every input (its fast path included)', () => {
    const characters = fc.constantFrom(...'0123456789 .,-\u00a0'.split(''), '1', '2', '9');
    fc.assert(
      fc.property(
        fc.array(characters, { maxLength: 18 }).map((parts) => parts.join('')),
        fc.constantFrom<DecimalSeparator>(',', '.', 'auto'),
        (text, separator) => {
          expect(parseTextAmount(text, separator)).toBe(generalParse(text, separator));
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it('agrees with parseAmount on well-formed Polish amounts', () => {
    const amount = fc.tuple(
      fc.boolean(),
      fc.integer({ min: 0, max: 99_999_999_999 }),
      fc.integer({ min: 0, max: 99 }),
    );
    fc.assert(
      fc.property(amount, fc.constantFrom(' ', '.', '\u00a0', ''), ([isNegative, zloty, cents], group) => {
        const text = `${isNegative ? '-' : ''}${String(zloty).replace(/\B(?=(\d{3})+$)/g, group)},${String(cents).padStart(2, '0')}`;
        expect(parseTextAmount(text, ',')).toBe(generalParse(text, ','));
        expect(parseTextAmount(text, 'auto')).toBe(generalParse(text, 'auto'));
      }),
    );
  });
});
