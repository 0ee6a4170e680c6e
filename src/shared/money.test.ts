import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MoneyParseError,
  amountInWords,
  applyRate,
  formatAmount,
  isGrosze,
  parseAmount,
  roundHalfAwayFromZero,
  sumAmounts,
} from './money.js';

const NBSP = '\u00a0';

function parseError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('parseAmount', () => {
  it.each([
    ['1 234,56', 123456],
    [`1${NBSP}234,56`, 123456],
    ['1\u202f234,56', 123456],
    ['1.234,56', 123456],
    ['1234,56', 123456],
    ['1234.56', 123456],
    ['-12,5', -1250],
    ['(12,50)', -1250],
    ['( 12,50 zł )', -1250],
    ['(12,50) zł', -1250],
    ['12', 1200],
    ['0,01', 1],
    ['+3,00', 300],
    ['1 234 567,89 zł', 123456789],
    ['1 234 567,89zł', 123456789],
    ['PLN 12,00', 1200],
    ['12,00 PLN', 1200],
    ['pln -12,00', -1200],
    ['\u221212,34', -1234],
    ['  7,5  ', 750],
    ['1,234.56', 123456],
    ['1.234.567', 123456700],
    ['1.234.567,8', 123456780],
    ['1 234.56', 123456],
    ['0012,50', 1250],
    [',5', 50],
    ['.5', 50],
    ['0.500', 50],
    ['12,500', 1250],
    ['12,5000', 1250],
    ['1234.500', 123450],
    ['-0,00', 0],
  ])('%j → %i grosze', (input, grosze) => {
    expect(parseAmount(input)).toBe(grosze);
  });

  it.each([
    '',
    ' ',
    'zł',
    '-',
    '()',
    '12,',
    '12.',
    '1,2,3',
    '12,505',
    '1,234',
    '12 ,50',
    '1 23,00',
    '12 34',
    '1  234',
    '01 234',
    '1.23.456',
    '1.234,567,8',
    '1 234.567,89',
    '1,234,567',
    '(-12)',
    '-(12)',
    '+-12',
    '- 12',
    '12-',
    '1e3',
    '0x10',
    'Infinity',
    'NaN',
    '12 zł zł',
    'zł 12 PLN',
    'EUR 12',
    '12,5 €',
    '١٢',
    '1\t234',
    '99999999999999999999',
    `1${' '.repeat(200)}x`,
  ])('refuses %j', (input) => {
    const error = parseError(() => parseAmount(input));
    expect(error).toBeInstanceOf(MoneyParseError);
    expect(error).toMatchObject({ code: 'invalid_amount' });
  });

  it('never repeats the input in its message', () => {
    expect(parseError(() => parseAmount('12,345 secret'))).toMatchObject({ message: 'Not a valid amount' });
  });

  // Rule: `1.234` reads as 1 234 zł in a Polish export and as 1,234 zł in a plain one, and the values that survive
  // the three-decimals rule (`1.000`, `12.500`) differ by a factor of 1000, so without context it is refused.
  describe('a lone dot before three digits', () => {
    it.each(['1.234', '1.000', '12.500', '-999.000', '(100.000)'])(
      'is ambiguous without context: %j',
      (input) => {
        expect(parseError(() => parseAmount(input))).toBeInstanceOf(MoneyParseError);
      },
    );

    it('is a thousands separator when the source uses a decimal comma', () => {
      expect(parseAmount('1.234', { decimalSeparator: ',' })).toBe(123400);
      expect(parseAmount('12.500', { decimalSeparator: ',' })).toBe(1250000);
      expect(parseAmount('1.234,5', { decimalSeparator: ',' })).toBe(123450);
      expect(parseError(() => parseAmount('1234.56', { decimalSeparator: ',' }))).toBeInstanceOf(
        MoneyParseError,
      );
    });

    it('is the decimal point when the source uses one', () => {
      expect(parseAmount('12.500', { decimalSeparator: '.' })).toBe(1250);
      expect(parseAmount('1,234.5', { decimalSeparator: '.' })).toBe(123450);
      expect(parseAmount('1,234', { decimalSeparator: '.' })).toBe(123400);
      expect(parseError(() => parseAmount('1.234', { decimalSeparator: '.' }))).toBeInstanceOf(
        MoneyParseError,
      );
    });

    it('is a decimal point when it cannot be a grouping', () => {
      expect(parseAmount('1234.500')).toBe(123450);
      expect(parseAmount('0.120')).toBe(12);
    });
  });

  it('accepts the largest safe amount and refuses one grosz more', () => {
    expect(parseAmount('90 071 992 547 409,91')).toBe(Number.MAX_SAFE_INTEGER);
    expect(parseAmount('-90 071 992 547 409,91')).toBe(-Number.MAX_SAFE_INTEGER);
    expect(parseError(() => parseAmount('90 071 992 547 409,92'))).toBeInstanceOf(MoneyParseError);
  });
});

