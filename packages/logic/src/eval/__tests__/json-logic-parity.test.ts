import jsonLogic from 'json-logic-js';
import { describe, expect, it } from 'vitest';
import { compile } from '../logic.compiler';

const order = {
  status: 'open',
  amount: 1200.5,
  region: 'east',
  tags: ['vip', 'b2b'],
  customer: { name: 'Acme', level: 'A', address: { city: 'Hangzhou' } },
  items: [
    { sku: 'A-1', qty: 2, price: 10 },
    { sku: 'B-2', qty: 12, price: 3.5 },
    { sku: 'C-3', qty: 0, price: 99 },
  ],
  empty: '',
  zero: 0,
  flag: true,
  nothing: null,
};

/** Standard operators: the compiled closure must return exactly what json-logic-js returns. */
const CASES: ReadonlyArray<[string, unknown, unknown?]> = [
  ['var path', { var: 'status' }],
  ['var dot path', { var: 'customer.address.city' }],
  ['var three levels missing', { var: 'customer.address.zip' }],
  ['var default', { var: ['missing_key', 'fallback'] }],
  ['var default on null value', { var: ['nothing', 'fallback'] }],
  ['var array index', { var: 'items.1.sku' }],
  ['var number path', { var: 1 }, ['a', 'b']],
  ['var whole data', { var: '' }, 42],
  ['var dynamic path', { var: { cat: ['cust', 'omer.level'] } }],
  ['missing', { missing: ['status', 'nope', 'empty', 'nothing'] }],
  ['missing from merge', { missing: { merge: ['status', 'nope'] } }],
  ['missing_some satisfied', { missing_some: [1, ['status', 'nope']] }],
  ['missing_some not satisfied', { missing_some: [2, ['status', 'nope', 'nah']] }],
  ['if then', { if: [{ '>': [{ var: 'amount' }, 1000] }, 'big', 'small'] }],
  ['if else-if chain', { if: [false, 1, { var: 'zero' }, 2, 3] }],
  ['if without else', { if: [false, 1] }],
  ['?: alias', { '?:': [true, 'yes', 'no'] }],
  ['== loose', { '==': [1, '1'] }],
  ['== field constant', { '==': [{ var: 'status' }, 'open'] }],
  ['== missing field and null', { '==': [{ var: 'nope' }, null] }],
  ['=== missing field and null', { '===': [{ var: 'nope' }, null] }],
  ['!= field loose', { '!=': [{ var: 'zero' }, ''] }],
  ['!== field strict', { '!==': [{ var: 'zero' }, ''] }],
  ['>= field constant', { '>=': [{ var: 'amount' }, 1200] }],
  ['<= field constant', { '<=': [{ var: 'amount' }, 1200] }],
  ['== null undefined', { '==': [{ var: 'nothing' }, null] }],
  ['=== strict', { '===': [1, '1'] }],
  ['!= loose', { '!=': [0, ''] }],
  ['!== strict', { '!==': [0, ''] }],
  ['! of empty array', { '!': [[]] }],
  ['! unary sugar', { '!': { var: 'empty' } }],
  ['!! of zero', { '!!': [{ var: 'zero' }] }],
  ['and returns first falsy', { and: [true, 0, 'x'] }],
  ['and returns last', { and: [1, 'x'] }],
  ['and with two', { and: [{ var: 'flag' }, { var: 'status' }] }],
  ['or returns first truthy', { or: [0, '', 'x', 'y'] }],
  ['or returns last', { or: [0, ''] }],
  ['<', { '<': [{ var: 'amount' }, 5000] }],
  ['< strings', { '<': ['apple', 'banana'] }],
  ['< between exclusive', { '<': [1000, { var: 'amount' }, 2000] }],
  ['<= between inclusive edge', { '<=': [1200.5, { var: 'amount' }, 1200.5] }],
  ['>', { '>': [{ var: 'amount' }, 1200.5] }],
  ['>=', { '>=': [{ var: 'amount' }, 1200.5] }],
  ['+ numbers', { '+': [1, 2, 3.5] }],
  ['+ numeric strings', { '+': ['1.5', 2] }],
  ['+ unary cast', { '+': '3.14' }],
  ['+ no args', { '+': [] }],
  ['- binary', { '-': [10, 4] }],
  ['- unary', { '-': [5] }],
  ['* many', { '*': [2, 3, 4] }],
  ['* single', { '*': [7] }],
  ['/', { '/': [7, 2] }],
  ['%', { '%': [-7, 3] }],
  ['min', { min: [3, 1, 2] }],
  ['max', { max: [3, 1, 2] }],
  ['cat', { cat: ['Order ', { var: 'status' }, ' ', 42] }],
  ['substr start', { substr: ['jsonlogic', 4] }],
  ['substr negative start', { substr: ['jsonlogic', -5] }],
  ['substr length', { substr: ['jsonlogic', 1, 3] }],
  ['substr negative length', { substr: ['jsonlogic', 4, -2] }],
  ['in list', { in: [{ var: 'region' }, ['east', 'north']] }],
  ['in list miss', { in: ['west', ['east', 'north']] }],
  ['in list with expressions', { in: ['open', [{ var: 'status' }, 'closed']] }],
  ['in substring', { in: ['cm', { var: 'customer.name' }] }],
  ['in array var', { in: ['vip', { var: 'tags' }] }],
  ['in non-list', { in: ['x', 5] }],
  ['merge', { merge: [1, [2, 3], [[4]]] }],
  ['some line items', { some: [{ var: 'items' }, { '>': [{ var: 'qty' }, 10] }] }],
  ['all line items', { all: [{ var: 'items' }, { '>=': [{ var: 'qty' }, 0] }] }],
  ['all of empty', { all: [[], true] }],
  ['none line items', { none: [{ var: 'items' }, { '>': [{ var: 'price' }, 100] }] }],
  ['none of non-array', { none: [{ var: 'status' }, true] }],
  ['some of non-array', { some: [{ var: 'status' }, true] }],
  ['map', { map: [{ var: 'items' }, { '*': [{ var: 'qty' }, { var: 'price' }] }] }],
  ['filter', { filter: [{ var: 'items' }, { '>': [{ var: 'qty' }, 1] }] }],
  ['filter non-array', { filter: [5, true] }],
  [
    'reduce order total',
    {
      reduce: [
        { var: 'items' },
        { '+': [{ var: 'accumulator' }, { '*': [{ var: 'current.qty' }, { var: 'current.price' }] }] },
        0,
      ],
    },
  ],
  ['reduce no initial', { reduce: [[1, 2], { var: 'current' }] }],
  ['literal array', [1, { var: 'status' }, 'x']],
  ['literal', 42],
  ['literal multi-key object', { a: 1, b: 2 }],
];

