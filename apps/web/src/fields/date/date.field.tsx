import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import { useLocale } from '../../i18n/use-locale';
import { formatDate } from '../../shared/format';
import type { DisplayProps, FieldUi, InputProps } from '../field-ui.types';
import { EmptyValue, isBlank } from '../shared/empty-value';

/** A calendar date (`YYYY-MM-DD`, no time zone), shown in the locale's form. */
export const dateField: FieldUi = {
  Display: ({ value }: DisplayProps) => {
    const locale = useLocale();
    return isBlank(value) ? <EmptyValue /> : <span className="tabular">{formatDate(value, locale)}</span>;
  },
  Input: ({ value, onChange, id, disabled, invalid, ariaLabel }: InputProps) => (
    <DatePicker
      id={id}
      value={isBlank(value) ? null : dayjs(String(value))}
      onChange={(d) => onChange(d ? d.format('YYYY-MM-DD') : null)}
      disabled={disabled}
      status={invalid ? 'error' : undefined}
      aria-label={ariaLabel}
      style={{ width: '100%' }}
    />
  ),
  width: 120,
};
