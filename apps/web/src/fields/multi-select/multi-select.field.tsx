import { Select } from 'antd';
import type { DisplayProps, FieldUi, InputProps } from '../field-ui.types';
import { EmptyValue, isBlank } from '../shared/empty-value';
import { OptionTag, useOptionItems } from '../shared/select-options';

/** Several of the field's options. */
export const multiSelectField: FieldUi = {
  Display: ({ field, value, compact }: DisplayProps) =>
    isBlank(value) || !Array.isArray(value) ? (
      <EmptyValue />
    ) : (
      <span>
        {value.map((v) => (
          <OptionTag key={String(v)} field={field} value={String(v)} compact={compact} />
        ))}
      </span>
    ),
  Input: ({ field, value, onChange, id, disabled, invalid, ariaLabel }: InputProps) => {
    const options = useOptionItems(field);
    return (
      <Select
        id={id}
        mode="multiple"
        value={Array.isArray(value) ? (value as string[]) : []}
        onChange={(v: string[]) => onChange(v.length ? v : null)}
        options={options}
        showSearch={{ optionFilterProp: 'label' }}
        disabled={disabled}
        status={invalid ? 'error' : undefined}
        aria-label={ariaLabel}
        style={{ width: '100%' }}
      />
    );
  },
  width: 180,
};
