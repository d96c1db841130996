import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { validate } from '../../validation/validate';
import { FieldSchema } from '../field.schema';
import { FIELD_TYPES } from '../field-type.schema';
import { FormSchema } from '../form.schema';

const label = { en: 'X' };
/** One minimal valid field of every type. */
const minimal: Record<(typeof FIELD_TYPES)[number], Record<string, unknown>> = {
  text: { maxLength: 10 },
  long_text: {},
  rich_text: { format: 'markdown' },
  number: { precision: 10, scale: 2 },
  integer: { min: 0 },
  money: { currency: 'CNY' },
  percent: {},
  rating: { max: 10 },
  boolean: {},
  date: { default: { expr: { today: [] } } },
  datetime: {},
  single_select: { options: [{ value: 'a', label, color: 'red' }] },
  multi_select: { options: [{ value: 'a', label }], maxItems: 2 },
  user: { multiple: true },
  department: {},
  role: {},
  link: { form: 'customer', onDelete: 'cascade' },
  line_items: { fields: [{ id: 'c1', key: 'qty', type: 'integer', label }] },
  auto_number: { pattern: 'CUS-{YYYY}-{seq:5}' },
  formula: { expression: { '*': [{ var: 'qty' }, 2] }, resultType: 'number' },
  rollup: { source: { form: 'order', link: 'customer' }, aggregate: 'sum', field: 'total' },
  lookup: { link: 'customer', field: 'credit_level' },
  email: { unique: true },
  phone: {},
  url: {},
  attachment: { maxFiles: 3 },
  json: {},
};
const fields = FIELD_TYPES.map((type, i) => ({ id: `f${i}`, key: `k${i}`, type, label, ...minimal[type] }));
const form = {
  $schema: 'https://tessera.dev/schemas/v1/form.schema.json',
  key: 'customer',
  title: { en: 'Customer', 'zh-CN': '客户' },
  fields,
  layout: { sections: [{ title: label, rows: [{ fields: [{ field: 'f0', width: 12 }, { field: 'f1' }] }] }] },
  titleField: 'f0',
  searchFields: ['f0'],
};

describe('FormSchema', () => {
  it('has its $id and accepts a form using every field type', () => {
    expect(FormSchema.$id).toBe('https://tessera.dev/schemas/v1/form.schema.json');
    const result = validate('form', form);
    expect(result.ok ? [] : result.errors).toEqual([]);
    expect(Value.Check(FieldSchema, fields[0])).toBe(true);
  });

  const invalid: Array<[string, Record<string, unknown>, string]> = [
    ['an unknown field type', { type: 'color' }, '/fields/0'],
    [
      'an option value with spaces',
      { type: 'single_select', options: [{ value: 'a b', label }] },
      '/fields/0',
    ],
    ['a select without options', { type: 'single_select' }, '/fields/0'],
    ['an auto-number without {seq:N}', { type: 'auto_number', pattern: 'CUS-{YYYY}' }, '/fields/0'],
    ['a money field without currency', { type: 'money' }, '/fields/0'],
    ['a misspelt option', { type: 'text', maxLenght: 3 }, '/fields/0'],
    ['a key that is not an identifier', { type: 'text', key: 'Customer Name' }, '/fields/0'],
    ['an unknown delete policy', { type: 'link', form: 'x', onDelete: 'drop' }, '/fields/0'],
  ];
  it.each(invalid)('rejects %s', (_name, patch, path) => {
    const result = validate('form', { ...form, fields: [{ id: 'f1', key: 'k1', label, ...patch }] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.some((e) => e.path.startsWith(path))).toBe(true);
  });

  it('rejects line items nested in line items', () => {
    const nested = {
      id: 'n',
      key: 'n',
      type: 'line_items',
      label,
      fields: [{ id: 'c', key: 'c', type: 'text', label }],
    };
    const result = validate('form', {
      ...form,
      fields: [{ id: 'f', key: 'f', type: 'line_items', label, fields: [nested] }],
    });
    expect(result.ok).toBe(false);
  });
});
