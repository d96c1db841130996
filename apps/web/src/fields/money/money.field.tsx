import { InputNumber } from 'antd';
import { useLocale } from '../../i18n/use-locale';
import { formatMoney } from '../../shared/format';
import { MUTED_TEXT } from '../../shared/ui/colors';
import type { DisplayProps, FieldUi, InputProps } from '../field-ui.types';
import { EmptyValue, isBlank } from '../shared/empty-value';

interface Money {
  amount: string | null;
  currency?: string;
}
const fieldCurrency = (field: InputProps['field']) =>
  'currency' in field ? (field.currency as string) : 'CNY';
const asMoney = (value: unknown): Money | null =>
  value && typeof value === 'object' && 'amount' in value ? (value as Money) : null;

/** An exact decimal amount with its currency (kept as a decimal string, never a float). */
export const moneyField: FieldUi = {
  Display: ({ field, value }: DisplayProps) => {
    const locale = useLocale();
    const money = asMoney(value);
    if (!money || isBlank(money.amount)) return <EmptyValue />;
    return (
      <span className="tabular">
        {formatMoney(money.amount, money.currency ?? fieldCurrency(field), locale)}
      </span>
    );
  },
  Input: ({ field, value, onChange, id, disabled, invalid, ariaLabel }: InputProps) => {
    const money = asMoney(value);
    const currency = money?.currency ?? fieldCurrency(field);
    return (
      <InputNumber<string>
        id={id}
        stringMode
        value={money?.amount ?? null}
        precision={2}
        onChange={(v) => onChange(v === null || v === '' ? null : { amount: String(v), currency })}
        prefix={<span style={{ color: MUTED_TEXT, fontSize: 12 }}>{currency}</span>}
        disabled={disabled}
        status={invalid ? 'error' : undefined}
        aria-label={ariaLabel}
        controls={false}
        style={{ width: '100%' }}
        formatter={(v) => (v ? String(v).replace(/\B(?=(\d{3})+(?!\d))/g, ',') : '')}
        parser={(v) => (v ?? '').replace(/,/g, '')}
      />
    );
  },
  align: 'right',
  width: 140,
};
