import { APPROVAL_ACTIONS } from '@tessera/schema';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP, type ErpHarness, money, ok, records, startErp, submitQuote } from './customer-erp-kit';

/**
 * Issue 15.6: a fuzz test of the records (create, update), list (filter, sort, search), report
 * (query, drill) and task action APIs with hostile values — NUL bytes, unpaired surrogates, year
 * 0000 and impossible dates, numbers past 2^53 and 1e21, deep and odd JSON. Whatever comes in:
 * never a 5xx, and a refused request (4xx) leaves every table of the app and the platform's
 * history, flow and job tables as they were.
 *
 * TESSERA_FUZZ_RUNS sets the runs of each property (default 20: seconds, so it runs in
 * `pnpm test` and .ci/run); raise it for a deeper search, e.g. TESSERA_FUZZ_RUNS=2000.
 * A failure prints fast-check's seed and the shrunk counterexample.
 */

const RUNS = Number(process.env.TESSERA_FUZZ_RUNS ?? 20);
const START = '2027-03-01T02:00:00Z';
let erp: ErpHarness;
let customerId: string;
let productId: string;
let footprintSql: string;

// ── hostile values ────────────────────────────────────────────────────────────────────────────
const NASTY_TEXT = [
  '\u0000',
  '\ud800',
  '\udfff',
  '\ude00\ud83d',
  '😀',
  '%',
  '_',
  '\\',
  "'",
  '"',
  '{',
  '',
  ' ',
];
const hostileText = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc
    .array(fc.oneof(fc.constantFrom(...NASTY_TEXT), fc.string({ maxLength: 4 })), { maxLength: 6 })
    .map((parts) => parts.join('')),
);
const hostileNumber = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(1e21, -1e21, 2 ** 53, 2 ** 53 + 2, -(2 ** 63), 1e308, -0, 0.1, 99999999999, 2147483647),
);
const hostileDate = fc.oneof(
  fc.constantFrom(
    '0000-01-01',
    '0001-01-01',
    '9999-12-31',
    '2027-02-30',
    '2027-13-01',
    '10000-01-01',
    'yesterday',
  ),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
);
const hostileScalar = fc.oneof(hostileText, hostileNumber, hostileDate, fc.boolean(), fc.constant(null));
const hostileValue = fc.oneof(
  { weight: 4, arbitrary: hostileScalar },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.array(hostileScalar, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(hostileText, hostileScalar, { maxKeys: 3 }) },
);

const CUSTOMER_FIELDS = [
  'name',
  'tier',
  'credit_level',
  'credit_limit',
  'payment_terms_days',
  'industry',
  'province',
  'address',
  'phone',
  'website',
  'owner',
  'last_follow_up',
  'pool',
  'notes',
  'order_count',
  'bogus_field',
] as const;
const customerValue = (key: string) =>
  key === 'credit_limit'
    ? fc.oneof(
        hostileValue,
        hostileNumber.map((n) => money(n)),
        hostileText.map((t) => ({ amount: t })),
      )
    : key === 'tier'
      ? fc.oneof(fc.constantFrom('strategic', 'key', 'normal'), hostileValue)
      : hostileValue;
const customerValues = fc
  .uniqueArray(fc.constantFrom(...CUSTOMER_FIELDS), { maxLength: 6 })
  .chain((keys) => fc.record(Object.fromEntries(keys.map((k) => [k, customerValue(k)]))))
  .chain((values) =>
    fc.record({
      values: fc.constant(values),
      contacts: fc.option(
        fc.array(
          fc.record(
            {
              contact_name: hostileValue,
              contact_role: hostileValue,
              mobile: hostileValue,
              email: hostileValue,
            },
            { requiredKeys: [] },
          ),
          { maxLength: 3 },
        ),
        { nil: undefined },
      ),
    }),
  )
  .map(({ values, contacts }) => (contacts === undefined ? values : { ...values, contacts }));

