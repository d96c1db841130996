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

/**
 * Text colours for antd's preset tag colours, a shade darker than antd's own (level 8 instead of 7
 * of the palette): antd's orange, gold, lime… on their light backgrounds miss 4.5:1 contrast.
 */
const TAG_TEXT: Readonly<Record<string, string>> = {
  red: '#a8071a',
  volcano: '#ad2102',
  orange: '#ad4e00',
  gold: '#ad6800',
  yellow: '#876800',
  lime: '#5b8c00',
  green: '#237804',
  cyan: '#006d75',
  blue: '#003eb3',
  geekblue: '#1d39c4',
  purple: '#391085',
  magenta: '#9e1068',
};

/** Props for an antd Tag in a preset colour whose text stays readable. */
export function readableTag(color: string | undefined): { color?: string; style?: { color: string } } {
  if (!color) return {};
  const text = TAG_TEXT[color];
  return text ? { color, style: { color: text } } : { color };
}

/** An option as a tag in the user's language (a value no longer among the options shows as is). */
export function OptionTag({ field, value }: { field: AnyField; value: string }) {
  const label = useLabel();
  const option = optionsOf(field).find((o) => o.value === value);
  const tag = readableTag(option?.color);
  return (
    <Tag color={tag.color} style={{ marginInlineEnd: 4, ...tag.style }} bordered={false}>
      {option ? label(option.label, value) : value}
    </Tag>
  );
}

export function useOptionItems(field: AnyField) {
  const label = useLabel();
  return optionsOf(field).map((o) => ({ value: o.value, label: label(o.label, o.value) }));
}
