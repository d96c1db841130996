import { Type } from '@sinclair/typebox';
import { fieldVariant, indexedProperty, rangeProperties, uniqueProperty } from './field-base.schema';

const precision = Type.Optional(
  Type.Integer({ minimum: 1, maximum: 1000, description: 'Total number of significant digits.' }),
);
const scale = (max: number, what: string) =>
  Type.Optional(Type.Integer({ minimum: 0, maximum: max, description: what }));

/** A decimal number: `numeric(precision, scale)`, or unconstrained `numeric` without precision. */
export const NumberField = fieldVariant(
  'number',
  {
    ...uniqueProperty,
    ...indexedProperty,
    ...rangeProperties,
    precision,
    scale: scale(1000, 'Digits after the decimal point.'),
  },
  'A decimal number.',
);

/** A whole number (`bigint`). */
export const IntegerField = fieldVariant(
  'integer',
  { ...uniqueProperty, ...indexedProperty, ...rangeProperties },
  'A whole number (64-bit).',
);

/**
 * An amount of money: `numeric(18, scale)` plus a `<key>__currency` column (ISO 4217 code,
 * defaulting to `currency`).
 */
export const MoneyField = fieldVariant(
  'money',
  {
    ...rangeProperties,
    currency: Type.String({
      pattern: '^[A-Z]{3}$',
      description: 'The default currency, an ISO 4217 code (e.g. "CNY", "USD").',
    }),
    scale: scale(4, 'Digits after the decimal point (default 2).'),
    ...indexedProperty,
  },
  'An amount of money with its currency.',
);

/** A percentage stored as a ratio: 0.15 is shown as 15 %. `numeric`, or `numeric(precision, scale)`. */
export const PercentField = fieldVariant(
  'percent',
  {
    ...rangeProperties,
    precision,
    scale: scale(1000, 'Digits after the decimal point of the ratio.'),
    ...indexedProperty,
  },
  'A percentage, stored as a ratio (0.15 = 15 %).',
);
