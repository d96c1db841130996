import type { FormDefinition } from '@tessera/schema';
import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishForms, records } from '../__fixtures__/records-test-kit';
import type { RecordService } from '../record.service';
import type { ListQuery } from '../record-list.query';
import { RecordsError } from '../records.error';

const label = (en: string) => ({ en });
const ownerForm: FormDefinition = {
  key: 'owner',
  title: label('Owner'),
  fields: [{ id: 'w1', key: 'name', type: 'text', label: label('Name'), required: true }],
};
const thingForm: FormDefinition = {
  key: 'thing',
  title: label('Thing'),
  fields: [
    { id: 't1', key: 'name', type: 'text', label: label('Name') },
    { id: 't2', key: 'qty', type: 'integer', label: label('Qty') },
    { id: 't3', key: 'price', type: 'number', label: label('Price'), scale: 2 },
    { id: 't4', key: 'due', type: 'date', label: label('Due') },
    { id: 't5', key: 'done', type: 'boolean', label: label('Done') },
    {
      id: 't6',
      key: 'kind',
      type: 'single_select',
      label: label('Kind'),
      options: [
        { value: 'a', label: label('A') },
        { value: 'b', label: label('B') },
        { value: 'c', label: label('C') },
      ],
    },
    { id: 't7', key: 'owner', type: 'link', label: label('Owner'), form: 'owner' },
    { id: 't8', key: 'note', type: 'long_text', label: label('Note') },
  ],
  searchFields: ['t1', 't8'],
};

let t: TestDatabase;
let svc: RecordService;
const owners: string[] = [];
beforeAll(async () => {
  t = await createTestDatabase();
  await publishForms(t.db, 'inv', [ownerForm, thingForm]);
  svc = records(t.db);
  for (const name of ['Ann', 'Bob']) owners.push((await svc.create('inv', 'owner', { name })).id);
  // 61 deterministic records with repeated values and nulls, so ties and NULL ordering matter.
  const items = Array.from({ length: 61 }, (_, i) => ({
    name: i % 9 === 0 ? null : `Item ${String.fromCharCode(65 + (i % 5))}${i % 4}`,
    qty: i % 7 === 0 ? null : (i * 37) % 11,
    price: i % 6 === 0 ? null : ((i * 53) % 17) + 0.25,
    due: i % 5 === 0 ? null : `2026-0${1 + (i % 3)}-1${i % 10}`,
    done: i % 8 === 0 ? null : i % 2 === 0,
    kind: ['a', 'b', 'c', null][i % 4],
    owner: i % 3 === 0 ? null : owners[i % 2],
    note: i % 10 === 0 ? 'contains 50% OFF_sale' : `note ${i}`,
  }));
  await svc.bulkCreate('inv', 'thing', items);
  const trash = await svc.create('inv', 'thing', { name: 'Item A0 deleted', qty: 3 });
  await svc.delete('inv', 'thing', trash.id);
});
afterAll(async () => {
  await t?.close();
});

/** Every page of a list, following the cursor. */
async function allPages(query: ListQuery, limit: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 100; guard++) {
    const page = await svc.list('inv', 'thing', { ...query, limit, ...(cursor ? { cursor } : {}) });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    ids.push(...page.items.map((r) => r.id));
    if (!page.nextCursor) return ids;
    cursor = page.nextCursor;
  }
  throw new Error('too many pages');
}

async function handWritten(where: string, orderBy: string, params: unknown[] = []): Promise<string[]> {
  const text = `select id from app_inv.thing where deleted_at is null and (${where}) order by ${orderBy}`;
  const r = await sql<{
    id: string;
  }>`${sql.raw(text.replace(/\$(\d)/g, (_, n) => `'${String(params[Number(n) - 1])}'`))}`.execute(t.db);
  return r.rows.map((row) => row.id);
}