describe('formatAmount', () => {
  it.each([
    [0, `0,00${NBSP}zł`],
    [1, `0,01${NBSP}zł`],
    [-5, `-0,05${NBSP}zł`],
    [99999, `999,99${NBSP}zł`],
    [100000, `1${NBSP}000,00${NBSP}zł`],
    [123456, `1${NBSP}234,56${NBSP}zł`],
    [-123456, `-1${NBSP}234,56${NBSP}zł`],
    [123456789, `1${NBSP}234${NBSP}567,89${NBSP}zł`],
    [Number.MAX_SAFE_INTEGER, `90${NBSP}071${NBSP}992${NBSP}547${NBSP}409,91${NBSP}zł`],
  ])('%i → %j', (grosze, text) => {
    expect(formatAmount(grosze)).toBe(text);
  });

  it('can leave out the currency', () => {
    expect(formatAmount(123456, { currency: false })).toBe(`1${NBSP}234,56`);
    expect(formatAmount(-1, { currency: false })).toBe('-0,01');
  });

  it.each([0.5, NaN, Infinity, Number.MAX_SAFE_INTEGER + 1])('refuses %d', (value) => {
    expect(() => formatAmount(value)).toThrow(RangeError);
  });

  it('parses back to the same amount', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (grosze) => {
        expect(parseAmount(formatAmount(grosze))).toBe(grosze);
        expect(parseAmount(formatAmount(grosze, { currency: false }))).toBe(grosze);
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: -100_000_000_00, max: 100_000_000_00 }), (grosze) => {
        expect(parseAmount(formatAmount(grosze))).toBe(grosze);
      }),
    );
  });
});

