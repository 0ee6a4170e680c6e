export type Locale = 'pl' | 'en';

// Agencies, deadlines and periods are Polish: times are shown in Warsaw whatever the machine's zone.
export const TIME_ZONE = 'Europe/Warsaw';

const NBSP = '\u00a0';
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
// A date-time without an offset would be read in the machine's zone, so one is required.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

type CalendarParts = { year: number; month: number; day: number; hour: number; minute: number };

function calendarDate(year: number, month: number, day: number): CalendarParts | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
    ? { year, month, day, hour: 0, minute: 0 }
    : null;
}

const warsawParts = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  hourCycle: 'h23',
});

function inWarsaw(instant: Date): CalendarParts {
  if (Number.isNaN(instant.getTime())) {
    throw new RangeError('Invalid date');
  }
  const parts = warsawParts.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return {
    year: part('year'),
    month: part('month'),
    day: part('day'),
    hour: part('hour'),
    minute: part('minute'),
  };
}

/** A `YYYY-MM-DD` string is a calendar day, shown as is; a `Date` or an ISO date-time is an instant. */
function toCalendarParts(value: Date | string): CalendarParts {
  if (value instanceof Date) {
    return inWarsaw(value);
  }
  const dateOnly = DATE_ONLY.exec(value);
  if (dateOnly) {
    const parts = calendarDate(Number(dateOnly[1]), Number(dateOnly[2]), Number(dateOnly[3]));
    if (parts === null) {
      throw new RangeError(`Invalid date: ${value}`);
    }
    return parts;
  }
  if (!DATE_TIME.test(value)) {
    throw new RangeError(`Not an ISO date or date-time with an offset: ${value}`);
  }
  return inWarsaw(new Date(value));
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

// en-GB would say "Sept"; the US short names are the ones people expect ("3 Sep 2026").
const englishShortMonth = new Intl.DateTimeFormat('en', { month: 'short', timeZone: 'UTC' });

function formatCalendarDate({ year, month, day }: CalendarParts, locale: Locale): string {
  if (locale === 'pl') {
    return `${pad2(day)}.${pad2(month)}.${String(year)}`;
  }
  return `${String(day)} ${englishShortMonth.format(Date.UTC(2000, month - 1, 1))} ${String(year)}`;
}

/** pl `03.12.2026`, en `3 Dec 2026`. */
export function formatDate(value: Date | string, locale: Locale = 'pl'): string {
  return formatCalendarDate(toCalendarParts(value), locale);
}

/** pl `03.12.2026, 14:05`, en `3 Dec 2026, 14:05`, in Warsaw time. */
export function formatDateTime(value: Date | string, locale: Locale = 'pl'): string {
  const parts = toCalendarParts(value);
  return `${formatCalendarDate(parts, locale)}, ${pad2(parts.hour)}:${pad2(parts.minute)}`;
}

/** A settlement month as `YYYY-MM`. */
export function isValidMonth(value: string): boolean {
  return MONTH.test(value);
}

// A month on its own is the standalone (nominative) form in Polish: "listopad", not "listopada".
const monthNames: Record<Locale, Intl.DateTimeFormat> = {
  pl: new Intl.DateTimeFormat('pl', { month: 'long', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en', { month: 'long', timeZone: 'UTC' }),
};

/** pl `listopad 2026`, en `November 2026`. */
export function formatMonth(month: string, locale: Locale = 'pl'): string {
  const match = MONTH.exec(month);
  if (!match) {
    throw new RangeError(`Not a month (YYYY-MM): ${month}`);
  }
  const name = monthNames[locale].format(Date.UTC(2000, Number(match[2]) - 1, 1));
  return `${name} ${match[1] ?? ''}`;
}

/** The month (`YYYY-MM`) it is in Warsaw at `now`. */
export function currentMonth(now: Date): string {
  const { year, month } = inWarsaw(now);
  return `${String(year)}-${pad2(month)}`;
}

// Binary multiples, as the upload limits are configured (50 × 1024 × 1024 bytes is "50 MB").
const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

const byteNumbers: Record<Locale, Intl.NumberFormat> = {
  pl: new Intl.NumberFormat('pl', { maximumFractionDigits: 1, useGrouping: false }),
  en: new Intl.NumberFormat('en', { maximumFractionDigits: 1, useGrouping: false }),
};

/** pl `1,2 MB`, en `1.2 MB`. */
export function formatBytes(bytes: number, locale: Locale = 'pl'): string {
  if (!Number.isSafeInteger(bytes) || bytes < 0) {
    throw new RangeError(`Not a byte count: ${String(bytes)}`);
  }
  let unit = 0;
  let value = bytes;
  // Move up while the rounded figure would read 1024 or more ("1024 KB" should be "1 MB").
  while (unit < BYTE_UNITS.length - 1 && Math.round(value * 10) >= 1024 * 10) {
    value /= 1024;
    unit += 1;
  }
  return `${byteNumbers[locale].format(value)}${NBSP}${BYTE_UNITS[unit] ?? ''}`;
}

/** Polish plural form for a count: 1 dokument, 2-4 dokumenty (but 12-14 dokumentów), 5+ dokumentów, 22 dokumenty. */
export function pluralPl(count: number | bigint, one: string, few: string, many: string): string {
  if (typeof count === 'number' && !Number.isSafeInteger(count)) {
    throw new RangeError(`Polish plural forms need a whole count: ${String(count)}`);
  }
  const n = BigInt(count) < 0n ? -BigInt(count) : BigInt(count);
  if (n === 1n) {
    return one;
  }
  const lastDigit = n % 10n;
  const lastTwo = n % 100n;
  return lastDigit >= 2n && lastDigit <= 4n && (lastTwo < 12n || lastTwo > 14n) ? few : many;
}
