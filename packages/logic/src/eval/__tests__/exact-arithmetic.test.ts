import { describe, expect, it } from 'vitest';
import { LogicEmptyNumberError } from '../../logic.error';
import { compile } from '../logic.compiler';

const line = { quantity: 2147483647, unit_price: '9999999999999999.99', discount_rate: null };
const quote = {
  items: [{ amount: '0.10' }, { amount: 0.2 }, { amount: null }, { amount: '21474836469999999978525163.53' }],
  discount: '0.30',
  total: null,
};

describe('arithmetic is exact decimal, never a float', () => {
  it.each<[string, unknown, unknown, unknown]>([
    ['0.1 + 0.2', { '+': [0.1, 0.2] }, {}, 0.3],
    ['money strings', { '-': ['100.10', '0.20'] }, {}, 99.9],
    ['1.005 rounds half away from zero', { round: [1.005, 2] }, {}, 1.01],
    ['-2.5 rounds to -3', { round: [-2.5] }, {}, -3],
    [
      'a quote line of 2147483647 × 9999999999999999.99 (kept as exact text past 15 digits)',
      {
        round: [
          {
            '*': [
              { var: 'quantity' },
              { var: 'unit_price' },
              { '-': [1, { coalesce: [{ var: 'discount_rate' }, 0] }] },
            ],
          },
          2,
        ],
      },
      line,
      '21474836469999999978525163.53',
    ],
    [
      'a sum over line items, nulls skipped',
      { '-': [{ sum: [{ var: 'items' }, { var: 'amount' }] }, { var: 'discount' }] },
      quote,
      '21474836469999999978525163.53',
    ],
    ['exact division', { '/': [1, 8] }, {}, 0.125],
    ['a decimal compared with a number', { '>': [{ '*': ['0.1', 3] }, 0.3] }, {}, false],
    [
      'two decimals compare by value, not as text',
      { '<': [{ '+': ['9', 0.5] }, { '+': ['10', 0.5] }] },
      {},
      true,
    ],
    ['decimal equality', { '==': [{ '+': [0.1, 0.2] }, 0.3] }, {}, true],
    ['a decimal zero is falsy', { '!': [{ '-': ['0.10', 0.1] }] }, {}, true],
    ['min of decimals', { min: ['2.50', 2.4, 3] }, {}, 2.4],
    [
      'map keeps exact results',
      { map: [{ var: 'rows' }, { '*': [{ var: 'p' }, 3] }] },
      { rows: [{ p: '0.1' }, { p: '0.2' }] },
      [0.3, 0.6],
    ],
  ])('%s', (_what, expr, data, expected) => {
    expect(compile(expr)(data)).toEqual(expected);
  });
});

describe('a number compared with an empty value', () => {
  const condition = { '>': [{ var: 'total' }, 100000] };

  it('is false by default (SQL-like: visible-when, filters)', () => {
    expect(compile(condition)(quote)).toBe(false);
  });

  it('is an error under strictNumbers (flow gateways, rule conditions), naming the operand', () => {
    const check = compile(condition, { strictNumbers: true });
    expect(() => check(quote)).toThrow(LogicEmptyNumberError);
    expect(() => check(quote)).toThrow('"total" is empty, so "total" > 100000 cannot be decided');
    expect(check({ total: 200000 })).toBe(true);
    expect(check({ total: '50000.00' })).toBe(false);
  });

  it('stays decidable where the designer tested for empty first, or compared no number', () => {
    const guarded = compile(
      { and: [{ '!=': [{ var: 'total' }, null] }, { '>': [{ var: 'total' }, 100000] }] },
      { strictNumbers: true },
    );
    expect(guarded(quote)).toBe(false);
    expect(compile({ '<': [{ var: 'due' }, { var: 'today' }] }, { strictNumbers: true })({})).toBe(false);
  });
});
