import { describe, expect, it } from 'vitest';
import { LogicContextError, LogicValidationError } from '../../logic.error';
import type { EvalContext } from '../../logic.types';
import { compile } from '../logic.compiler';

// 2024-03-10 23:30 UTC is already 2024-03-11 in Shanghai, still 2024-03-10 in New York.
const shanghai: EvalContext = { now: new Date('2024-03-10T23:30:00.000Z'), timeZone: 'Asia/Shanghai' };
const newYork: EvalContext = { now: new Date('2024-03-10T23:30:00.000Z'), timeZone: 'America/New_York' };

const run = (expr: unknown, data: unknown = {}, ctx: EvalContext = shanghai) => compile(expr)(data, ctx);

describe('today / now come from the evaluation context', () => {
  it.each([
    ['today in Shanghai', { today: [] }, shanghai, '2024-03-11'],
    ['today in New York', { today: [] }, newYork, '2024-03-10'],
    ['today with null args', { today: null }, newYork, '2024-03-10'],
    ['now is the context instant', { now: [] }, newYork, '2024-03-10T23:30:00.000Z'],
  ])('%s', (_n, expr, ctx, expected) => {
    expect(run(expr, {}, ctx)).toBe(expected);
  });

  it('moves with the clock, never reads the system clock', () => {
    const f = compile({ '>': [{ var: 'due' }, { today: [] }] });
    const due = { due: '2030-01-02' };
    expect(f(due, { now: new Date('2030-01-01T12:00:00Z'), timeZone: 'UTC' })).toBe(true);
    expect(f(due, { now: new Date('2030-01-02T12:00:00Z'), timeZone: 'UTC' })).toBe(false);
  });

  it('throws a coded error when today is used without a context', () => {
    const f = compile({ today: [] });
    expect(() => f({})).toThrow(LogicContextError);
  });
});

describe('date arithmetic', () => {
  it.each([
    ['add days', { date_add: ['2024-02-27', 3, 'day'] }, '2024-03-01'],
    ['subtract days', { date_add: ['2024-03-01', -1, 'day'] }, '2024-02-29'],
    ['add weeks', { date_add: ['2024-01-01', 2, 'week'] }, '2024-01-15'],
    ['add month clamps to month end', { date_add: ['2024-01-31', 1, 'month'] }, '2024-02-29'],
    ['add quarter', { date_add: ['2023-11-30', 1, 'quarter'] }, '2024-02-29'],
    ['add year from leap day', { date_add: ['2024-02-29', 1, 'year'] }, '2025-02-28'],
    [
      'add hours to a date: from its midnight in the zone',
      { date_add: ['2024-01-01', 5, 'hour'] },
      '2023-12-31T21:00:00.000Z',
    ],
    [
      'add minutes to a datetime',
      { date_add: ['2024-01-01T23:50:00Z', 20, 'minute'] },
      '2024-01-02T00:10:00.000Z',
    ],
    [
      'add month to a datetime',
      { date_add: ['2024-01-31T10:00:00Z', 1, 'month'] },
      '2024-02-29T10:00:00.000Z',
    ],
    ['date_add of null', { date_add: [null, 1, 'day'] }, null],
    ['date_add of garbage', { date_add: ['soon', 1, 'day'] }, null],
    ['diff days', { date_diff: ['2024-03-01', '2024-02-01', 'day'] }, 29],
    ['diff days negative', { date_diff: ['2024-02-01', '2024-03-01', 'day'] }, -29],
    ['diff weeks truncates', { date_diff: ['2024-01-20', '2024-01-01', 'week'] }, 2],
    ['diff months whole', { date_diff: ['2024-03-15', '2024-01-15', 'month'] }, 2],
    ['diff months not yet whole', { date_diff: ['2024-03-14', '2024-01-15', 'month'] }, 1],
    ['diff months from month end', { date_diff: ['2024-02-29', '2024-01-31', 'month'] }, 1],
    ['diff months negative', { date_diff: ['2024-01-15', '2024-03-20', 'month'] }, -2],
    ['diff quarters', { date_diff: ['2024-12-31', '2024-01-01', 'quarter'] }, 3],
    ['diff years', { date_diff: ['2024-06-01', '2020-06-02', 'year'] }, 3],
    ['diff hours', { date_diff: ['2024-01-02T01:00:00Z', '2024-01-01T00:30:00Z', 'hour'] }, 24],
    ['diff with null', { date_diff: [null, '2024-01-01', 'day'] }, null],
    ['start of ISO week (Sunday → Monday)', { start_of: ['2024-03-10', 'week'] }, '2024-03-04'],
    ['start of week on Monday', { start_of: ['2024-03-04', 'week'] }, '2024-03-04'],
    ['start of month', { start_of: ['2024-03-10', 'month'] }, '2024-03-01'],
    ['start of quarter', { start_of: ['2024-08-10', 'quarter'] }, '2024-07-01'],
    ['start of year', { start_of: ['2024-08-10', 'year'] }, '2024-01-01'],
    [
      'start of day of a datetime, in the zone',
      { start_of: ['2024-08-10T13:14:15Z', 'day'] },
      '2024-08-09T16:00:00.000Z',
    ],
    ['end of month (leap)', { end_of: ['2024-02-10', 'month'] }, '2024-02-29'],
    ['end of quarter', { end_of: ['2024-11-10', 'quarter'] }, '2024-12-31'],
    ['end of ISO week', { end_of: ['2024-03-06', 'week'] }, '2024-03-10'],
    [
      'end of day of a datetime, in the zone',
      { end_of: ['2024-08-10T13:14:15Z', 'day'] },
      '2024-08-10T15:59:59.999Z',
    ],
    ['days since a date (today = 2024-03-11 in Shanghai)', { days_since: ['2024-03-01'] }, 10],
    ['days since a datetime', { days_since: ['2024-03-08T23:30:00Z'] }, 2],
    ['days since null', { days_since: [{ var: 'none' }] }, null],
  ])('%s', (_n, expr, expected) => {
    expect(run(expr)).toEqual(expected);
  });
});