describe('sumAmounts', () => {
  it('adds exactly', () => {
    expect(sumAmounts([])).toBe(0);
    expect(sumAmounts([10, 20, -5])).toBe(25);
    expect(sumAmounts([parseAmount('0,10'), parseAmount('0,20')])).toBe(parseAmount('0,30'));
  });

  it('refuses non-integers and a total outside the safe range', () => {
    expect(() => sumAmounts([1, 0.5])).toThrow(RangeError);
    expect(() => sumAmounts([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError);
    expect(sumAmounts([Number.MAX_SAFE_INTEGER, 1, -1])).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('of formatted and parsed amounts equals the integer sum', () => {
    const amount = fc.integer({ min: -1_000_000_000_00, max: 1_000_000_000_00 });
    fc.assert(
      fc.property(fc.array(amount, { maxLength: 50 }), (values) => {
        const parsed = values.map((value) => parseAmount(formatAmount(value)));
        const exact = values.reduce((sum, value) => sum + BigInt(value), 0n);
        expect(BigInt(sumAmounts(parsed))).toBe(exact);
      }),
    );
  });
});

describe('roundHalfAwayFromZero', () => {
  it.each([
    [5n, 2n, 3n],
    [-5n, 2n, -3n],
    [5n, -2n, -3n],
    [-5n, -2n, 3n],
    [4n, 3n, 1n],
    [5n, 3n, 2n],
    [-4n, 3n, -1n],
    [149n, 100n, 1n],
    [150n, 100n, 2n],
    [-150n, 100n, -2n],
    [0n, 7n, 0n],
    [10n ** 30n + 1n, 2n, 5n * 10n ** 29n + 1n],
  ])('%i / %i → %i', (numerator, denominator, expected) => {
    expect(roundHalfAwayFromZero(numerator, denominator)).toBe(expected);
  });

  it('refuses a zero denominator', () => {
    expect(() => roundHalfAwayFromZero(1n, 0n)).toThrow(RangeError);
  });

  it('is symmetric and within half of the exact quotient', () => {
    fc.assert(
      fc.property(
        fc.bigInt(),
        fc.bigInt().filter((d) => d !== 0n),
        (n, d) => {
          const rounded = roundHalfAwayFromZero(n, d);
          expect(roundHalfAwayFromZero(-n, d)).toBe(-rounded);
          expect(roundHalfAwayFromZero(n, -d)).toBe(-rounded);
          const error = rounded * d - n; // |rounded - n/d| · |d|
          const twiceError = 2n * (error < 0n ? -error : error);
          const absD = d < 0n ? -d : d;
          expect(twiceError <= absD).toBe(true);
        },
      ),
    );
  });
});

describe('applyRate', () => {
  it.each([
    [10000, '12.5', 1250],
    [10000, '12,5', 1250],
    [10000, '12,5%', 1250],
    [10000, '12.5 %', 1250],
    [333, '50', 167],
    [-333, '50', -167],
    [1, '50', 1],
    [-1, '50', -1],
    [1, '49.999', 0],
    [123456, '0', 0],
    [123456, '100', 123456],
    [123456, '7.125', 8796],
    [99, '33.3333333333333333333', 33],
  ])('%i × %s%% → %i', (base, rate, expected) => {
    expect(applyRate(base, rate)).toBe(expected);
  });

  it.each(['', '-5', '12.', '.5', '1e2', '12,5,0', 'abc', '5 5'])('refuses the rate %j', (rate) => {
    const error = parseError(() => applyRate(100, rate));
    expect(error).toBeInstanceOf(MoneyParseError);
    expect(error).toMatchObject({ code: 'invalid_rate' });
  });

  it('refuses a base that is not grosze and a result outside the safe range', () => {
    expect(() => applyRate(0.5, '10')).toThrow(RangeError);
    expect(() => applyRate(Number.MAX_SAFE_INTEGER, '200')).toThrow(RangeError);
  });
});

describe('amountInWords', () => {
  it.each([
    [0, 'zero złotych 00/100'],
    [1, 'zero złotych 01/100'],
    [100, 'jeden złoty 00/100'],
    [200, 'dwa złote 00/100'],
    [500, 'pięć złotych 00/100'],
    [1100, 'jedenaście złotych 00/100'],
    [1200, 'dwanaście złotych 00/100'],
    [1400, 'czternaście złotych 00/100'],
    [2100, 'dwadzieścia jeden złotych 00/100'],
    [2200, 'dwadzieścia dwa złote 00/100'],
    [2500, 'dwadzieścia pięć złotych 00/100'],
    [10000, 'sto złotych 00/100'],
    [10100, 'sto jeden złotych 00/100'],
    [11200, 'sto dwanaście złotych 00/100'],
    [12200, 'sto dwadzieścia dwa złote 00/100'],
    [100000, 'tysiąc złotych 00/100'],
    [100100, 'tysiąc jeden złotych 00/100'],
    [123456, 'tysiąc dwieście trzydzieści cztery złote 56/100'],
    [200000, 'dwa tysiące złotych 00/100'],
    [500000, 'pięć tysięcy złotych 00/100'],
    [1200000, 'dwanaście tysięcy złotych 00/100'],
    [2200000, 'dwadzieścia dwa tysiące złotych 00/100'],
    [10100000, 'sto jeden tysięcy złotych 00/100'],
    [
      99999999,
      'dziewięćset dziewięćdziesiąt dziewięć tysięcy dziewięćset dziewięćdziesiąt dziewięć złotych 99/100',
    ],
    [100000000, 'milion złotych 00/100'],
    [100100000, 'milion tysiąc złotych 00/100'],
    [200000000, 'dwa miliony złotych 00/100'],
    [500000100, 'pięć milionów jeden złotych 00/100'],
    [234567890, 'dwa miliony trzysta czterdzieści pięć tysięcy sześćset siedemdziesiąt osiem złotych 90/100'],
    [100000000000, 'miliard złotych 00/100'],
    [300000000000, 'trzy miliardy złotych 00/100'],
    [100000000000000, 'bilion złotych 00/100'],
    [
      Number.MAX_SAFE_INTEGER,
      'dziewięćdziesiąt bilionów siedemdziesiąt jeden miliardów dziewięćset dziewięćdziesiąt dwa miliony ' +
        'pięćset czterdzieści siedem tysięcy czterysta dziewięć złotych 91/100',
    ],
    [-1250, 'minus dwanaście złotych 50/100'],
    [-100, 'minus jeden złoty 00/100'],
  ])('%i → %s', (grosze, words) => {
    expect(amountInWords(grosze)).toBe(words);
  });

  it('refuses a value that is not grosze', () => {
    expect(() => amountInWords(1.5)).toThrow(RangeError);
  });
});

describe('isGrosze', () => {
  it('accepts safe integers only', () => {
    expect(isGrosze(0)).toBe(true);
    expect(isGrosze(-123)).toBe(true);
    expect(isGrosze(1.5)).toBe(false);
    expect(isGrosze(Number.MAX_SAFE_INTEGER + 1)).toBe(false);
    expect(isGrosze('12')).toBe(false);
  });
});