describe('list: filter, sort and keyset pagination agree with hand-written SQL', () => {
  const cases: Array<[string, ListQuery, string, string]> = [
    ['no filter, default order', {}, 'true', 'id'],
    ['qty desc', { sort: [{ field: 'qty', direction: 'desc' }] }, 'true', 'qty desc nulls first, id'],
    [
      'name asc, price desc',
      {
        sort: [
          { field: 'name', direction: 'asc' },
          { field: 'price', direction: 'desc' },
        ],
      },
      'true',
      'name asc nulls last, price desc nulls first, id',
    ],
    [
      'filter qty >= 5 and done, by due',
      {
        filter: { and: [{ '>=': [{ var: 'qty' }, 5] }, { '==': [{ var: 'done' }, true] }] },
        sort: [{ field: 'due', direction: 'asc' }],
      },
      'qty >= 5 and done = true',
      'due asc nulls last, id',
    ],
    [
      'kind in (a, c) or price < 3, by kind desc then created_at',
      {
        filter: { or: [{ in: [{ var: 'kind' }, ['a', 'c']] }, { '<': [{ var: 'price' }, 3] }] },
        sort: [
          { field: 'kind', direction: 'desc' },
          { field: 'created_at', direction: 'asc' },
        ],
      },
      "kind in ('a', 'c') or price < 3",
      'kind desc nulls first, created_at asc, id',
    ],
    [
      'a date range',
      {
        filter: { '<=': ['2026-02-01', { var: 'due' }, '2026-03-15'] },
        sort: [{ field: 'due', direction: 'desc' }],
      },
      "due between '2026-02-01' and '2026-03-15'",
      'due desc nulls first, id',
    ],
    ['null test', { filter: { '==': [{ var: 'name' }, null] } }, 'name is null', 'id'],
  ];

  it.each(cases)('%s', async (_name, query, where, orderBy) => {
    const expected = await handWritten(where, orderBy);
    expect(expected.length).toBeGreaterThan(0);
    for (const limit of [1, 7, 500]) expect(await allPages(query, limit)).toEqual(expected);
  });

  it("the reverse list of a link: an owner's things", async () => {
    const expected = await handWritten(`owner = '${owners[0]}'`, 'id');
    expect(await allPages({ filter: { '==': [{ var: 'owner' }, owners[0]] } }, 10)).toEqual(expected);
  });

  it('text search over the search fields, with LIKE wildcards taken literally', async () => {
    const page = await svc.list('inv', 'thing', { q: '50% off_', limit: 500 });
    expect(page.items.map((r) => r.note)).toEqual(Array(7).fill('contains 50% OFF_sale'));
    const none = await svc.list('inv', 'thing', { q: '5_%', limit: 500 });
    expect(none.items).toEqual([]);
  });

  it('counts only when asked', async () => {
    const without = await svc.list('inv', 'thing', { limit: 5 });
    expect(without.total).toBeUndefined();
    const exact = await svc.list('inv', 'thing', {
      limit: 5,
      count: 'exact',
      filter: { '==': [{ var: 'kind' }, 'b'] },
    });
    expect(exact.total).toBe((await handWritten("kind = 'b'", 'id')).length);
    const trash = await svc.list('inv', 'thing', { deleted: 'only', count: 'exact' });
    expect(trash.items.map((r) => r.name)).toEqual(['Item A0 deleted']);
  });

  it('expands links and line items on request only', async () => {
    const page = await svc.list('inv', 'thing', {
      filter: { '==': [{ var: 'owner' }, owners[1]] },
      limit: 1,
      expand: ['owner'],
    });
    expect(page.items[0]?.owner).toMatchObject({ id: owners[1], name: 'Bob' });
  });

  it.each<[string, ListQuery & { expand?: string[] }, string]>([
    ['an unknown field', { filter: { '==': [{ var: 'colour' }, 'red'] } }, 'filter.=='],
    ['an operator outside SQL', { filter: { some: [{ var: 'x' }, true] } }, 'filter.some'],
    ['an unsortable field', { sort: [{ field: 'nope', direction: 'asc' }] }, 'sort[0]'],
    ['a forged cursor', { cursor: 'bm90IGEgY3Vyc29y' }, 'cursor'],
    ['a bad limit', { limit: 0 }, 'limit'],
    ['an unknown expand', { expand: ['name'] }, 'expand.name'],
  ])('refuses %s as INVALID_QUERY', async (_what, query, path) => {
    const error = await svc.list('inv', 'thing', query).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RecordsError);
    expect((error as RecordsError).code).toBe('INVALID_QUERY');
    expect((error as RecordsError).errors.map((e) => e.path).join(' ')).toContain(path);
  });

  it('refuses a cursor from another sort order', async () => {
    const page = await svc.list('inv', 'thing', { limit: 2, sort: [{ field: 'qty', direction: 'asc' }] });
    const error = await svc
      .list('inv', 'thing', {
        limit: 2,
        cursor: page.nextCursor!,
        sort: [{ field: 'qty', direction: 'desc' }],
      })
      .catch((e: unknown) => e);
    expect((error as RecordsError).errors).toEqual([{ path: 'cursor', message: expect.any(String) }]);
  });
});
