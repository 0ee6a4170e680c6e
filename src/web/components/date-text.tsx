import { formatDate, formatDateTime } from '../../shared/format';
import { useLocale } from '../lib/i18n';

type DateTextProps = { value: Date; withTime?: boolean };

/** `03.12.2026` or `03.12.2026, 14:05`, always in Warsaw time, with a machine-readable `<time>`. */
export function DateText({ value, withTime = false }: DateTextProps) {
  const locale = useLocale();
  return (
    <time dateTime={value.toISOString()} className="tabular">
      {withTime ? formatDateTime(value, locale) : formatDate(value, locale)}
    </time>
  );
}
