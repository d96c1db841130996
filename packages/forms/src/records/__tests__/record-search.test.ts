import type { FormDefinition } from '@tessera/schema';
import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import { type Expression, type SqlBool, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishForms, records, testClock } from '../__fixtures__/records-test-kit';
import { loadRuntime } from '../form-runtime.repository';
import { createRecordService } from '../record.service';
import type { FormGate, RecordsAccess } from '../record-access';
import { planList } from '../record-list.query';
import { planLinkedSearch } from '../record-search.planner';

// A list's text search covers what the list shows through links: an order list searched for a
// customer's name (the link column's title) or code (a lookup) finds that customer's orders —
// and only through what the caller may read on the customer form.

const label = (en: string) => ({ en });
const customer: FormDefinition = {
  key: 'customer',
  title: label('Customer'),
  titleField: 'c1',
  fields: [
    { id: 'c1', key: 'name', type: 'text', label: label('Name'), required: true },
    { id: 'c2', key: 'code', type: 'auto_number', label: label('Code'), pattern: 'C{seq:4}' },
    { id: 'c3', key: 'note', type: 'text', label: label('Note') },
    { id: 'c4', key: 'owner', type: 'text', label: label('Owner') },
  ],
};
const lookup = (id: string, field: string) =>
  ({ id, key: `customer_${field}`, type: 'lookup', label: label(field), link: 'customer', field }) as const;
const order: FormDefinition = {
  key: 'order',
  title: label('Order'),
  titleField: 'o1',
  fields: [
    { id: 'o1', key: 'number', type: 'text', label: label('Number'), required: true },
    { id: 'o2', key: 'customer', type: 'link', label: label('Customer'), form: 'customer' },
    lookup('o3', 'code'),
    lookup('o4', 'note'),
  ],
};

/** A member who reads only customers they own, and for whom a customer's note is hidden. */
const member: RecordsAccess = {
  form(runtime): FormGate {
    const isCustomer = runtime.definition.key === 'customer';
    return {
      can: () => true,
      rows: (action, alias) =>
        isCustomer && action === 'read'
          ? (sql<SqlBool>`${sql.ref(`${alias}.owner`)} = 'me'` as Expression<SqlBool>)
          : null,
      hidden: new Set(isCustomer ? ['note'] : []),
      readOnly: new Set(),
    };
  },
};

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await publishForms(t.db, 'shop', [customer, order]);
  const system = records(t.db);
  const star = await system.create('shop', 'customer', { name: '星河电子', note: 'VIP 暗号', owner: 'me' });
  const sea = await system.create('shop', 'customer', { name: '远洋物流 100%_off', owner: 'them' });
  await system.create('shop', 'order', { number: 'SO-1', customer: star.id });
  await system.create('shop', 'order', { number: 'SO-2', customer: star.id });
  await system.create('shop', 'order', { number: 'SO-3', customer: sea.id });
  await system.create('shop', 'order', { number: 'SO-4 星河' });
  await system.create('shop', 'order', { number: 'SO-5' });
});
afterAll(async () => {
  await t?.close();
});

async function found(q: string, access?: RecordsAccess): Promise<string[]> {
  const svc = createRecordService({
    db: t.db,
    actor: { id: null },
    clock: testClock(),
    ...(access ? { access } : {}),
  });
  const page = await svc.list('shop', 'order', { q, sort: [{ field: 'number', direction: 'asc' }] });
  return page.items.map((r) => String(r.number));
}

describe('list search through links and lookups', () => {
  it('finds orders by the linked customer’s name (the link’s title) and by a looked-up code', async () => {
    expect(await found('星河')).toEqual(['SO-1', 'SO-2', 'SO-4 星河']);
    expect(await found('c0002')).toEqual(['SO-3']);
    expect(await found('远洋')).toEqual(['SO-3']);
    expect(await found('暗号')).toEqual(['SO-1', 'SO-2']); // a textual lookup
  });

  it('takes the text literally: % and _ are not wildcards, quotes are a value', async () => {
    expect(await found('100%_off')).toEqual(['SO-3']);
    expect(await found('%')).toEqual(['SO-3']);
    expect(await found("'; drop table app_shop.order; --")).toEqual([]);
    const runtime = await loadRuntime(t.db, 'shop', 'order');
    const linked = await planLinkedSearch(t.db, runtime, new Set(), undefined);
    const plan = planList(
      runtime,
      { q: "星河'" },
      { now: new Date(), timeZone: 'UTC' },
      undefined,
      [],
      linked,
    );
    const compiled = plan.select.compile(t.db);
    expect(compiled.sql).not.toContain('星河');
    expect(compiled.parameters).toContain("%星河'%");
    expect(compiled.sql).toContain('"customer" in (select t.id from "app_shop"."customer" t where');
  });

  it('searches only what the caller may read on the linked form: rows in scope, fields not hidden', async () => {
    expect(await found('星河', member)).toEqual(['SO-1', 'SO-2', 'SO-4 星河']);
    expect(await found('远洋', member)).toEqual([]); // a customer outside the member's scope
    expect(await found('c0002', member)).toEqual([]);
    expect(await found('暗号', member)).toEqual([]); // the customer's note is hidden from the member
  });

  it('runs the linked search once (a hashed subplan or a join), not once per listed order', async () => {
    await records(t.db).bulkCreate(
      'shop',
      'order',
      Array.from({ length: 2000 }, (_, i) => ({ number: `BULK-${i}` })),
    );
    await sql`analyze app_shop."order"`.execute(t.db);
    const runtime = await loadRuntime(t.db, 'shop', 'order');
    const linked = await planLinkedSearch(t.db, runtime, new Set(), undefined);
    const plan = planList(
      runtime,
      { q: '远洋' },
      { now: new Date(), timeZone: 'UTC' },
      undefined,
      [],
      linked,
    );
    const compiled = plan.select.compile(t.db);
    const explain = await t.db.executeQuery({ ...compiled, sql: `explain (format json) ${compiled.sql}` });
    const text = JSON.stringify(explain.rows);
    // a correlated subquery would show as a SubPlan run per row; a hashed one runs once
    expect(text).toMatch(/hashed SubPlan|Semi Join|Hash Join/i);
    expect(await found('远洋')).toEqual(['SO-3']);
  });
});
