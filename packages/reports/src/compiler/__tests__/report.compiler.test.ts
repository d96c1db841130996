import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { ERP_CATALOG, TEST_CLOCK } from '../../__fixtures__/erp-seed.fixture';
import { compileReport } from '../report.compiler';

const compile = (model: unknown, options = {}) =>
  compileReport(ERP_CATALOG, model, { clock: TEST_CLOCK, ...options });

describe('compiled SQL and parameters of representative models', () => {
  it('order total by month for this year, with a conditional measure', () => {
    const compiled = compile({
      source: 'sales_order',
      dimensions: [{ key: 'month', field: 'order_date', bucket: 'month' }],
      measures: [
        { key: 'total', agg: 'sum', field: 'total' },
        { key: 'cancelled', agg: 'count', where: { '==': [{ var: 'status' }, 'cancelled'] } },
      ],
      dateRange: { field: 'order_date', relative: 'this_year' },
    });
    expect(compiled.ok && compiled.statement).toEqual({
      sql:
        'select "q"."d0" as "month", sum("q"."m0") as "total", count(*) filter (where "q"."w1") as "cancelled" ' +
        'from (select date_trunc($1, "t0"."order_date"::timestamp)::date as "d0", "t0"."total" as "m0", ' +
        'coalesce((("t0"."status" = $2)), false) as "w1" from "app_erp"."sales_order" as "t0" ' +
        'where ("t0"."deleted_at" is null) and ("t0"."order_date" >= $3::date and "t0"."order_date" < $4::date)) as "q" ' +
        'group by "q"."d0" order by "q"."d0" asc nulls last',
      parameters: ['month', 'cancelled', '2026-01-01', '2027-01-01'],
    });
  });

  it('top 3 products by revenue through line items, with the caller row filter', () => {
    const compiled = compile(
      {
        source: 'sales_order',
        joins: [
          { as: 'items', path: 'items', required: true },
          { as: 'product', path: 'items.product' },
        ],
        dimensions: [{ key: 'product', field: 'product.name' }],
        measures: [{ key: 'revenue', agg: 'sum', field: 'items.amount' }],
        sort: [{ by: 'revenue', direction: 'desc' }],
        limit: 3,
      },
      { rowFilter: (alias: string) => sql`${sql.ref(`${alias}.customer`)} is not null` },
    );
    expect(compiled.ok && compiled.statement).toEqual({
      sql:
        'select "q"."d0" as "product", sum("q"."m0") as "revenue" from (select "t2"."name" as "d0", "t1"."amount" as "m0" ' +
        'from "app_erp"."sales_order" as "t0" ' +
        'inner join "app_erp"."sales_order__items" as "t1" on "t1"."parent_id" = "t0"."id" ' +
        'left join "app_erp"."product" as "t2" on "t2"."id" = "t1"."product" and "t2"."deleted_at" is null ' +
        'where ("t0"."deleted_at" is null) and ("t0"."customer" is not null)) as "q" ' +
        'group by "q"."d0" order by "revenue" desc nulls last limit $1',
      parameters: [3],
    });
  });

  it('numeric bins: edges and labels as parameters, groups ordered by their position', () => {
    const compiled = compile({
      source: 'receivable',
      dimensions: [{ key: 'aging', field: 'amount', bins: { edges: [30, 60] } }],
      measures: [{ key: 'n', agg: 'count' }],
    });
    expect(compiled.ok && compiled.statement).toEqual({
      sql:
        'select "q"."d0" as "aging", count(*) as "n" from (select case when "t0"."amount" is null then null ' +
        'when "t0"."amount" < $1 then $2::text when "t0"."amount" < $3 then $4::text else $5::text end as "d0" ' +
        'from "app_erp"."receivable" as "t0" where "t0"."deleted_at" is null) as "q" ' +
        'group by "q"."d0" order by array_position($6::text[], "q"."d0") asc nulls last',
      parameters: [30, '<30', 60, '30-60', '>=60', ['<30', '30-60', '>=60']],
    });
  });
});

const order = (extra: object) => ({
  source: 'sales_order',
  measures: [{ key: 'n', agg: 'count' }],
  ...extra,
});

