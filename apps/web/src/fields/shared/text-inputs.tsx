import { Input } from 'antd';
import type { DisplayProps, InputProps } from '../field-ui.types';
import { EmptyValue, isBlank } from './empty-value';

const maxLength = (field: InputProps['field']) =>
  'maxLength' in field ? (field.maxLength as number | undefined) : undefined;

export function TextInput({
  field,
  value,
  onChange,
  id,
  disabled,
  invalid,
  ariaLabel,
  type,
}: InputProps & { type?: string }) {
  return (
    <Input
      id={id}
      type={type}
      value={(value as string | null) ?? ''}
      onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}
      disabled={disabled}
      status={invalid ? 'error' : undefined}
      aria-label={ariaLabel}
      maxLength={maxLength(field)}
    />
  );
}

export function LongTextInput({ field, value, onChange, id, disabled, invalid, ariaLabel }: InputProps) {
  return (
    <Input.TextArea
      id={id}
      value={(value as string | null) ?? ''}
      onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}
      disabled={disabled}
      status={invalid ? 'error' : undefined}
      aria-label={ariaLabel}
      autoSize={{ minRows: 2, maxRows: 8 }}
      maxLength={maxLength(field)}
    />
  );
}

export function TextDisplay({ value, compact }: DisplayProps) {
  if (isBlank(value)) return <EmptyValue />;
  const text = typeof value === 'string' ? value : String(value);
  return compact ? <span title={text}>{text}</span> : <span style={{ whiteSpace: 'pre-wrap' }}>{text}</span>;
}