describe('datetimes follow the wall clock of the context zone (New York, DST on 2024-03-10 and 2024-11-03)', () => {
  it.each([
    [
      '+1 day keeps the local time across spring-forward',
      { date_add: ['2024-03-09T12:00:00Z', 1, 'day'] },
      '2024-03-10T11:00:00.000Z',
    ],
    [
      '+24 hours is elapsed time',
      { date_add: ['2024-03-09T12:00:00Z', 24, 'hour'] },
      '2024-03-10T12:00:00.000Z',
    ],
    [
      'a local time in the gap takes the offset before it',
      { date_add: ['2024-03-09T07:30:00Z', 1, 'day'] },
      '2024-03-10T07:30:00.000Z',
    ],
    [
      'an ambiguous local time takes the offset after it',
      { date_add: ['2024-11-02T05:30:00Z', 1, 'day'] },
      '2024-11-03T06:30:00.000Z',
    ],
    [
      'start of day is local midnight',
      { start_of: ['2024-03-10T12:00:00Z', 'day'] },
      '2024-03-10T05:00:00.000Z',
    ],
    ['start of month is local', { start_of: ['2024-03-01T02:00:00Z', 'month'] }, '2024-02-01T05:00:00.000Z'],
    [
      'months between datetimes use local dates',
      { date_diff: ['2024-03-01T02:00:00Z', '2024-01-15T12:00:00Z', 'month'] },
      1,
    ],
    ['dates stay calendar values', { date_diff: ['2024-03-11', '2024-03-10', 'day'] }, 1],
  ])('%s', (_n, expr, expected) => {
    expect(run(expr, {}, newYork)).toEqual(expected);
  });

  it('needs the context for datetime calendar arithmetic', () => {
    expect(() => compile({ start_of: ['2024-03-10T12:00:00Z', 'day'] })({})).toThrow(LogicContextError);
    expect(compile({ start_of: ['2024-03-10', 'month'] })({})).toBe('2024-03-01');
  });
});

describe('numbers, text and line items', () => {
  const order = {
    name: 'ACME Trading',
    note: '',
    tags: [],
    items: [
      { qty: 2, price: 10, ok: true },
      { qty: 3, price: '2.5', ok: false },
      { qty: null, price: 4, ok: true },
    ],
  };
  it.each([
    ['round half away from zero', { round: [2.5] }, 3],
    ['round negative half away from zero', { round: [-2.5] }, -3],
    ['round 1.005 to 2 digits like numeric', { round: [1.005, 2] }, 1.01],
    ['round to tens', { round: [1234.5, -1] }, 1230],
    ['round null', { round: [null, 2] }, null],
    ['abs', { abs: [-4.5] }, 4.5],
    ['sum of an array', { sum: [[1, 2, 3.5]] }, 6.5],
    ['sum over line items', { sum: [{ var: 'items' }, { '*': [{ var: 'qty' }, { var: 'price' }] }] }, 27.5],
    ['sum of a non-array', { sum: [{ var: 'name' }] }, 0],
    ['count line items', { count: [{ var: 'items' }] }, 3],
    ['count matching line items', { count: [{ var: 'items' }, { var: 'ok' }] }, 2],
    ['count of missing', { count: [{ var: 'nope' }] }, 0],
    ['is_empty ""', { is_empty: [{ var: 'note' }] }, true],
    ['is_empty []', { is_empty: [{ var: 'tags' }] }, true],
    ['is_empty missing', { is_empty: [{ var: 'nope' }] }, true],
    ['is_empty zero is not empty', { is_empty: [0] }, false],
    ['contains is case-insensitive', { contains: [{ var: 'name' }, 'acme'] }, true],
    ['contains treats % literally', { contains: [{ var: 'name' }, 'ac%'] }, false],
    ['contains on null', { contains: [{ var: 'nope' }, ''] }, false],
    ['starts_with case-insensitive', { starts_with: [{ var: 'name' }, 'acme t'] }, true],
    ['starts_with miss', { starts_with: [{ var: 'name' }, 'trading'] }, false],
    ['lower', { lower: [{ var: 'name' }] }, 'acme trading'],
    ['upper', { upper: ['x1'] }, 'X1'],
    ['upper null', { upper: [null] }, null],
    ['coalesce', { coalesce: [{ var: 'nope' }, null, 'fallback', 'later'] }, 'fallback'],
    ['coalesce keeps ""', { coalesce: [{ var: 'note' }, 'x'] }, ''],
  ])('%s', (_n, expr, expected) => {
    expect(run(expr, order)).toEqual(expected);
  });
});

describe('compile refuses what validate refuses', () => {
  it('throws LogicValidationError with the issues', () => {
    try {
      compile({ and: [{ log: 'x' }] });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(LogicValidationError);
      expect((e as LogicValidationError).code).toBe('LOGIC_INVALID_EXPRESSION');
      expect((e as LogicValidationError).errors).toEqual([
        { path: 'and[0].log', message: 'Unknown operator "log"' },
      ]);
    }
  });

  it('does not read prototype members through var', () => {
    expect(compile({ var: 'constructor' })({})).toBeNull();
    expect(compile({ var: 'a.__proto__' })({ a: {} })).toBeNull();
  });
});
