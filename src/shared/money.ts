import { pluralPl } from './format.js';

/** An amount in integer grosze (1 zł = 100 gr); always a safe integer, never a fractional value. */
export type Grosze = number;

export type MoneyErrorCode = 'invalid_amount' | 'invalid_rate';

// The message never repeats the input: amounts are confidential and errors end up in logs.
export class MoneyParseError extends Error {
  readonly code: MoneyErrorCode;

  constructor(code: MoneyErrorCode = 'invalid_amount') {
    super(code === 'invalid_amount' ? 'Not a valid amount' : 'Not a valid percentage rate');
    this.name = 'MoneyParseError';
    this.code = code;
  }
}

export function isGrosze(value: unknown): value is Grosze {
  return Number.isSafeInteger(value);
}

const MAX_GROSZE = BigInt(Number.MAX_SAFE_INTEGER);

function toGrosze(value: bigint): Grosze {
  if (value > MAX_GROSZE || value < -MAX_GROSZE) {
    throw new RangeError('Amount exceeds the safe integer range of grosze');
  }
  return Number(value);
}

function assertGrosze(value: Grosze): bigint {
  if (!isGrosze(value)) {
    throw new RangeError(`Not an integer amount of grosze: ${String(value)}`);
  }
  return BigInt(value);
}

export type ParseAmountOptions = {
  /**
   * Set when the source's format is known (an import template): the other of `,` and `.` is then a thousands
   * separator. `auto` (default) reads a comma as decimal, and refuses `1.234`, which is 1 234 zł in a Polish
   * export but 1,234 zł in a plain one.
   */
  decimalSeparator?: ',' | '.' | 'auto';
};

// Space, no-break space, narrow no-break space (Excel, Intl) and thin space.
const GROUP_SPACES = /[ \u00a0\u202f\u2009]/g;
const CURRENCY = /^(?:zł|pln)\s*|\s*(?:zł|pln)$/i;

/** Exact parse of Polish and plain amounts (`1 234,56 zł`, `1.234,56`, `1234.56`, `(12,50)`) into grosze. */
export function parseAmount(input: string, options: ParseAmountOptions = {}): Grosze {
  const fail = (): never => {
    throw new MoneyParseError();
  };
  // No amount needs more, and a bound keeps the regular expressions below linear in practice.
  if (input.length > 100) {
    fail();
  }
  let text = input.trim();
  let hasCurrency = false;
  const stripCurrency = () => {
    if (!hasCurrency && CURRENCY.test(text)) {
      hasCurrency = true;
      text = text.replace(CURRENCY, '');
    }
  };
  stripCurrency();
  let isNegative = false;
  const parenthesized = /^\(\s*(.*?)\s*\)$/.exec(text);
  if (parenthesized) {
    isNegative = true;
    text = parenthesized[1] ?? '';
    stripCurrency();
  } else {
    const signed = /^([-+\u2212])(.*)$/.exec(text);
    if (signed) {
      isNegative = signed[1] !== '+';
      text = signed[2] ?? '';
    }
  }
  if (!/^[\d.,\u0020\u00a0\u202f\u2009]+$/.test(text) || !/\d/.test(text)) {
    fail();
  }
  const decimal = pickDecimalSeparator(text, options.decimalSeparator ?? 'auto') ?? fail();
  const [integerPart = '', fraction, extra] = decimal === 'none' ? [text] : text.split(decimal);
  if (extra !== undefined || (fraction !== undefined && !/^\d+$/.test(fraction))) {
    fail();
  }
  const integerDigits = ungroup(integerPart) ?? fail();
  if (integerDigits === '' && fraction === undefined) {
    fail();
  }
  const cents = (fraction ?? '').padEnd(2, '0');
  // A third decimal that is not zero would need rounding, which is never done silently.
  if (!/^\d\d0*$/.test(cents)) {
    fail();
  }
  const magnitude = BigInt(integerDigits || '0') * 100n + BigInt(cents.slice(0, 2));
  if (magnitude > MAX_GROSZE) {
    fail();
  }
  return Number(isNegative ? -magnitude : magnitude);
}

function pickDecimalSeparator(text: string, mode: ',' | '.' | 'auto'): ',' | '.' | 'none' | null {
  if (mode !== 'auto') {
    return text.includes(mode) ? mode : 'none';
  }
  const lastComma = text.lastIndexOf(',');
  const lastDot = text.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) {
    return lastComma > lastDot ? ',' : '.';
  }
  if (lastComma >= 0) {
    return ',';
  }
  if (lastDot < 0) {
    return 'none';
  }
  if (lastDot !== text.indexOf('.')) {
    return 'none';
  }
  // One dot, 1-3 digits before it and 3 after: thousands or decimals? Only the caller can know.
  return /^[1-9]\d{0,2}\.\d{3}$/.test(text) ? null : '.';
}