describe('compiled evaluation equals json-logic-js on standard operators', () => {
  it.each(CASES)('%s', (_name, expr, data = order) => {
    const expected = jsonLogic.apply(expr as never, data);
    expect(compile(expr)(data)).toEqual(expected);
  });
});

/**
 * Where the platform deliberately differs from json-logic-js: null in ordering comparisons and
 * arithmetic (SQL-like, so rules and SQL filters agree) and division by zero.
 */
const DEVIATIONS: ReadonlyArray<[string, unknown, unknown]> = [
  ['null < number is false (SQL: NULL)', { '<': [{ var: 'nothing' }, 5] }, false],
  ['null >= 0 is false', { '>=': [null, 0] }, false],
  ['missing var <= in between form is false', { '<=': [0, { var: 'nope' }, 10] }, false],
  ['null + 1 is null', { '+': [{ var: 'nothing' }, 1] }, null],
  ['null - 1 is null', { '-': [null, 1] }, null],
  ['x / 0 is null', { '/': [5, 0] }, null],
  ['x % 0 is null', { '%': [5, 0] }, null],
  ['null in text is false', { in: [null, 'a null here'] }, false],
];

describe('documented deviations from json-logic-js', () => {
  it.each(DEVIATIONS)('%s', (_name, expr, ours) => {
    expect(compile(expr)(order)).toEqual(ours);
    expect(jsonLogic.apply(expr as never, order)).not.toEqual(ours);
  });
});
