import type { AnyField } from '@tessera/logic/browser';
import { Tag } from 'antd';
import { useLabel } from '../../i18n/use-locale';

export interface FieldOption {
  readonly value: string;
  readonly label: Partial<Record<string, string>>;
  readonly color?: string;
}

export function optionsOf(field: AnyField): readonly FieldOption[] {
  return 'options' in field ? ((field.options ?? []) as readonly FieldOption[]) : [];
}

/** An option as a tag in the user's language (a value no longer among the options shows as is). */
export function OptionTag({ field, value }: { field: AnyField; value: string }) {
  const label = useLabel();
  const option = optionsOf(field).find((o) => o.value === value);
  return (
    <Tag color={option?.color} style={{ marginInlineEnd: 4 }} bordered={false}>
      {option ? label(option.label, value) : value}
    </Tag>
  );
}

export function useOptionItems(field: AnyField) {
  const label = useLabel();
  return optionsOf(field).map((o) => ({ value: o.value, label: label(o.label, o.value) }));
}
