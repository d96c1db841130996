import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base, createErpWorld, type ErpWorld, keysDeep } from './erp-access.fixture';

/**
 * Random payloads, ids and filters thrown at the records API as restricted users (the pack's
 * sales role: own customers, credit fields read-only; the warehouse role: credit fields hidden).
 * Whatever comes: never a 500; a refused write changes no row and no history; no output ever
 * holds a customer outside the user's scope or a field hidden from them.
 */
let w: ErpWorld;
beforeAll(async () => {
  w = await createErpWorld();
});
afterAll(() => w?.t.close());

const FIELDS = ['name', 'tier', 'credit_level', 'credit_limit', 'payment_terms_days', 'owner', 'notes'];
const HIDDEN_FOR_WAREHOUSE = ['credit_level', 'credit_limit', 'payment_terms_days'];

const anyValue = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.double({ noNaN: false }),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('vip', 'normal', 'A', 'Z', '2026-01-01', { amount: '1.00', currency: 'CNY' }),
  fc.jsonValue({ maxDepth: 2 }),
);
const fieldKey = fc.oneof(
  fc.constantFrom(...FIELDS, 'id', 'created_by', 'version'),
  fc.string({ maxLength: 8 }),
);
/** Mostly plausible records (so writes also succeed), sometimes anything at all. */
const plausible = (owners: () => string[]) =>
  fc.record(
    {
      name: fc.string({ minLength: 1, maxLength: 12 }),
      tier: fc.constantFrom('vip', 'normal'),
      notes: fc.string({ maxLength: 12 }),
      owner: fc.constantFrom(...owners()),
      credit_level: fc.constantFrom('A', 'B', 'C', null),
    },
    { requiredKeys: ['name'] },
  );
const payload = (owners: () => string[]) =>
  fc.oneof(
    { arbitrary: plausible(owners), weight: 3 },
    { arbitrary: fc.dictionary(fieldKey, anyValue, { maxKeys: 5 }), weight: 2 },
    { arbitrary: fc.jsonValue({ maxDepth: 2 }), weight: 1 },
  );
const filterNode: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    fc.record({ '==': fc.tuple(fc.record({ var: fieldKey }), anyValue) }),
    fc.record({ '>': fc.tuple(fc.record({ var: fieldKey }), anyValue) }),
    fc.record({ in: fc.tuple(fc.record({ var: fieldKey }), fc.array(anyValue, { maxLength: 3 })) }),
    fc.record({ or: fc.array(tie('node'), { maxLength: 3 }) }),
    fc.record({ '!': tie('node') }),
    fc.jsonValue({ maxDepth: 2 }),
  ),
})).node;

type Op =
  | { kind: 'get' | 'history' | 'delete' | 'restore'; id: string }
  | { kind: 'patch'; id: string; version: unknown; body: unknown; current: boolean }
  | { kind: 'create'; body: unknown }
  | { kind: 'list'; filter: unknown; sort: string; q: string; expand: string };

function ops(ids: () => string[], owners: () => string[]): fc.Arbitrary<Op> {
  const id = fc.oneof(
    { arbitrary: fc.constantFrom(...ids()), weight: 6 },
    { arbitrary: fc.uuid(), weight: 1 },
    { arbitrary: fc.string({ maxLength: 40 }), weight: 1 },
    { arbitrary: fc.constantFrom('', 'not-a-uuid', '00000000-0000-0000-0000-000000000000'), weight: 1 },
  );
  return fc.oneof(
    fc.record({
      kind: fc.constantFrom('get' as const, 'history' as const, 'delete' as const, 'restore' as const),
      id,
    }),
    fc.record({
      kind: fc.constant('patch' as const),
      id,
      // mostly the version the record has now (so the write gets past optimistic locking)
      current: fc.boolean(),
      version: fc.oneof(fc.integer({ min: -1, max: 4 }), anyValue),
      body: payload(owners),
    }),
    fc.record({ kind: fc.constant('create' as const), body: payload(owners) }),
    fc.record({
      kind: fc.constant('list' as const),
      filter: fc.option(filterNode, { freq: 2 }),
      sort: fc.oneof(
        { arbitrary: fc.constantFrom('', 'name', '-tier', 'created_at'), weight: 3 },
        { arbitrary: fieldKey, weight: 1 },
        { arbitrary: fieldKey.map((k) => `-${k}`), weight: 1 },
      ),
      q: fc.string({ maxLength: 6 }),
      expand: fc.constantFrom('', '', '', 'credit_level', 'x'),
    }),
  );
}