/** Integer digits without a valid thousands grouping (one kind of separator, groups of 3), or null. */
function ungroup(integerPart: string): string | null {
  if (/^\d*$/.test(integerPart)) {
    return integerPart;
  }
  const separators = new Set(integerPart.replace(/\d/g, '').replace(GROUP_SPACES, ' '));
  const [separator] = separators;
  if (separators.size !== 1 || separator === undefined) {
    return null;
  }
  const groups = integerPart.replace(GROUP_SPACES, ' ').split(separator);
  const [first = '', ...rest] = groups;
  const isGrouped = /^[1-9]\d{0,2}$/.test(first) && rest.every((group) => /^\d{3}$/.test(group));
  return isGrouped ? groups.join('') : null;
}

const NBSP = '\u00a0';

/** `1 234,56 zł` with no-break spaces, grouping from 1 000 up; ASCII `-` so that a pasted amount stays a number. */
export function formatAmount(grosze: Grosze, { currency = true }: { currency?: boolean } = {}): string {
  const value = assertGrosze(grosze);
  const magnitude = value < 0n ? -value : value;
  const zloty = (magnitude / 100n).toString().replace(/\B(?=(\d{3})+$)/g, NBSP);
  const cents = (magnitude % 100n).toString().padStart(2, '0');
  return `${value < 0n ? '-' : ''}${zloty},${cents}${currency ? `${NBSP}zł` : ''}`;
}

export function sumAmounts(values: readonly Grosze[]): Grosze {
  return toGrosze(values.reduce((sum, value) => sum + assertGrosze(value), 0n));
}

/** numerator / denominator rounded to the nearest integer, halves away from zero. */
export function roundHalfAwayFromZero(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) {
    throw new RangeError('Division by zero');
  }
  const isNegative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = n / d + (2n * (n % d) >= d ? 1n : 0n);
  return isNegative ? -quotient : quotient;
}

/** `base` × `rate` percent (a decimal string such as `"12.5"` or `"12,5%"`), rounded half away from zero. */
export function applyRate(base: Grosze, rate: string): Grosze {
  const match = /^(\d+)(?:[.,](\d+))?\s*%?$/.exec(rate.trim());
  if (!match) {
    throw new MoneyParseError('invalid_rate');
  }
  const fraction = match[2] ?? '';
  const rateNumerator = BigInt(`${match[1] ?? ''}${fraction}`);
  const rateDenominator = 100n * 10n ** BigInt(fraction.length);
  return toGrosze(roundHalfAwayFromZero(assertGrosze(base) * rateNumerator, rateDenominator));
}

// prettier-ignore
const UNITS = ['', 'jeden', 'dwa', 'trzy', 'cztery', 'pięć', 'sześć', 'siedem', 'osiem', 'dziewięć'];
// prettier-ignore
const TEENS = [
  'dziesięć', 'jedenaście', 'dwanaście', 'trzynaście', 'czternaście',
  'piętnaście', 'szesnaście', 'siedemnaście', 'osiemnaście', 'dziewiętnaście',
];
// prettier-ignore
const TENS = [
  '', '', 'dwadzieścia', 'trzydzieści', 'czterdzieści',
  'pięćdziesiąt', 'sześćdziesiąt', 'siedemdziesiąt', 'osiemdziesiąt', 'dziewięćdziesiąt',
];
// prettier-ignore
const HUNDREDS = [
  '', 'sto', 'dwieście', 'trzysta', 'czterysta',
  'pięćset', 'sześćset', 'siedemset', 'osiemset', 'dziewięćset',
];
// Scales from 10^3 up; 10^12 is "bilion" in Polish (long scale).
const SCALES: readonly (readonly [string, string, string])[] = [
  ['tysiąc', 'tysiące', 'tysięcy'],
  ['milion', 'miliony', 'milionów'],
  ['miliard', 'miliardy', 'miliardów'],
  ['bilion', 'biliony', 'bilionów'],
];

function wordsBelowThousand(group: string): string[] {
  const [hundreds = 0, tens = 0, units = 0] = Array.from(group.padStart(3, '0'), Number);
  const words = [HUNDREDS[hundreds] ?? ''];
  if (tens === 1) {
    words.push(TEENS[units] ?? '');
  } else {
    words.push(TENS[tens] ?? '', UNITS[units] ?? '');
  }
  return words.filter((word) => word !== '');
}

/** The amount in Polish words, as written on a bill ("słownie"): `tysiąc dwieście … złote 56/100`. */
export function amountInWords(grosze: Grosze): string {
  const value = assertGrosze(grosze);
  const magnitude = value < 0n ? -value : value;
  const zloty = magnitude / 100n;
  const cents = (magnitude % 100n).toString().padStart(2, '0');
  const words: string[] = [];
  const groups = zloty
    .toString()
    .replace(/\B(?=(\d{3})+$)/g, ' ')
    .split(' ');
  groups.forEach((group, index) => {
    const scale = SCALES[groups.length - index - 2];
    const count = Number(group);
    if (count === 0) {
      return;
    }
    if (scale === undefined) {
      words.push(...wordsBelowThousand(group));
    } else {
      // "tysiąc", not "jeden tysiąc".
      words.push(...(count === 1 ? [] : wordsBelowThousand(group)), pluralPl(count, ...scale));
    }
  });
  const number = words.length === 0 ? 'zero' : words.join(' ');
  const unit = pluralPl(zloty, 'złoty', 'złote', 'złotych');
  return `${value < 0n ? 'minus ' : ''}${number} ${unit} ${cents}/100`;
}
