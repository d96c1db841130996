import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP,
  type ErpHarness,
  filterQuery,
  money,
  ok,
  records,
  startErp,
  submitQuote,
} from './customer-erp-kit';

/**
 * Issue 15.6: input the database cannot take — NUL bytes and unpaired surrogates in text,
 * filters and search, year 0000 dates, numbers past the exact range, a "last N" range past the
 * calendar, a drill point that is not a date, bodies and filters nested 20,000 deep — is a 400
 * problem+json naming the path, and nothing is written.
 */

const START = '2027-03-01T02:00:00Z';
let erp: ErpHarness;
let customer: { id: string; version: number };

/** JSON text nested `depth` deep (built as text: JSON.stringify itself overflows on it). */
const deepNot = (depth: number) => `${'{"!":'.repeat(depth)}{"==":[{"var":"name"},"x"]}${'}'.repeat(depth)}`;
const deepAnd = (depth: number) =>
  `${'{"and":['.repeat(depth)}{"==":[{"var":"name"},"x"]}${']}'.repeat(depth)}`;
const report = (query: object) => ({ query: { source: 'customer', ...query } });
const count = [{ key: 'n', agg: 'count' }];
const drill = (dimension: object, point: unknown) => ({
  query: { source: 'customer', dimensions: [{ key: 'd', ...dimension }], measures: count },
  point: { d: point },
});
const REPORTS = `/api/apps/${APP}/reports`;
const packRule = (key: string) =>
  JSON.parse(
    readFileSync(
      fileURLToPath(new URL(`../../../../examples/customer-erp/rules/${key}.json`, import.meta.url)),
      'utf8',
    ),
  );
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** Every row the tests could have written to: the customers and the audit trail. */
async function footprint(): Promise<string> {
  const rows = await sql<{ n: string; h: string }>`
    select (select count(*) from app_customer_erp.customer) as n,
           (select count(*) from tessera.record_history) as h`.execute(erp.db);
  return JSON.stringify(rows.rows[0]);
}

beforeAll(async () => {
  erp = await startErp({ start: START });
  customer = await ok(
    erp.admin.request('POST', records('customer'), { name: 'Acme', tier: 'normal', owner: erp.ids.sales1 }),
    201,
  );
}, 120_000);

afterAll(async () => {
  await erp?.close();
});

type Case = {
  name: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT';
  url: () => string;
  /** An object (sent as JSON) or JSON text sent as is. */
  body?: () => unknown;
  path: string | RegExp;
  /** The refusing layer's own code: the body schema, the records engine or the report engine. */
  code: 'VALIDATION_FAILED' | 'RECORD_INVALID' | 'INVALID_QUERY';
};

