import type { FormDefinition } from '@tessera/schema';
import { describe, expect, it } from 'vitest';
import { formRuntime } from '../../records/form-runtime';
import { RecordsError } from '../../records/records.error';
import { computeFormulas } from '../formula.evaluator';

const label = { en: 'x' };
const form: FormDefinition = {
  key: 'calc',
  title: label,
  fields: [
    {
      id: 'i',
      key: 'items',
      type: 'line_items',
      label,
      fields: [
        { id: 'q', key: 'qty', type: 'integer', label },
        { id: 'n', key: 'n', type: 'integer', label },
        { id: 'p', key: 'price', type: 'money', label, currency: 'CNY' },
        {
          id: 'a',
          key: 'amount',
          type: 'formula',
          label,
          resultType: 'number',
          scale: 2,
          expression: { '*': [{ var: 'qty' }, { var: 'price' }] },
        },
        {
          id: 's',
          key: 'square',
          type: 'formula',
          label,
          resultType: 'integer',
          expression: { '*': [{ var: 'n' }, { var: 'n' }] },
        },
      ],
    },
    { id: 'd', key: 'discount', type: 'money', label, currency: 'CNY' },
    {
      id: 't',
      key: 'total',
      type: 'formula',
      label,
      resultType: 'number',
      scale: 2,
      min: 0,
      expression: {
        '-': [{ sum: [{ var: 'items' }, { var: 'amount' }] }, { coalesce: [{ var: 'discount' }, 0] }],
      },
    },
  ],
};
const runtime = formRuntime({ appKey: 'a', formId: 'f', versionId: 'v', version: 1, definition: form });
const ctx = { now: new Date('2026-03-09T10:00:00Z'), timeZone: 'UTC' };
const compute = (values: Record<string, unknown>) => computeFormulas(runtime, values, { id: null }, ctx);
const errorsOf = (values: Record<string, unknown>) => {
  try {
    compute(values);
    return [];
  } catch (error) {
    if (!(error instanceof RecordsError)) throw error;
    return error.errors;
  }
};

describe('computed numbers are exact and checked against their column before writing', () => {
  it('computes money lines exactly (no float noise, nothing dropped to null)', () => {
    const out = compute({
      items: [
        { qty: 3, price: { amount: '0.10' } },
        { qty: 2147483647, price: { amount: '9999999999999999.99' } },
      ],
    });
    expect((out.items as Record<string, unknown>[]).map((r) => r.amount)).toEqual([
      0.3,
      '21474836469999999978525163.53',
    ]);
    expect(out.total).toBe('21474836469999999978525163.83');
  });

  it.each<[string, Record<string, unknown>, { path: string; message: string }[]]>([
    [
      'an integer result beyond 2^53',
      { items: [{ qty: 1, n: 2147483648, price: { amount: '1' } }] },
      [
        {
          path: 'items[0].square',
          message: 'is 4611686018427387904: beyond ±9007199254740991, the largest whole number kept exact',
        },
      ],
    ],
    [
      'a negative total on a formula with min 0',
      { items: [{ qty: 1, price: { amount: '5' } }], discount: { amount: '7.50' } },
      [{ path: 'total', message: 'must be at least 0 (is -2.5)' }],
    ],
  ])('refuses %s, naming the path', (_what, values, expected) => {
    expect(errorsOf(values)).toMatchObject(expected);
  });
});
