import type { TestDatabase } from '@tessera/store/testing';
import { createTestDatabase } from '@tessera/store/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { truthy } from '../../eval/compiled-node';
import { compile } from '../../eval/logic.compiler';
import { LogicValidationError } from '../../logic.error';
import type { EvalContext } from '../../logic.types';
import { toSql, toSqlOrThrow } from '../logic-sql.translator';
import type { ColumnResolver } from '../sql-operand';
import {
  CREATE_TABLE,
  compileOnly,
  matchingIds,
  replaceRecords,
  resolver,
  selectIds,
  type TestRecord,
} from './sql-test-kit';

// Shanghai: today is 2024-03-11 (a Monday) while UTC is still 2024-03-10.
const ctx: EvalContext = { now: new Date('2024-03-10T23:30:00.000Z'), timeZone: 'Asia/Shanghai' };

const RECORDS: TestRecord[] = [
  { id: 1, name: 'Acme 50% off', n: 10, qty: 3, d: '2024-01-31', ts: '2024-01-31T10:00:00.000Z', b: true },
  { id: 2, name: 'beta_co', n: 2.5, qty: 0, d: '2024-03-11', ts: '2024-03-10T23:00:00.000Z', b: false },
  { id: 3, name: 'ACME trading', n: null, qty: null, d: null, ts: null, b: null },
  { id: 4, name: '', n: -4, qty: 12, d: '2023-12-15', ts: '2023-12-15T08:00:00.000Z', b: true },
  { id: 5, name: null, n: 0, qty: 7, d: '2024-02-29', ts: '2024-02-29T16:00:00.000Z', b: false },
];

const v = (key: string) => ({ var: key });
const today = { today: [] };