const cases: Case[] = [
  {
    name: 'a NUL byte in a text field (create)',
    method: 'POST',
    url: () => records('customer'),
    body: () => ({ name: 'Ac\u0000me', tier: 'normal' }),
    path: 'name',
    code: 'RECORD_INVALID',
  },
  {
    name: 'an unpaired surrogate in a text field (create)',
    method: 'POST',
    url: () => records('customer'),
    body: () => '{"name":"Ac\\ud800me","tier":"normal"}',
    path: 'name',
    code: 'RECORD_INVALID',
  },
  {
    name: 'a NUL byte in a line-item text (create)',
    method: 'POST',
    url: () => records('customer'),
    body: () => ({ name: 'Acme 2', tier: 'normal', contacts: [{ contact_name: 'Li\u0000' }] }),
    path: 'contacts[0].contact_name',
    code: 'RECORD_INVALID',
  },
  {
    name: 'a NUL byte in a text field (update)',
    method: 'PATCH',
    url: () => `${records('customer')}/${customer.id}`,
    body: () => ({ version: customer.version, notes: 'call back\u0000' }),
    path: 'notes',
    code: 'RECORD_INVALID',
  },
  {
    name: 'a year 0000 date (create)',
    method: 'POST',
    url: () => records('customer'),
    body: () => ({ name: 'Old', tier: 'normal', last_follow_up: '0000-01-01' }),
    path: 'last_follow_up',
    code: 'RECORD_INVALID',
  },
  {
    name: 'a NUL byte in a list filter',
    method: 'GET',
    url: () => `${records('customer')}?${filterQuery({ '==': [{ var: 'name' }, 'a\u0000'] })}`,
    path: 'filter.==[1]',
    code: 'INVALID_QUERY',
  },
  {
    name: 'an unpaired surrogate in a list filter',
    method: 'GET',
    url: () => `${records('customer')}?filter=${encodeURIComponent('{"==":[{"var":"name"},"\\udc00"]}')}`,
    path: 'filter.==[1]',
    code: 'INVALID_QUERY',
  },
  {
    name: 'a NUL byte in a list search',
    method: 'GET',
    url: () => `${records('customer')}?q=${encodeURIComponent('Ac\u0000')}`,
    path: 'q',
    code: 'INVALID_QUERY',
  },
  {
    name: 'a list filter nested 20,000 deep',
    method: 'GET',
    url: () => `${records('customer')}?filter=${encodeURIComponent(deepNot(20_000))}`,
    path: /^filter\.!\[0\]/,
    code: 'INVALID_QUERY',
  },
  {
    name: 'a list filter of 3,000 nested "and"s',
    method: 'GET',
    url: () => `${records('customer')}?filter=${encodeURIComponent(deepAnd(3_000))}`,
    path: /^filter\.and\[0\]/,
    code: 'INVALID_QUERY',
  },
  {
    name: 'a record body nested 20,000 deep',
    method: 'POST',
    url: () => records('customer'),
    body: () => `{"name":"Deep","tier":"normal","notes":${'['.repeat(20_000)}${']'.repeat(20_000)}}`,
    path: 'body',
    code: 'VALIDATION_FAILED',
  },
  {
    name: 'a report filter nested 20,000 deep',
    method: 'POST',
    url: () => `${REPORTS}/query`,
    body: () =>
      `{"query":{"source":"customer","measures":[{"key":"n","agg":"count"}],"filter":${deepNot(20_000)}}}`,
    path: 'body',
    code: 'VALIDATION_FAILED',
  },
  {
    name: 'a NUL byte in a report filter',
    method: 'POST',
    url: () => `${REPORTS}/query`,
    body: () => report({ measures: count, filter: { '==': [{ var: 'name' }, 'a\u0000'] } }),
    path: '/filter/==/1',
    code: 'INVALID_QUERY',
  },
  {
    name: 'a relative date range of 99999999999 days',
    method: 'POST',
    url: () => `${REPORTS}/query`,
    body: () =>
      report({
        measures: count,
        dateRange: { field: 'last_follow_up', last: { amount: 99999999999, unit: 'days' } },
      }),
    path: '/dateRange/last/amount',
    code: 'INVALID_QUERY',
  },
  {
    name: 'a relative date range of 99999999999 years',
    method: 'POST',
    url: () => `${REPORTS}/query`,
    body: () =>
      report({
        measures: count,
        dateRange: { field: 'last_follow_up', last: { amount: 99999999999, unit: 'years' } },
      }),
    path: '/dateRange/last/amount',
    code: 'INVALID_QUERY',
  },
  {
    name: 'a report date range from year 0000',
    method: 'POST',
    url: () => `${REPORTS}/query`,
    body: () => report({ measures: count, dateRange: { field: 'last_follow_up', from: '0000-01-01' } }),
    path: '/dateRange/from',
    code: 'INVALID_QUERY',
  },
  {
    name: 'a drill point that is not a date (month bucket)',
    method: 'POST',
    url: () => `${REPORTS}/drill`,
    body: () => drill({ field: 'last_follow_up', bucket: 'month' }, 'not-a-date'),
    path: '/point/d',
    code: 'INVALID_QUERY',
  },
  {
    name: 'a drill point that is not a date (date field)',
    method: 'POST',
    url: () => `${REPORTS}/drill`,
    body: () => drill({ field: 'last_follow_up' }, '2027-02-30'),
    path: '/point/d',
    code: 'INVALID_QUERY',
  },
  {
    name: 'a drill point of 1e21 on an integer dimension',
    method: 'POST',
    url: () => `${REPORTS}/drill`,
    body: () => drill({ field: 'payment_terms_days' }, 1e21),
    path: '/point/d',
    code: 'INVALID_QUERY',
  },
  {
    name: 'a drill offset of 1e21',
    method: 'POST',
    url: () => `${REPORTS}/drill`,
    body: () => ({ ...drill({ field: 'tier' }, 'normal'), offset: 1e21 }),
    path: 'body/offset',
    code: 'VALIDATION_FAILED',
  },
  {
    name: 'a NUL byte in a drill point',
    method: 'POST',
    url: () => `${REPORTS}/drill`,
    body: () => drill({ field: 'name' }, 'Ac\u0000me'),
    path: '/point/d',
    code: 'INVALID_QUERY',
  },
  {
    name: 'a NUL byte in a department name',
    method: 'POST',
    url: () => '/api/org/departments',
    body: () => ({ code: 'probe', name: 'Sales\u0000' }),
    path: 'body/name',
    code: 'VALIDATION_FAILED',
  },
  {
    name: "an unpaired surrogate in a new user's display name",
    method: 'POST',
    url: () => '/api/org/users',
    body: () => ({ username: 'probe', displayName: 'Probe \ud800', password: 'Zq9-probe-long-pass' }),
    path: 'body/displayName',
    code: 'VALIDATION_FAILED',
  },
  {
    name: "a NUL byte in a saved report's title",
    method: 'PUT',
    url: () => `${REPORTS}/probe`,
    body: () => ({
      definition: {
        key: 'probe',
        title: { en: 'Probe\u0000' },
        query: { source: 'customer', measures: count },
      },
    }),
    path: 'body/definition/title/en',
    code: 'VALIDATION_FAILED',
  },
  {
    name: "an unpaired surrogate in a dashboard's title",
    method: 'PUT',
    url: () => `/api/apps/${APP}/dashboards/probe`,
    body: () => ({ definition: { key: 'probe', title: { en: 'Probe \udc00' }, widgets: [] } }),
    path: 'body/definition/title/en',
    code: 'VALIDATION_FAILED',
  },
  {
    name: "a NUL byte in a new app's title",
    method: 'POST',
    url: () => '/api/apps',
    body: () => ({ key: 'probe', title: { en: 'Probe\u0000' } }),
    path: 'body/title/en',
    code: 'VALIDATION_FAILED',
  },
  {
    name: "a NUL byte in a rule's title (the pack's own rule otherwise)",
    method: 'POST',
    url: () => `/api/apps/${APP}/rules`,
    body: () => {
      const { $schema: _, ...rule } = packRule('dormant_customer');
      return { ...rule, key: 'probe_rule', title: { en: 'Probe\u0000' } };
    },
    path: 'body/title/en',
    code: 'VALIDATION_FAILED',
  },
  {
    name: "a NUL byte in the audit log's actor filter",
    method: 'GET',
    url: () => '/api/audit?actor=adm%00in',
    path: 'querystring/actor',
    code: 'VALIDATION_FAILED',
  },
];

