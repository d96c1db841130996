import { describe, expect, it } from 'vitest';
import { compile } from '../../eval/logic.compiler';
import { MAX_LOGIC_DEPTH, validate } from '../logic.validator';
import { OPERATORS } from '../operator.registry';

describe('validate reports every problem with its path', () => {
  it.each([
    ['unknown operator at the root', { log: ['x'] }, [{ path: 'log', message: 'Unknown operator "log"' }]],
    [
      'dotted method names are not operators',
      { 'Math.abs': [-1] },
      [{ path: 'Math.abs', message: 'Unknown operator "Math.abs"' }],
    ],
    [
      'unknown operator nested, with a hint',
      { and: [true, { '!': { Contains: ['a', 'b'] } }] },
      [{ path: 'and[1].![0].Contains', message: 'Unknown operator "Contains" (did you mean "contains"?)' }],
    ],
    ['too few arguments', { '==': [1] }, [{ path: '==', message: '"==" takes 2 arguments, got 1' }]],
    ['too many arguments', { '>': [1, 2, 3] }, [{ path: '>', message: '">" takes 2 arguments, got 3' }]],
    ['range arity', { '<': [1] }, [{ path: '<', message: '"<" takes 2 to 3 arguments, got 1' }]],
    ['open arity', { and: [] }, [{ path: 'and', message: '"and" takes at least 1 argument, got 0' }]],
    ['arguments to today', { today: [1] }, [{ path: 'today', message: '"today" takes 0 arguments, got 1' }]],
    [
      'bad unit',
      { date_add: [{ today: [] }, 1, 'days'] },
      [
        {
          path: 'date_add[2]',
          message: '"date_add" unit must be one of day, week, month, quarter, year, hour, minute; got "days"',
        },
      ],
    ],
    [
      'unit that is an expression',
      { start_of: ['2024-01-01', { var: 'unit' }] },
      [
        {
          path: 'start_of[1]',
          message: '"start_of" unit must be one of day, week, month, quarter, year; got {"var":"unit"}',
        },
      ],
    ],
    [
      'start_of does not take hour',
      { end_of: ['2024-01-01', 'hour'] },
      [
        {
          path: 'end_of[1]',
          message: '"end_of" unit must be one of day, week, month, quarter, year; got "hour"',
        },
      ],
    ],
    [
      'inside scoped and array arguments',
      { some: [{ var: 'items' }, { in: [{ var: 'sku' }, ['a', { nope: 1 }]] }] },
      [{ path: 'some[1].in[1][1].nope', message: 'Unknown operator "nope"' }],
    ],
    [
      'var path of the wrong kind',
      { var: [true] },
      [{ path: 'var[0]', message: '"var" path must be a string, a number or an expression' }],
    ],
    [
      'several problems at once',
      { or: [{ foo: 1 }, { round: [] }] },
      [
        { path: 'or[0].foo', message: 'Unknown operator "foo"' },
        { path: 'or[1].round', message: '"round" takes 1 to 2 arguments, got 0' },
      ],
    ],
  ])('%s', (_name, expr, errors) => {
    expect(validate(expr)).toEqual({ ok: false, errors });
  });

  it.each([
    [
      'a typical rule condition',
      { and: [{ '>': [{ var: 'amount' }, 500000] }, { '==': [{ var: 's' }, 'open'] }] },
    ],
    ['unary sugar', { '!': { var: 'closed' } }],
    ['literals', 42],
    ['a literal list', [1, 'a', null]],
    ['date operators', { '<': [{ date_add: [{ today: [] }, -30, 'day'] }, { var: 'due' }] }],
  ])('accepts %s', (_name, expr) => {
    expect(validate(expr)).toEqual({ ok: true, errors: [] });
  });

  it('has an evaluator for every allow-listed operator', () => {
    for (const [name, spec] of Object.entries(OPERATORS)) {
      const args = Array.from({ length: spec.arity[0] }, (_, i) =>
        spec.unit?.index === i ? spec.unit.allowed[0] : null,
      );
      expect(() => compile({ [name]: args }), name).not.toThrow();
    }
  });

  it('refuses nesting past MAX_LOGIC_DEPTH at the node where it starts, without overflowing', () => {
    let deep: unknown = { '==': [{ var: 'name' }, 'x'] };
    for (let i = 0; i < 20_000; i++) deep = { '!': deep };
    const result = validate(deep);
    expect(result.ok).toBe(false);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.message).toBe(`nests deeper than ${MAX_LOGIC_DEPTH} levels`);
    expect(result.errors[0]?.path).toBe(Array.from({ length: MAX_LOGIC_DEPTH }, () => '![0]').join('.'));
    let fine: unknown = true;
    for (let i = 0; i < MAX_LOGIC_DEPTH - 1; i++) fine = { and: [fine] };
    expect(validate(fine)).toEqual({ ok: true, errors: [] });
  });

  it('refuses string literals the database cannot store', () => {
    expect(validate({ '==': [{ var: 'name' }, 'a\u0000'] })).toEqual({
      ok: false,
      errors: [
        { path: '==[1]', message: 'the text contains a NUL character (U+0000), which cannot be stored' },
      ],
    });
    expect(validate({ in: ['\ud800', ['a']] }).errors[0]?.path).toBe('in[0]');
  });
});
