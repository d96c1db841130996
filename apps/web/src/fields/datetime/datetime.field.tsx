import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import { useLocale } from '../../i18n/use-locale';
import { formatDateTime } from '../../shared/format';
import type { DisplayProps, FieldUi, InputProps } from '../field-ui.types';
import { EmptyValue, isBlank } from '../shared/empty-value';

/** An instant, typed and shown in the browser's time zone, stored as ISO 8601 UTC. */
export const datetimeField: FieldUi = {
  Display: ({ value }: DisplayProps) => {
    const locale = useLocale();
    return isBlank(value) ? <EmptyValue /> : <span className="tabular">{formatDateTime(value, locale)}</span>;
  },
  Input: ({ value, onChange, id, disabled, invalid, ariaLabel }: InputProps) => (
    <DatePicker
      id={id}
      showTime={{ format: 'HH:mm' }}
      format="YYYY-MM-DD HH:mm"
      value={isBlank(value) ? null : dayjs(String(value))}
      onChange={(d) => onChange(d ? d.toISOString() : null)}
      disabled={disabled}
      status={invalid ? 'error' : undefined}
      aria-label={ariaLabel}
      style={{ width: '100%' }}
    />
  ),
  width: 160,
};
