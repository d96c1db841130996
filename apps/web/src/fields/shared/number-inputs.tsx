import { InputNumber } from 'antd';
import { useLocale } from '../../i18n/use-locale';
import { formatNumber } from '../../shared/format';
import type { DisplayProps, InputProps } from '../field-ui.types';
import { EmptyValue, isBlank } from './empty-value';

const bound = (field: InputProps['field'], key: 'min' | 'max') =>
  key in field ? ((field as Record<string, unknown>)[key] as number | undefined) : undefined;
const scaleOf = (field: InputProps['field']) =>
  'scale' in field ? (field.scale as number | undefined) : undefined;

export function NumberInput({
  field,
  value,
  onChange,
  id,
  disabled,
  invalid,
  ariaLabel,
  integer,
}: InputProps & { integer?: boolean }) {
  const scale = integer ? 0 : scaleOf(field);
  return (
    <InputNumber
      id={id}
      value={value === null || value === undefined || value === '' ? null : Number(value)}
      onChange={(v) => onChange(v === null ? null : integer ? Math.round(Number(v)) : v)}
      disabled={disabled}
      status={invalid ? 'error' : undefined}
      aria-label={ariaLabel}
      min={bound(field, 'min')}
      max={bound(field, 'max')}
      precision={scale}
      style={{ width: '100%' }}
      controls={false}
    />
  );
}

export function NumberDisplay({ field, value }: DisplayProps) {
  const locale = useLocale();
  if (isBlank(value)) return <EmptyValue />;
  return (
    <span className="tabular">
      {formatNumber(value, locale, field.type === 'integer' ? 0 : scaleOf(field))}
    </span>
  );
}
