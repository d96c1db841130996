import { Type } from '@sinclair/typebox';
import { fieldVariant, indexedProperty, rangeProperties } from '../form/field-base.schema';
import { MONEY_PRECISION } from './column-type';
import type { FieldTypeSpec } from './field-type.spec';
import { scaleProperty } from './number.field-type';

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
    scale: scaleProperty(4, 'Digits after the decimal point (default 2).'),
    ...indexedProperty,
  },
  'An amount of money with its currency.',
);

/** Money as the API writes it: `{ amount: "12.50", currency?: "CNY" }`, the amount a decimal string. */
export const moneyFieldType: FieldTypeSpec<'money'> = {
  type: 'money',
  label: { en: 'Money', 'zh-CN': '金额' },
  settings: MoneyField,
  inLineItems: true,
  computed: false,
  indexable: true,
  column: (f) => ({ kind: 'numeric', precision: MONEY_PRECISION, scale: f.scale ?? 2 }),
  currencyColumn: true,
  value: (f) => {
    const scale = f.scale ?? 2;
    const whole = MONEY_PRECISION - scale;
    const decimals = scale === 0 ? '' : `(\\.[0-9]{1,${scale}})?`;
    return {
      type: 'object',
      properties: {
        amount: {
          type: 'string',
          pattern: `^-?[0-9]{1,${whole}}${decimals}$`,
          patternErrorMessage: `must be a decimal string with at most ${whole} digits before and ${scale} after the point`,
        },
        currency: { type: 'string', pattern: '^[A-Z]{3}$', patternErrorMessage: 'must be an ISO 4217 code' },
      },
      required: ['amount'],
      additionalProperties: false,
    };
  },
  kind: () => 'decimal',
  display: () => ({ format: 'money', align: 'right' }),
};
