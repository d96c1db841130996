import type { AnyField } from '@tessera/logic/browser';
import { Tag } from 'antd';
import type { CSSProperties } from 'react';
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

/** antd's light tag backgrounds (level 1 of each preset palette), for the chips of list cells. */
const TAG_BACKGROUND: Readonly<Record<string, string>> = {
  red: '#fff1f0',
  volcano: '#fff2e8',
  orange: '#fff7e6',
  gold: '#fffbe6',
  yellow: '#feffe6',
  lime: '#fcffe6',
  green: '#f6ffed',
  cyan: '#e6fffb',
  blue: '#e6f4ff',
  geekblue: '#f0f5ff',
  purple: '#f9f0ff',
  magenta: '#fff0f6',
};
const chipStyles = new Map<string | undefined, CSSProperties>([
  [undefined, { background: '#f5f5f5', color: 'rgba(0, 0, 0, 0.88)' }],
  ...Object.keys(TAG_BACKGROUND).map(
    (c) => [c, { background: TAG_BACKGROUND[c], color: TAG_TEXT[c] }] as [string, CSSProperties],
  ),
]);

/**
 * An option as a tag in the user's language (a value no longer among the options shows as is).
 * `compact` (a list cell): a plain span styled as antd's borderless tag — a list mounts one per
 * row as it scrolls, and antd's Tag runs its style hooks per instance; a colour outside antd's
 * presets (any CSS colour) still gets antd's Tag, which derives its light shade.
 */
export function OptionTag({ field, value, compact }: { field: AnyField; value: string; compact?: boolean }) {
  const label = useLabel();
  const option = optionsOf(field).find((o) => o.value === value);
  const text = option ? label(option.label, value) : value;
  const chip = compact ? chipStyles.get(option?.color) : undefined;
  if (chip)
    return (
      <span className="option-chip" style={chip}>
        {text}
      </span>
    );
  const tag = readableTag(option?.color);
  return (
    <Tag color={tag.color} style={{ marginInlineEnd: 4, ...tag.style }} bordered={false}>
      {text}
    </Tag>
  );
}

export function useOptionItems(field: AnyField) {
  const label = useLabel();
  return optionsOf(field).map((o) => ({ value: o.value, label: label(o.label, o.value) }));
}