/** [name, expression, WHERE text, parameters, matching ids] */
const CASES: ReadonlyArray<[string, unknown, string, unknown[], number[]]> = [
  ['== text', { '==': [v('name'), 'beta_co'] }, '("t"."name" = $1)', ['beta_co'], [2]],
  ['== null is IS NULL', { '==': [v('n'), null] }, '("t"."n" is null)', [], [3]],
  ['!= null is IS NOT NULL', { '!=': [v('d'), null] }, '("t"."d" is not null)', [], [1, 2, 4, 5]],
  [
    '!= keeps nulls (negation of ==)',
    { '!=': [v('b'), true] },
    '("t"."b" is distinct from $1)',
    [true],
    [2, 3, 5],
  ],
  [
    '!== of two columns',
    { '!==': [v('n'), v('qty')] },
    '("t"."n" is distinct from "t"."qty")',
    [],
    [1, 2, 4, 5],
  ],
  ['< drops nulls', { '<': [v('n'), 1] }, '("t"."n" < $1)', [1], [4, 5]],
  ['! over a null comparison', { '!': { '<': [v('n'), 1] } }, '(("t"."n" < $1) is not true)', [1], [1, 2, 3]],
  ['between (3-arg <=)', { '<=': [0, v('qty'), 7] }, '("t"."qty" between $1 and $2)', [0, 7], [1, 2, 5]],
  [
    'text ordering by code point',
    { '<': [v('name'), 'B'] },
    '("t"."name" collate "C" < $1 collate "C")',
    ['B'],
    [1, 3, 4],
  ],
  [
    'in list with null',
    { in: [v('qty'), [3, 12, null]] },
    '("t"."qty" in ($1, $2) or "t"."qty" is null)',
    [3, 12],
    [1, 3, 4],
  ],
  ['in empty list', { in: [v('qty'), []] }, '(false)', [], []],
  [
    'in as substring',
    { in: ['rad', v('name')] },
    '("t"."name" <> \'\' and strpos("t"."name", $1::text) > 0)',
    ['rad'],
    [3],
  ],
  ['contains escapes %', { contains: [v('name'), '50%'] }, '("t"."name" ilike $1)', ['%50\\%%'], [1]],
  ['contains escapes _', { contains: [v('name'), 'a_c'] }, '("t"."name" ilike $1)', ['%a\\_c%'], [2]],
  ['starts_with', { starts_with: [v('name'), 'acme'] }, '("t"."name" ilike $1)', ['acme%'], [1, 3]],
  ['is_empty text', { is_empty: [v('name')] }, '("t"."name" is null or "t"."name" = \'\')', [], [4, 5]],
  ['is_empty number', { is_empty: [v('qty')] }, '("t"."qty" is null)', [], [3]],
  [
    'and / or with today',
    { or: [{ and: [v('b'), { '>': [v('qty'), 5] }] }, { '==': [v('d'), today] }] },
    '(("t"."b" and ("t"."qty" > $1)) or ("t"."d" is not distinct from $2::date))',
    [5, '2024-03-11'],
    [2, 4],
  ],
  ['!! of a boolean', { '!!': [v('b')] }, '("t"."b" is true)', [], [1, 4]],
  ['arithmetic', { '>': [{ '*': [v('n'), v('qty')] }, 20] }, '(("t"."n" * "t"."qty") > $1)', [20], [1]],
  [
    'division by zero is null',
    { '==': [{ '/': [v('n'), v('qty')] }, 0] },
    '((("t"."n")::numeric / nullif(("t"."qty")::numeric, 0)) = $1)',
    [0],
    [5],
  ],
  [
    'modulo',
    { '==': [{ '%': [v('qty'), 2] }, 1] },
    '((("t"."qty")::numeric % nullif(($1::numeric)::numeric, 0)) = $2)',
    [2, 1],
    [1, 5],
  ],
  [
    'round half away from zero',
    { '==': [{ round: [{ '/': [v('n'), 4] }, 1] }, 0.6] },
    '(round(((("t"."n")::numeric / nullif(($1::numeric)::numeric, 0)))::numeric, $2::int) = $3::numeric)',
    [4, 1, 0.6],
    [2],
  ],
  ['abs of negation', { '>': [{ abs: [{ '-': [v('n')] }] }, 3] }, '(abs((- "t"."n")) > $1)', [3], [1, 4]],
  [
    'date_add months from today',
    { '>=': [v('d'), { date_add: [today, -1, 'month'] }] },
    '("t"."d" >= ((($1::date)::timestamp + make_interval(months => $2::int)))::date)',
    ['2024-03-11', -1],
    [2, 5],
  ],
  [
    'datetime before now minus an hour',
    { '<': [v('ts'), { date_add: [{ now: [] }, -1, 'hour'] }] },
    '("t"."ts" < ($1::timestamptz + make_interval(hours => $2::int)))',
    ['2024-03-10T23:30:00.000Z', -1],
    [1, 4, 5],
  ],
  [
    'days_since',
    { '>': [{ days_since: [v('d')] }, 60] },
    '(trunc(extract(epoch from (($1::date)::timestamp - ("t"."d")::timestamp)) / $2::int) > $3)',
    ['2024-03-11', 86400, 60],
    [4],
  ],
  [
    'start_of ISO week',
    { '==': [{ start_of: [v('d'), 'week'] }, '2024-03-11'] },
    '((date_trunc($1, ("t"."d")::timestamp))::date = $2)',
    ['week', '2024-03-11'],
    [2],
  ],
  [
    'end_of month',
    { '==': [{ end_of: [v('d'), 'month'] }, '2024-02-29'] },
    '(((date_trunc($1, ("t"."d")::timestamp) + make_interval(months => 1) - interval \'1 day\'))::date = $2)',
    ['month', '2024-02-29'],
    [5],
  ],
  [
    'start_of day of a datetime, in the context zone',
    { '==': [{ start_of: [v('ts'), 'day'] }, '2024-03-10T16:00:00.000Z'] },
    '(((date_trunc($1, ("t"."ts" at time zone $2::text))) at time zone $3::text) = $4)',
    ['day', 'Asia/Shanghai', 'Asia/Shanghai', '2024-03-10T16:00:00.000Z'],
    [2],
  ],
  ['coalesce', { '==': [{ coalesce: [v('qty'), 0] }, 0] }, '(coalesce("t"."qty", $1) = $2)', [0, 0], [2, 3]],
  [
    'lower of cat',
    { '==': [{ lower: [{ cat: [v('name'), '!'] }] }, 'acme trading!'] },
    '(lower(concat("t"."name", $1::text)) = $2)',
    ['!', 'acme trading!'],
    [3],
  ],
];

const MONTH_CASES: ReadonlyArray<[string, unknown, number[]]> = [
  ['date_diff months', { '==': [{ date_diff: [today, v('d'), 'month'] }, 1] }, [1]],
  ['date_diff months negative', { '==': [{ date_diff: [v('d'), today, 'month'] }, -2] }, [4]],
  ['date_diff quarters', { '>=': [{ date_diff: [today, v('d'), 'quarter'] }, 0] }, [1, 2, 4, 5]],
  ['date_diff years', { '==': [{ date_diff: ['2026-01-01', v('d'), 'year'] }, 1] }, [1, 2, 5]],
  ['date_diff days on datetimes', { '==': [{ date_diff: [{ now: [] }, v('ts'), 'day'] }, 10] }, [5]],
];

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await CREATE_TABLE.execute(t.db);
  await replaceRecords(t.db, RECORDS);
});
afterAll(async () => {
  await t?.close();
});

function translate(expr: unknown) {
  const result = toSql(expr, resolver, ctx);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.expression;
}

function memoryIds(expr: unknown): number[] {
  const f = compile(expr);
  return RECORDS.filter((r) => truthy(f(r, ctx))).map((r) => r.id);
}

