import { InputNumber } from 'antd';
import { useLocale } from '../../i18n/use-locale';
import { formatPercent } from '../../shared/format';
import type { DisplayProps, FieldUi, InputProps } from '../field-ui.types';
import { EmptyValue, isBlank } from '../shared/empty-value';

/** A ratio stored as 0…1, typed and shown as a percentage (12.5 %). */
export const percentField: FieldUi = {
  Display: ({ value }: DisplayProps) => {
    const locale = useLocale();
    return isBlank(value) ? <EmptyValue /> : <span className="tabular">{formatPercent(value, locale)}</span>;
  },
  Input: ({ value, onChange, id, disabled, invalid, ariaLabel }: InputProps) => (
    <InputNumber
      id={id}
      value={isBlank(value) ? null : Math.round(Number(value) * 1e6) / 1e4}
      onChange={(v) => onChange(v === null ? null : Math.round(Number(v) * 1e4) / 1e6)}
      suffix="%"
      disabled={disabled}
      status={invalid ? 'error' : undefined}
      aria-label={ariaLabel}
      controls={false}
      style={{ width: '100%' }}
    />
  ),
  align: 'right',
  width: 100,
};