// A JSON-Logic tree of allow-listed and unknown operators over real and bogus fields.
const OPERATORS = ['==', '!=', '<', '>=', 'in', 'and', 'or', '!', '+', 'date_add', 'days_between', 'nope'];
const FIELDS = [
  'name',
  'tier',
  'payment_terms_days',
  'last_follow_up',
  'credit_limit',
  'created_at',
  'id',
  'x',
];
const { logic } = fc.letrec<{ logic: unknown }>((tie) => ({
  logic: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileScalar,
    fc.constantFrom(...FIELDS).map((f) => ({ var: f })),
    fc
      .tuple(fc.constantFrom(...OPERATORS), fc.array(tie('logic'), { maxLength: 3 }))
      .map(([op, args]) => ({ [op]: args })),
  ),
}));

const reportQuery = fc.record(
  {
    source: fc.oneof(fc.constant('customer'), hostileText),
    dimensions: fc.array(
      fc.record(
        {
          key: fc.constantFrom('d1', 'd2'),
          field: fc.constantFrom(...FIELDS),
          bucket: fc.constantFrom('day', 'month', 'year', 'day_of_week', 'nope'),
        },
        { requiredKeys: ['key', 'field'] },
      ),
      { maxLength: 2 },
    ),
    measures: fc.constant([{ key: 'n', agg: 'count' }]),
    filter: logic,
    dateRange: fc.record(
      {
        field: fc.constantFrom('last_follow_up', 'created_at', 'name'),
        last: fc.record({ amount: hostileNumber, unit: fc.constantFrom('days', 'weeks', 'months', 'years') }),
        from: hostileDate,
        to: hostileDate,
      },
      { requiredKeys: ['field'] },
    ),
    limit: hostileNumber,
  },
  { requiredKeys: ['source', 'measures'] },
);

/**
 * Percent-encodes text for a URL, lone surrogates included (encodeURIComponent throws on them):
 * as the three bytes a careless client sends for one (CESU-8, not valid UTF-8).
 */