describe('toSql: exact SQL, parameters, and the same rows as in memory', () => {
  it.each(CASES)('%s', async (_name, expr, where, parameters, ids) => {
    const compiled = selectIds(compileOnly, translate(expr)).compile();
    expect(compiled.sql).toBe(`select "t"."id" from "logic_t" as "t" where ${where} order by "t"."id"`);
    expect(compiled.parameters).toEqual(parameters);
    expect(memoryIds(expr)).toEqual(ids);
    expect(await matchingIds(t.db, translate(expr))).toEqual(ids);
  });

  it.each(MONTH_CASES)('%s', async (_name, expr, ids) => {
    expect(memoryIds(expr)).toEqual(ids);
    expect(await matchingIds(t.db, translate(expr))).toEqual(ids);
  });

  it('binds hostile text as a parameter, never as SQL', async () => {
    const hostile = "x'); drop table logic_t; --";
    const compiled = selectIds(compileOnly, translate({ '==': [v('name'), hostile] })).compile();
    expect(compiled.sql).not.toContain('drop');
    expect(compiled.parameters).toEqual([hostile]);
    expect(await matchingIds(t.db, translate({ '==': [v('name'), hostile] }))).toEqual([]);
  });
});

describe('is_empty on json and array columns', () => {
  const jsonResolver: ColumnResolver = (path) =>
    path === 'meta'
      ? { sql: sql.ref('j.meta'), type: 'json' }
      : path === 'tags'
        ? { sql: sql.ref('j.tags'), type: 'array' }
        : undefined;
  const rows = [
    { id: 1, meta: null, tags: null },
    { id: 2, meta: '[]', tags: [] as string[] },
    { id: 3, meta: '""', tags: ['vip'] },
    { id: 4, meta: '{"a":1}', tags: ['a', 'b'] },
  ];

  it.each([
    ['json', 'meta', [1, 2, 3]],
    ['array', 'tags', [1, 2]],
  ])('%s', async (_type, key, ids) => {
    await sql`create table if not exists logic_j (id integer primary key, meta jsonb, tags text[])`.execute(
      t.db,
    );
    await sql`delete from logic_j`.execute(t.db);
    await t.db.insertInto('logic_j').values(rows).execute();
    const where = toSqlOrThrow({ is_empty: [v(key)] }, jsonResolver, ctx);
    const found = await t.db.selectFrom('logic_j as j').select('j.id').where(where).orderBy('j.id').execute();
    expect(found.map((r) => Number(r.id))).toEqual(ids);
    const f = compile({ is_empty: [v(key)] });
    const parsed = rows.map((r) => ({ ...r, meta: r.meta === null ? null : JSON.parse(r.meta) }));
    expect(parsed.filter((r) => f(r, ctx)).map((r) => r.id)).toEqual(ids);
  });
});

describe('toSql refuses what it cannot translate exactly', () => {
  it.each([
    [
      'array operators over a value (only line items are row sets)',
      { some: [v('items'), true] },
      'some',
      'operator "some" is only supported over line items in SQL filters',
    ],
    ['unknown field', { '==': [v('nope'), 1] }, '==[0].var', 'unknown field "nope"'],
    [
      'identifier-looking path',
      { '==': [v('name" or 1=1 --'), 1] },
      '==[0].var',
      'unknown field "name" or 1=1 --"',
    ],
    [
      'literal of the wrong type',
      { '==': [v('n'), '5'] },
      '==[1]',
      'expected a number value, got literal "5"',
    ],
    [
      'date against datetime',
      { '<': [v('d'), v('ts')] },
      '<[1]',
      'cannot compare a datetime value with a date value',
    ],
    ['non-condition in and', { and: [v('name')] }, 'and[0]', 'expected a condition, got a text value'],
    ['non-condition at the root', v('qty'), '', 'expected a condition, got a number value'],
    [
      'var default',
      { '==': [{ var: ['n', 0] }, 1] },
      '==[0].var',
      '"var" defaults are not supported in SQL filters',
    ],
    [
      'in list of expressions',
      { in: [v('n'), [v('qty')]] },
      'in[1]',
      '"in" lists must hold literal values in SQL filters',
    ],
    [
      'in list of the wrong type',
      { in: [v('n'), [1, 'a']] },
      'in[1]',
      'list value "a" is not a number value',
    ],
    ['if', { if: [v('b'), true, false] }, 'if', 'operator "if" is not supported in SQL filters'],
    ['unknown operator (validation)', { nope: [1] }, 'nope', 'Unknown operator "nope"'],
  ])('%s', (_name, expr, path, message) => {
    expect(toSql(expr, resolver, ctx)).toEqual({ ok: false, errors: [{ path, message }] });
  });

  it('toSqlOrThrow throws the same issues as a coded error', () => {
    expect(() => toSqlOrThrow({ '==': [v('nope'), 1] }, resolver, ctx)).toThrow(LogicValidationError);
    expect(() => toSqlOrThrow({ '==': [v('nope'), 1] }, resolver, ctx)).toThrow(
      '==[0].var: unknown field "nope"',
    );
  });

  it('needs a context for today', () => {
    expect(toSql({ '==': [v('d'), today] }, resolver)).toEqual({
      ok: false,
      errors: [{ path: '==[1].today', message: '"today" needs an evaluation context { now, timeZone }' }],
    });
  });
});
