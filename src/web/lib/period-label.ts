import { formatDate, formatMonth, type Locale } from '../../shared/format';

function lastDayOf(month: string): string {
  const [year = 1970, monthNumber = 1] = month.split('-').map(Number);
  return new Date(Date.UTC(year, monthNumber, 0)).toISOString().slice(0, 10);
}

/** A whole calendar month reads as the month (`listopad 2026`); any other range as its two dates. */
export function periodLabel(period: { dateFrom: string; dateTo: string }, locale: Locale): string {
  const month = period.dateFrom.slice(0, 7);
  if (period.dateFrom.endsWith('-01') && period.dateTo === lastDayOf(month)) {
    return formatMonth(month, locale);
  }
  return `${formatDate(period.dateFrom, locale)} – ${formatDate(period.dateTo, locale)}`;
}

/** Settlement months to pick from, newest first: a year and a half back, and the current month. */
export function recentMonths(currentMonth: string, count = 19): string[] {
  const [year = 1970, month = 1] = currentMonth.split('-').map(Number);
  return Array.from({ length: count }, (_, index) => {
    const date = new Date(Date.UTC(year, month - 1 - index, 1));
    return date.toISOString().slice(0, 7);
  });
}
