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