function urlEncode(text: string): string {
  let out = '';
  for (const char of text) {
    const unit = char.charCodeAt(0);
    if (char.length === 1 && unit >= 0xd800 && unit <= 0xdfff)
      out += [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    else out += encodeURIComponent(char);
  }
  return out;
}

// ── what a refused request must leave untouched ──────────────────────────────────────────────
/** Row counts of every table of the app, and of the platform's history, flow and job tables. */
async function footprint(): Promise<string> {
  const rows = await sql.raw<Record<string, string>>(footprintSql).execute(erp.db);
  return JSON.stringify(rows.rows[0]);
}

async function send(method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown) {
  const res = await erp.admin.request(method, url, body);
  return { status: res.statusCode, body: res.body };
}

/** Never a 5xx; a 4xx changed no row. */
async function refusedCleanly(request: () => Promise<{ status: number; body: string }>): Promise<number> {
  const before = await footprint();
  const res = await request();
  expect(res.status, res.body).toBeLessThan(500);
  if (res.status >= 400) {
    expect(res.body).toContain('"code"');
    expect(await footprint(), `a refused request (${res.status}) wrote: ${res.body}`).toBe(before);
  }
  return res.status;
}

beforeAll(async () => {
  erp = await startErp({ start: START });
  customerId = (
    await ok(
      erp.admin.request('POST', records('customer'), { name: 'Fuzz Co', tier: 'key', owner: erp.ids.sales1 }),
      201,
    )
  ).id;
  productId = (
    await ok(
      erp.admin.request('POST', records('product'), { name: 'Pump', list_price: money(6000), active: true }),
      201,
    )
  ).id;
  const tables = await sql<{ name: string }>`
    select quote_ident(table_schema) || '.' || quote_ident(table_name) as name
    from information_schema.tables
    where table_type = 'BASE TABLE' and (table_schema = ${`app_${APP}`}
      or (table_schema = 'tessera' and table_name in ('record_history', 'flow_instances', 'flow_tasks', 'flow_history', 'flow_tokens')))
    order by 1`.execute(erp.db);
  footprintSql = `select ${tables.rows.map((t, i) => `(select count(*) from ${t.name}) as t${i}`).join(', ')},
    (select count(*) from graphile_worker._private_jobs) as jobs`;
}, 120_000);

afterAll(async () => {
  await erp?.close();
});

describe(`the API under fuzzing: no 5xx, no partial write (${RUNS} runs each)`, () => {
  it('creates records', async () => {
    await fc.assert(
      fc.asyncProperty(customerValues, async (values) => {
        await refusedCleanly(() => send('POST', records('customer'), values));
      }),
      { numRuns: RUNS },
    );
  }, 300_000);

  it('updates records', async () => {
    await fc.assert(
      fc.asyncProperty(
        customerValues,
        fc.oneof(fc.constant('current'), hostileNumber),
        async (values, version) => {
          const current = await ok(erp.admin.request('GET', `${records('customer')}/${customerId}`));
          const status = await refusedCleanly(() =>
            send('PATCH', `${records('customer')}/${customerId}`, {
              ...values,
              version: version === 'current' ? current.version : version,
            }),
          );
          if (status >= 400) {
            const after = await ok(erp.admin.request('GET', `${records('customer')}/${customerId}`));
            expect(after).toEqual(current);
          }
        },
      ),
      { numRuns: RUNS },
    );
  }, 300_000);

  it('lists records (filter, sort, search, paging)', async () => {
    const param = (value: unknown) => urlEncode(typeof value === 'string' ? value : JSON.stringify(value));
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            filter: logic,
            sort: fc.array(fc.constantFrom(...FIELDS, '-name', '-last_follow_up', 'contacts'), {
              maxLength: 2,
            }),
            q: hostileText,
            limit: hostileNumber,
            cursor: hostileText,
            count: fc.constantFrom('exact', 'none', 'x'),
          },
          { requiredKeys: [] },
        ),
        async (query) => {
          const parts = Object.entries(query).map(([key, value]) =>
            key === 'sort' ? `sort=${param((value as string[]).join(','))}` : `${key}=${param(value)}`,
          );
          await refusedCleanly(() => send('GET', `${records('customer')}?${parts.join('&')}`));
        },
      ),
      { numRuns: RUNS },
    );
  }, 300_000);

  it('runs report queries and drills into points', async () => {
    await fc.assert(
      fc.asyncProperty(
        reportQuery,
        fc.dictionary(fc.constantFrom('d1', 'd2', 'x'), hostileScalar, { maxKeys: 2 }),
        fc.oneof(fc.constant(undefined), hostileNumber),
        async (query, point, offset) => {
          await refusedCleanly(() => send('POST', `/api/apps/${APP}/reports/query`, { query }));
          await refusedCleanly(() =>
            send('POST', `/api/apps/${APP}/reports/drill`, {
              query,
              point,
              ...(offset === undefined ? {} : { offset }),
            }),
          );
        },
      ),
      { numRuns: RUNS },
    );
  }, 300_000);

  it('acts on tasks', async () => {
    const sales = await erp.as('sales1');
    /** An open task of a fresh submitted quote (the confirm task of sales1, under the limit). */
    const openTask = async (): Promise<string> => {
      const quote = await submitQuote(erp, { customer: customerId, product: productId, quantity: 1 });
      const inbox = await ok<{ items: { taskId: string; recordId: string }[] }>(
        sales.request('GET', '/api/tasks?box=todo'),
      );
      const task = inbox.items.find((t) => t.recordId === quote.id);
      if (!task) throw new Error('the submitted quote has no open task');
      return task.taskId;
    };
    let taskId = await openTask();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...APPROVAL_ACTIONS, 'bogus'),
        fc.record(
          {
            comment: hostileText,
            userIds: fc.array(fc.oneof(fc.uuid(), hostileText, fc.constant(erp.ids.director1)), {
              maxLength: 2,
            }),
            returnTo: fc.oneof(fc.constantFrom('initiator', 'start', 'director'), hostileText),
            values: fc.dictionary(
              fc.constantFrom('valid_until', 'notes', 'total', 'status', 'x'),
              hostileValue,
              {
                maxKeys: 2,
              },
            ),
          },
          { requiredKeys: [] },
        ),
        async (action, body) => {
          const status = await refusedCleanly(async () => {
            const res = await sales.request('POST', `/api/tasks/${taskId}/actions/${action}`, body);
            return { status: res.statusCode, body: res.body };
          });
          // An action that went through moves the request on: the next run gets a fresh open task.
          if (status < 400) {
            await erp.drain();
            taskId = await openTask();
          }
        },
      ),
      { numRuns: RUNS },
    );
  }, 300_000);
});
