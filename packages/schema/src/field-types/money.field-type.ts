import { Type } from '@sinclair/typebox';
import type { FieldOfType } from '../form/field.schema';
import { fieldVariant, indexedProperty, rangeProperties } from '../form/field-base.schema';
import type { CellCodec } from './cells/cell-codec';
import { moneyText, notA } from './cells/common-cells';
import { parseMoney } from './cells/number-cell.parser';
import { sqlGuarded, sqlRange, sqlText } from './cells/sql-cell';
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
/** "¥1,234.50", "USD 12.30" both ways; the amount padded to the field's scale as the database stores it. */
const moneyCell: CellCodec<FieldOfType<'money'>> = {
  read: (f, cell, text) => {
    if (cell instanceof Date || typeof cell === 'boolean') return notA('amount', text);
    const money = parseMoney(cell);
    if (!money.ok) return money;
    const amount = padScale(money.value.amount, f.scale ?? 2);
    return { ok: true, value: { amount, currency: money.value.currency ?? f.currency } };
  },
  write: (f, value) => {
    const money = value as { amount: string; currency?: string };
    return moneyText(money.amount, money.currency ?? f.currency);
  },
};

/** "3000" → "3000.00" for a scale of 2 (more digits: left for validation). */
function padScale(amount: string, scale: number): string {
  const [whole, fraction = ''] = amount.split('.');
  if (fraction.length >= scale) return amount;
  return scale === 0 ? whole! : `${whole}.${fraction.padEnd(scale, '0')}`;
}

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
          patternErrorCode: 'FIELD_MONEY_AMOUNT',
          patternErrorParams: { whole, scale },
        },
        currency: {
          type: 'string',
          pattern: '^[A-Z]{3}$',
          patternErrorMessage: 'must be an ISO 4217 code',
          patternErrorCode: 'FIELD_CURRENCY',
        },
      },
      required: ['amount'],
      additionalProperties: false,
    };
  },
  kind: () => 'decimal',
  cell: moneyCell,
  // plain non-negative digits with at most `scale` decimals (padded to the scale as `read` does),
  // within the field's range; the field's currency
  sqlCell: (f, c) => {
    const scale = f.scale ?? 2;
    const whole = MONEY_PRECISION - scale;
    // ¥ (or ￥) only names the field's own currency when that is CNY
    const symbol = f.currency === 'CNY' ? '[¥￥]?' : '';
    const pattern = `^${symbol}(0|[1-9][0-9]{0,${whole - 1}}|[1-9][0-9]{0,2}(,[0-9]{3})+)${scale === 0 ? '' : `(\\.[0-9]{1,${scale}})?`}$`;
    const digits = `translate(${c.text}, '¥￥,', '')`;
    const fraction = `coalesce(length(substring(${digits} from '\\.([0-9]*)$')), 0)`;
    const amount =
      scale === 0
        ? digits
        : `(case when ${fraction} = 0 then ${digits} || '.' || repeat('0', ${scale}) else ${digits} || repeat('0', ${scale} - ${fraction}) end)`;
    return {
      accept: sqlGuarded(
        `${c.text} ~ ${sqlText(pattern)}`,
        `length(split_part(${digits}, '.', 1)) <= ${whole} and ${sqlRange(`${digits}::numeric`, f.min, f.max)}`,
      ),
      value: `${digits}::numeric`,
      json: `jsonb_build_object('amount', ${amount}, 'currency', ${sqlText(f.currency)}::text)`,
      extra: { __currency: `${sqlText(f.currency)}::text` },
    };
  },
  display: () => ({ format: 'money', align: 'right' }),
};