describe('bad input is a 400 naming its path, and nothing is written (issue 15.6)', () => {
  it.each(cases)('$name', async ({ method, url, body, path, code }) => {
    const before = await footprint();
    const payload = body?.();
    const res = await erp.t.app.inject({
      method,
      url: url(),
      headers: {
        cookie: erp.admin.cookie,
        'x-csrf-token': erp.admin.csrfToken,
        ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(payload === undefined
        ? {}
        : { payload: typeof payload === 'string' ? payload : JSON.stringify(payload) }),
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const problem = res.json();
    expect(problem.code).toBe(code);
    const paths: string[] = problem.errors.map((e: { path: string }) => e.path);
    if (typeof path === 'string') expect(paths).toContain(path);
    else
      expect(
        paths.some((p) => path.test(p)),
        paths.join(', '),
      ).toBe(true);
    expect(await footprint()).toBe(before);
  });

  it.each([
    ['a filter list of 70,000 values', { filter: { in: [{ var: 'payment_terms_days' }, range(70_000)] } }],
    [
      'a dimension of 70,000 bin edges',
      { dimensions: [{ key: 'd', field: 'payment_terms_days', bins: { edges: range(70_000) } }] },
    ],
  ])(
    'a report with more values than one statement carries (%s) is a 400, not "unavailable"',
    async (_, query) => {
      const res = await erp.admin.request('POST', `${REPORTS}/query`, report({ measures: count, ...query }));
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().code).toBe('REPORT_TOO_COMPLEX');
      expect(res.json().detail).toMatch(/values .*more than the 65,535 one query can carry/);
      // the report database still answers
      await ok(erp.admin.request('POST', `${REPORTS}/query`, report({ measures: count })));
    },
  );

  it('a NUL byte in a task comment is refused and the approval stays where it was', async () => {
    const sales = await erp.as('sales1');
    const product = await ok(
      erp.admin.request('POST', records('product'), { name: 'Pump', list_price: money(6000), active: true }),
      201,
    );
    const quote = await submitQuote(erp, { customer: customer.id, product: product.id, quantity: 2 });
    const inbox = await ok<{ items: any[] }>(sales.request('GET', '/api/tasks?box=todo'));
    const task = inbox.items.find((t) => t.recordId === quote.id);
    expect(task).toBeDefined();
    const before = await footprint();
    const res = await sales.request('POST', `/api/tasks/${task.taskId}/actions/approve`, {
      comment: 'ok\u0000',
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ path: 'comment' })]);
    const after = await ok<{ items: any[] }>(sales.request('GET', '/api/tasks?box=todo'));
    expect(after.items.some((t) => t.taskId === task.taskId)).toBe(true);
    expect(await footprint()).toBe(before);
  });
});
