import { MoneyParseError, parseAmount, type Grosze } from '../../../../shared/money.js';

export type DecimalSeparator = ',' | '.' | 'auto';

const MINUS = 45;
const DOT = 46;
const COMMA = 44;
const DIGIT_0 = 48;
const SPACE_KIND = 1;
const DOT_KIND = 2;

// The space-like characters parseAmount accepts between digit groups.
function groupKind(code: number): number {
  if (code === 32 || code === 0xa0 || code === 0x202f || code === 0x2009) {
    return SPACE_KIND;
  }
  return code === DOT ? DOT_KIND : 0;
}

/**
 * The amounts that fill statements (`-1234,56`, `1 234,56`, `1.234,56`, `1234.56`) read in one pass; anything
 * else (undefined) goes to parseAmount, whose result this matches on every input it accepts (tested).
 */
export function parseCommonAmount(text: string, mode: DecimalSeparator): Grosze | undefined {
  const hasComma = text.includes(',');
  // In auto mode a lone dot may be a decimal point or grouping (`1.234`): parseAmount decides.
  if (mode === 'auto' && !hasComma && text.includes('.')) {
    return undefined;
  }
  const decimal = mode === '.' ? DOT : COMMA;
  const n = text.length;
  let i = 0;
  const isNegative = text.charCodeAt(0) === MINUS;
  if (isNegative) {
    i = 1;
  }
  let integer = 0;
  let digits = 0;
  let separator = 0;
  let firstGroup = 0;
  let group = 0;
  let isFirstZero = false;
  for (; i < n; i += 1) {
    const code = text.charCodeAt(i);
    const digit = code - DIGIT_0;
    if (digit >= 0 && digit <= 9) {
      if (digits === 0) {
        isFirstZero = digit === 0;
      }
      integer = integer * 10 + digit;
      digits += 1;
      if (separator === 0) {
        firstGroup += 1;
      } else {
        group += 1;
      }
      continue;
    }
    if (code === decimal) {
      break;
    }
    const kind = decimal === DOT && code === DOT ? 0 : groupKind(code);
    if (kind === 0 || (separator !== 0 && (kind !== separator || group !== 3))) {
      return undefined;
    }
    if (separator === 0 && (firstGroup === 0 || firstGroup > 3 || isFirstZero)) {
      return undefined;
    }
    separator = kind;
    group = 0;
  }
  if (digits === 0 || digits > 13 || (separator !== 0 && group !== 3)) {
    return undefined;
  }
  let cents = 0;
  if (i < n) {
    const fraction = n - i - 1;
    if (fraction < 1 || fraction > 2) {
      return undefined;
    }
    for (let j = i + 1; j < n; j += 1) {
      const digit = text.charCodeAt(j) - DIGIT_0;
      if (digit < 0 || digit > 9) {
        return undefined;
      }
      cents = cents * 10 + digit;
    }
    cents *= fraction === 1 ? 10 : 1;
  }
  const magnitude = integer * 100 + cents;
  return isNegative && magnitude !== 0 ? -magnitude : magnitude;
}

/** A typed-in amount (`1 234,56`, `1.234,56`, `-12,5`, `(12,50)`), or null when it is not exactly one. */
export function parseTextAmount(text: string, decimalSeparator: DecimalSeparator): Grosze | null {
  const common = parseCommonAmount(text, decimalSeparator);
  if (common !== undefined) {
    return common;
  }
  try {
    return parseAmount(text, { decimalSeparator });
  } catch (error) {
    if (error instanceof MoneyParseError) {
      return null;
    }
    throw error;
  }
}