/** [what, model, the error path, a fragment of the message] */
const refused: [string, unknown, string, RegExp][] = [
  ['an unknown form', { source: 'nope', measures: [{ key: 'n', agg: 'count' }] }, '/source', /unknown form/],
  [
    'an unknown field',
    order({ dimensions: [{ key: 'x', field: 'nope' }] }),
    '/dimensions/0/field',
    /unknown field "nope"/,
  ],
  [
    'SQL in a field path',
    order({ dimensions: [{ key: 'x', field: 'total; drop table t' }] }),
    '/dimensions/0/field',
    /field key/,
  ],
  [
    'SQL in a filter var',
    order({ filter: { '==': [{ var: 'x" or 1=1 --' }, 1] } }),
    '/filter',
    /unknown field/,
  ],
  [
    'SQL in an output key',
    order({ dimensions: [{ key: 'a" from x; --', field: 'status' }] }),
    '/dimensions/0/key',
    /./,
  ],
  [
    'an unknown join alias',
    order({ dimensions: [{ key: 'x', field: 'cust.tier' }] }),
    '/dimensions/0/field',
    /unknown join alias/,
  ],
  [
    'a join through a non-link',
    order({ joins: [{ as: 'c', path: 'status' }] }),
    '/joins/0/path',
    /not a link/,
  ],
  [
    'a date bucket of a text',
    order({ dimensions: [{ key: 'x', field: 'status', bucket: 'month' }] }),
    '/dimensions/0/bucket',
    /not a date/,
  ],
  [
    'bins of a date',
    order({ dimensions: [{ key: 'x', field: 'order_date', bins: { edges: [1] } }] }),
    '/dimensions/0/bins',
    /not a number/,
  ],
  [
    'unordered bins',
    order({ dimensions: [{ key: 'x', field: 'total', bins: { edges: [5, 1] } }] }),
    '/dimensions/0/bins/edges',
    /increasing/,
  ],
  [
    'a sum of a text',
    { source: 'sales_order', measures: [{ key: 's', agg: 'sum', field: 'status' }] },
    '/measures/0/field',
    /number field/,
  ],
  [
    'a ratio of an unknown measure',
    { source: 'sales_order', measures: [{ key: 'r', agg: 'ratio', numerator: 'a', denominator: 'b' }] },
    '/measures/0',
    /unknown measure "a"/,
  ],
  [
    'a measure that refers to itself',
    { source: 'sales_order', measures: [{ key: 'r', agg: 'arithmetic', op: 'add', left: 'r', right: 'r' }] },
    '/measures/0',
    /refers to itself/,
  ],
  [
    'a key used twice',
    order({ dimensions: [{ key: 'n', field: 'status' }] }),
    '/measures/0/key',
    /used twice/,
  ],
  ['sort by an unknown key', order({ sort: [{ by: 'zzz' }] }), '/sort/0/by', /not a dimension or measure/],
  [
    'a pivot of a non-dimension',
    order({ dimensions: [{ key: 'a', field: 'status' }], pivot: { rows: ['a'], columns: ['b'] } }),
    '/pivot/columns/0',
    /not a dimension/,
  ],
  [
    'an operator outside the SQL subset',
    order({ filter: { '==': [{ map: [{ var: 'status' }, true] }, 1] } }),
    '/filter',
    /not supported/,
  ],
  [
    'a date range on a number',
    order({ dateRange: { field: 'total', relative: 'today' } }),
    '/dateRange/field',
    /not a date/,
  ],
  [
    'a path through a non-link',
    order({ dimensions: [{ key: 'x', field: 'status.tier' }] }),
    '/dimensions/0/field',
    /unknown join alias/,
  ],
  [
    'a path two links deep',
    order({ dimensions: [{ key: 'x', field: 'customer.region.name' }] }),
    '/dimensions/0/field',
    /join the link first/,
  ],
];

describe('models that are refused with a path and a message (never compiled to SQL)', () => {
  it.each(refused)('%s', (_name, model, path, message) => {
    const compiled = compile(model);
    expect(compiled.ok).toBe(false);
    if (compiled.ok) return;
    expect(compiled.errors).toContainEqual({
      path: expect.stringContaining(path),
      message: expect.stringMatching(message),
    });
  });
});