async function counts() {
  const db = w.t.database.db;
  const rows = await sql<{ n: number }>`select count(*)::int as n from app_erp.customer`.execute(db);
  const history = await sql<{ n: number }>`select count(*)::int as n from tessera.record_history`.execute(db);
  return { rows: Number(rows.rows[0]!.n), history: Number(history.rows[0]!.n) };
}

async function send(user: 'sales1' | 'warehouse1', op: Op) {
  const client = w.as[user];
  const at = (id: string) => `${base}/customer/records/${encodeURIComponent(id)}`;
  switch (op.kind) {
    case 'get':
      return client.request('GET', at(op.id));
    case 'history':
      return client.request('GET', `${at(op.id)}/history`);
    case 'delete':
      return client.request('DELETE', at(op.id));
    case 'restore':
      return client.request('POST', `${at(op.id)}/restore`);
    case 'patch': {
      const version = op.current ? await currentVersion(op.id) : op.version;
      return client.request(
        'PATCH',
        at(op.id),
        op.body && typeof op.body === 'object' && !Array.isArray(op.body) ? { ...op.body, version } : op.body,
      );
    }
    case 'create':
      return client.request('POST', `${base}/customer/records`, op.body);
    case 'list': {
      const params = new URLSearchParams({ count: 'exact' });
      if (op.filter !== null) params.set('filter', JSON.stringify(op.filter));
      if (op.sort) params.set('sort', op.sort);
      if (op.q) params.set('q', op.q);
      if (op.expand) params.set('expand', op.expand);
      return client.request('GET', `${base}/customer/records?${params}`);
    }
  }
}

async function currentVersion(id: string): Promise<unknown> {
  const res = await w.as.admin.request('GET', `${base}/customer/records/${encodeURIComponent(id)}`);
  return res.statusCode === 200 ? res.json().version : 1;
}

/** Every customer-looking object in an output (a record, a list item). */
function customersIn(body: unknown): Record<string, unknown>[] {
  if (!body || typeof body !== 'object') return [];
  const b = body as { items?: unknown[] };
  if (Array.isArray(b.items)) return b.items as Record<string, unknown>[];
  if (Array.isArray(body)) return [];
  return 'id' in (body as object) && 'owner' in (body as object) ? [body as Record<string, unknown>] : [];
}

describe('the records API under random input as a restricted user', () => {
  for (const user of ['sales1', 'warehouse1'] as const) {
    it(`${user}: no 500, no partial write, nothing outside the scope or hidden`, async () => {
      const ids = () => Object.values(w.customers);
      const owners = () => [w.ids.sales1, w.ids.sales2, w.ids.warehouse1];
      await fc.assert(
        fc.asyncProperty(ops(ids, owners), async (op) => {
          const before = await counts();
          const res = await send(user, op);
          expect(res.statusCode, `${JSON.stringify(op)} → ${res.body}`).toBeLessThan(500);
          const body = res.body ? res.json() : null;
          if (res.statusCode >= 400) {
            expect(await counts(), JSON.stringify(op)).toEqual(before);
            expect(body.code).toEqual(expect.any(String));
            return;
          }
          for (const record of customersIn(body)) {
            if (user === 'sales1') expect(record.owner, JSON.stringify(op)).toBe(w.ids.sales1);
          }
          if (user === 'warehouse1') {
            const keys = keysDeep(body);
            for (const key of HIDDEN_FOR_WAREHOUSE)
              expect(keys.has(key), `${key} in ${res.body}`).toBe(false);
          }
        }),
        { numRuns: 120, seed: 7, endOnFailure: true },
      );
    });
  }
});
