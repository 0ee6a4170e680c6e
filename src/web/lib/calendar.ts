import { currentMonth } from '../../shared/format';

/** The settlement month before the current one (in Warsaw): what agencies usually send. */
export function previousMonth(now: Date = new Date()): string {
  const [year = 0, month = 1] = currentMonth(now).split('-').map(Number);
  const previous = month === 1 ? { year: year - 1, month: 12 } : { year, month: month - 1 };
  return `${String(previous.year)}-${String(previous.month).padStart(2, '0')}`;
}

/** Mantine's month pickers speak `YYYY-MM-DD`; settlement months are `YYYY-MM`. */
export function monthFromPicker(value: string | null): string | null {
  const match = value === null ? null : /^(\d{4}-\d{2})/.exec(value);
  return match?.[1] ?? null;
}

export function monthToPicker(month: string | null): string | null {
  return month === null ? null : `${month}-01`;
}

const warsawOffsetFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Europe/Warsaw',
  timeZoneName: 'longOffset',
});

/** Minutes Warsaw is ahead of UTC at `instant` (60 in winter, 120 in summer). */
function warsawOffsetMinutes(instant: number): number {
  const name =
    warsawOffsetFormat.formatToParts(instant).find((part) => part.type === 'timeZoneName')?.value ?? '';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) {
    return 0;
  }
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/** Midnight at the start of a `YYYY-MM-DD` day in Warsaw, as an instant. */
export function warsawStartOfDay(day: string): Date {
  const [year = 1970, month = 1, date = 1] = day.slice(0, 10).split('-').map(Number);
  const utcMidnight = Date.UTC(year, month - 1, date);
  return new Date(utcMidnight - warsawOffsetMinutes(utcMidnight) * 60_000);
}

/** The last millisecond of a `YYYY-MM-DD` day in Warsaw. */
export function warsawEndOfDay(day: string): Date {
  const [year = 1970, month = 1, date = 1] = day.slice(0, 10).split('-').map(Number);
  const nextDay = new Date(Date.UTC(year, month - 1, date + 1)).toISOString();
  return new Date(warsawStartOfDay(nextDay).getTime() - 1);
}
