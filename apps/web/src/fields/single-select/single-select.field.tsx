import { Select } from 'antd';
import type { DisplayProps, FieldUi, InputProps } from '../field-ui.types';
import { EmptyValue, isBlank } from '../shared/empty-value';
import { OptionTag, useOptionItems } from '../shared/select-options';

/** One of the field's options, shown by its label in the user's language. */
export const singleSelectField: FieldUi = {
  Display: ({ field, value, compact }: DisplayProps) =>
    isBlank(value) ? <EmptyValue /> : <OptionTag field={field} value={String(value)} compact={compact} />,
  Input: ({ field, value, onChange, id, disabled, invalid, ariaLabel }: InputProps) => {
    const options = useOptionItems(field);
    return (
      <Select
        id={id}
        value={(value as string | null) ?? undefined}
        onChange={(v) => onChange(v ?? null)}
        options={options}
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        disabled={disabled}
        status={invalid ? 'error' : undefined}
        aria-label={ariaLabel}
        style={{ width: '100%' }}
      />
    );
  },
  width: 120,
};
