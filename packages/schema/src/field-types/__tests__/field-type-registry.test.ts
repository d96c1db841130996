import { describe, expect, it } from 'vitest';
import { FIELD_TYPES } from '../../form/field-type.schema';
import { createAjv } from '../../validation/ajv-instance';
import {
  FIELD_TYPE_SPECS,
  fieldAggregations,
  fieldOperators,
  numberValue,
  recordValueSchema,
} from '../index';

describe('the field-type registry', () => {
  it('has one spec per field type, each registered under its own name', () => {
    expect(Object.keys(FIELD_TYPE_SPECS).sort()).toEqual([...FIELD_TYPES].sort());
    for (const [type, spec] of Object.entries(FIELD_TYPE_SPECS)) {
      expect(spec.type).toBe(type);
      expect(spec.settings.properties.type).toMatchObject({ const: type });
      expect(spec.label.en).not.toBe('');
      expect(spec.label['zh-CN']).not.toBe('');
    }
  });

  it.each<[string, number, boolean]>([
    ['numeric(10, 2) holds 8 whole digits', 99999999.99, true],
    ['one more whole digit does not fit', 100000000, false],
    ['a value that rounds up past the bound does not fit', 99999999.995, false],
    ['negative bound too', -100000000, false],
  ])('a number value fits its column: %s', (_what, value, ok) => {
    const check = createAjv().compile(
      numberValue({ kind: 'numeric', precision: 10, scale: 2 }, undefined, undefined),
    );
    expect(check(value)).toBe(ok);
  });

  it('lets a rating be averaged but not summed, and filtered like a number', () => {
    const rating = { id: 'r', key: 'satisfaction', type: 'rating', label: { en: 'S' } } as const;
    expect(fieldAggregations(rating)).not.toContain('sum');
    expect(fieldAggregations(rating)).toEqual(expect.arrayContaining(['avg', 'min', 'max']));
    expect(fieldOperators(rating)).toEqual(expect.arrayContaining(['==', '<', '>=', 'between', 'is_empty']));
  });

  it('builds a record schema that refuses unknown keys and checks line-item rows', () => {
    const schema = recordValueSchema([
      { id: 'a', key: 'stars', type: 'rating', label: { en: 'S' }, max: 10 },
      {
        id: 'b',
        key: 'items',
        type: 'line_items',
        label: { en: 'I' },
        fields: [{ id: 'c', key: 'qty', type: 'integer', label: { en: 'Q' } }],
      },
    ]);
    const check = createAjv().compile(schema);
    expect(check({ stars: 10, items: [{ qty: 3 }] })).toBe(true);
    expect(check({ stars: 11 })).toBe(false);
    expect(check({ items: [{ qty: 2 ** 60 }] })).toBe(false);
    expect(check({ colour: 'red' })).toBe(false);
  });
});
