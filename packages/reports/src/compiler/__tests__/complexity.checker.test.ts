import { describe, expect, it } from 'vitest';
import { ERP_CATALOG, TEST_CLOCK } from '../../__fixtures__/erp-seed.fixture';
import { conditionDepthIssues, fanOutIssues, joinCountIssues } from '../complexity.checker';
import { compileDrill } from '../drill.compiler';
import { compileReport } from '../report.compiler';

/** `{ "!": { "!": … { "==": [{ var: "name" }, "open"] } } }`, `levels` operators deep. */
function nested(levels: number): unknown {
  let node: unknown = { '==': [{ var: 'name' }, 'open'] };
  for (let i = 2; i < levels; i++) node = { '!': node };
  return node;
}

const count = { key: 'n', agg: 'count' };
/** Five reverse joins: every order, receivable, ticket and quote of a customer multiplied. */
const reverseJoins = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ as: `o${i}`, form: 'sales_order', link: 'customer' }));

describe('condition depth', () => {
  it.each([
    [{ filter: nested(4) }, 4, []],
    [{ filter: nested(5) }, 4, ['/filter']],
    [{ measures: [{ key: 'n', agg: 'count', where: nested(9) }] }, 8, ['/measures/0/where']],
    [
      { dimensions: [{ key: 'd', cases: [{ when: nested(9), label: 'x' }] }] },
      8,
      ['/dimensions/0/cases/0/when'],
    ],
    [{ having: nested(3), filter: nested(3) }, 2, ['/having', '/filter']],
  ])('%j with limit %i → %j', (query, limit, paths) => {
    expect(
      conditionDepthIssues(query, limit)
        .map((i) => i.path)
        .sort(),
    ).toEqual([...paths].sort());
  });

  it('walks a filter nested 20 000 deep without overflowing the stack', () => {
    const issues = conditionDepthIssues(
      { source: 'customer', measures: [count], filter: nested(20_000) },
      32,
    );
    expect(issues).toEqual([{ path: '/filter', message: expect.stringContaining('more than 32 levels') }]);
    expect(issues[0]!.message).toContain('TESSERA_REPORT_MAX_FILTER_DEPTH');
  });

  it('does not count the query model’s own nesting', () => {
    const query = {
      source: 'customer',
      stage: { dimensions: [{ key: 'c', field: 'id' }] },
      measures: [count],
    };
    expect(conditionDepthIssues(query, 1)).toEqual([]);
  });
});

describe('join count', () => {
  it('names the limit', () => {
    expect(joinCountIssues({ joins: reverseJoins(3) }, 3)).toEqual([]);
    expect(joinCountIssues({ joins: reverseJoins(4) }, 3)).toEqual([
      {
        path: '/joins',
        message: 'the query joins 4 forms; at most 3 are allowed (the limit TESSERA_REPORT_MAX_JOINS)',
      },
    ]);
  });
});

describe('one-to-many joins', () => {
  it('counts line items and reverse links, never link paths (one record each)', () => {
    const query = {
      source: 'sales_order',
      joins: [
        { as: 'c', path: 'customer' },
        { as: 'i', path: 'items' },
        { as: 'r', path: 'c.region' },
      ],
    };
    expect(fanOutIssues(ERP_CATALOG, query, 1)).toEqual([]);
    expect(fanOutIssues(ERP_CATALOG, query, 0)).toEqual([
      { path: '/joins', message: expect.stringContaining('1 one-to-many joins (/joins/1); at most 0') },
    ]);
    expect(fanOutIssues(ERP_CATALOG, { source: 'customer', joins: reverseJoins(3) }, 2)).toHaveLength(1);
  });
});

describe('the compilers refuse a query past a limit as too complex', () => {
  const options = { clock: TEST_CLOCK, limits: { maxJoins: 2, maxFilterDepth: 8 } };
  it('counts implicit joins', () => {
    const query = {
      source: 'sales_order',
      joins: reverseJoins(0),
      dimensions: [{ key: 'tier', field: 'customer.tier' }],
      measures: [count],
    };
    expect(compileReport(ERP_CATALOG, query, { ...options, limits: { maxJoins: 0 } })).toMatchObject({
      ok: false,
      reason: 'too_complex',
      errors: [{ path: '/joins' }],
    });
    expect(compileReport(ERP_CATALOG, query, options).ok).toBe(true);
  });

  it('refuses too many joins in a report and in a drill-down', () => {
    const query = { source: 'customer', joins: reverseJoins(3), measures: [count] };
    expect(compileReport(ERP_CATALOG, query, options)).toMatchObject({ ok: false, reason: 'too_complex' });
    expect(compileDrill(ERP_CATALOG, query, { point: {} }, options)).toMatchObject({
      ok: false,
      reason: 'too_complex',
    });
  });

  it('refuses a deep filter before validating it', () => {
    const query = { source: 'customer', measures: [count], filter: nested(20_000) };
    expect(compileReport(ERP_CATALOG, query, options)).toMatchObject({
      ok: false,
      reason: 'too_complex',
      errors: [{ path: '/filter' }],
    });
  });

  it('keeps the defaults for a query within them', () => {
    // 8 joins and depth 32 by default (one-to-many joins lifted here: they have a limit of their own)
    const lifted = { clock: TEST_CLOCK, limits: { maxFanOutJoins: 16 } };
    const query = { source: 'customer', joins: reverseJoins(8), measures: [count], filter: nested(32) };
    expect(compileReport(ERP_CATALOG, query, lifted).ok).toBe(true);
    expect(compileReport(ERP_CATALOG, { ...query, joins: reverseJoins(9) }, lifted).ok).toBe(false);
  });

  it('refuses more than 2 one-to-many joins by default (their rows multiply), in a report and a drill-down', () => {
    const query = { source: 'customer', joins: reverseJoins(2), measures: [count] };
    expect(compileReport(ERP_CATALOG, query, { clock: TEST_CLOCK }).ok).toBe(true);
    const three = { ...query, joins: reverseJoins(3) };
    expect(compileReport(ERP_CATALOG, three, { clock: TEST_CLOCK })).toMatchObject({
      ok: false,
      reason: 'fan_out',
      errors: [{ path: '/joins', message: expect.stringContaining('3 one-to-many joins') }],
    });
    expect(compileDrill(ERP_CATALOG, three, { point: {} }, { clock: TEST_CLOCK })).toMatchObject({
      ok: false,
      reason: 'fan_out',
    });
  });
});
