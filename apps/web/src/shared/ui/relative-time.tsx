import dayjs from 'dayjs';
import { useLocale } from '../../i18n/use-locale';
import { formatDateTime } from '../format';

/** "3 hours ago" (in the UI's language) with the exact time as a tooltip. */
export function RelativeTime({ value }: { value: string }) {
  const locale = useLocale();
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const minutes = dayjs(value).diff(dayjs(), 'minute');
  const text =
    Math.abs(minutes) < 60
      ? rtf.format(minutes, 'minute')
      : Math.abs(minutes) < 60 * 24
        ? rtf.format(Math.round(minutes / 60), 'hour')
        : rtf.format(Math.round(minutes / 1440), 'day');
  return (
    <time dateTime={value} title={formatDateTime(value, locale)}>
      {text}
    </time>
  );
}
