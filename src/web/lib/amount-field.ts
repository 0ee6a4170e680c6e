import { formatAmount, MoneyParseError, parseAmount, type Grosze } from '../../shared/money';

/** An amount typed in a form (`1 234,56`, `-50`), in grosze; null when it is not an amount. */
export function parseAmountField(text: string): Grosze | null {
  if (text.trim() === '') {
    return null;
  }
  try {
    return parseAmount(text);
  } catch (error) {
    if (error instanceof MoneyParseError || error instanceof RangeError) {
      return null;
    }
    throw error;
  }
}

export type AmountRule = 'any' | 'positive' | 'nonNegative';

/** Why a typed amount is refused, as a translation key; null when it is fine. */
export function amountFieldProblem(
  text: string,
  { isRequired = true, rule = 'any' }: { isRequired?: boolean; rule?: AmountRule } = {},
): 'money.required' | 'money.invalid' | 'money.mustBePositive' | 'money.mustNotBeNegative' | null {
  if (text.trim() === '') {
    return isRequired ? 'money.required' : null;
  }
  const grosze = parseAmountField(text);
  if (grosze === null) {
    return 'money.invalid';
  }
  if (rule === 'positive' && grosze <= 0) {
    return 'money.mustBePositive';
  }
  if (rule === 'nonNegative' && grosze < 0) {
    return 'money.mustNotBeNegative';
  }
  return null;
}

/** Grosze as a form shows them for editing: `1 234,56`, without the currency. */
export function amountFieldText(grosze: Grosze): string {
  return formatAmount(grosze, { currency: false });
}

/** A percentage rate as typed (`12,5`, `40 %`); the API takes it as a string and checks it exactly. */
export function isRateText(text: string): boolean {
  return (
    /^\d{1,3}(?:[.,]\d{1,4})?\s*%?$/.test(text.trim()) &&
    Number(text.trim().replace(',', '.').replace('%', '')) <= 100
  );
}

/** A rate from the API (`12.5`) in Polish notation (`12,5 %`). */
export function formatRate(rate: string, locale: 'pl' | 'en'): string {
  // The API keeps four decimals ("40.0000"); people write "40" and "12,5".
  const trimmed = rate.includes('.') ? rate.replace(/0+$/, '').replace(/\.$/, '') : rate;
  return `${locale === 'pl' ? trimmed.replace('.', ',') : trimmed}\u00a0%`;
}
