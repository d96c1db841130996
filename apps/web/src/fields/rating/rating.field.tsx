import { ratingMax } from '@tessera/schema';
import { Rate } from 'antd';
import type { DisplayProps, FieldUi, InputProps } from '../field-ui.types';

const stars = (field: DisplayProps['field']) => ratingMax(field as { max?: number });

/** 1 to `max` stars (satisfaction); unrated is empty, and clicking the current star clears it. */
export const ratingField: FieldUi = {
  Display: ({ field, value }: DisplayProps) =>
    typeof value === 'number' ? (
      <Rate disabled count={stars(field)} value={value} style={{ fontSize: 14 }} />
    ) : null,
  Input: ({ field, value, onChange, id, disabled, ariaLabel }: InputProps) => (
    <Rate
      id={id}
      aria-label={ariaLabel}
      count={stars(field)}
      value={typeof value === 'number' ? value : 0}
      disabled={disabled}
      onChange={(n) => onChange(n === 0 ? null : n)}
    />
  ),
  align: 'left',
  width: 160,
};
