import type { FormDefinition } from '@tessera/schema';
import { openPool } from '@tessera/store';
import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, countRows, publishForms, recordEvents, records } from '../__fixtures__/records-test-kit';

const label = (en: string) => ({ en });
const noteV1: FormDefinition = {
  key: 'note',
  title: label('Note'),
  fields: [
    { id: 'n1', key: 'title', type: 'text', label: label('Title'), required: true, maxLength: 50 },
    { id: 'n2', key: 'no', type: 'auto_number', label: label('No'), pattern: 'N-{seq:4}' },
    { id: 'n3', key: 'qty', type: 'integer', label: label('Qty') },
  ],
};
const noteV2: FormDefinition = {
  ...noteV1,
  fields: [...noteV1.fields, { id: 'n4', key: 'remark', type: 'text', label: label('Remark') }],
};

// "Process" A: one connection, so every statement it prepares is on the connection it reuses.
let t: TestDatabase;
// "Process" B: a handle of its own (its own runtime cache and connections), publishing meanwhile.
let other: Kysely<any>;
let userId: string;
beforeAll(async () => {
  t = await createTestDatabase({ poolSize: 1 });
  other = openPool(t.connectionString, { poolSize: 1 }).db;
  await publishForms(t.db, 'memo', [noteV1]);
  userId = await addUser(t.db, 'wu');
}, 120_000);
afterAll(async () => {
  await other?.destroy();
  await t?.close();
});

describe('record statements compiled once and prepared', () => {
  it('create, get and list run as prepared statements, and keep working after another process publishes', async () => {
    const svc = records(t.db, userId);
    const first = await svc.create('memo', 'note', { title: 'one', qty: 1 });
    const second = await svc.create('memo', 'note', { title: 'two', qty: 2 });
    expect([first.no, second.no]).toEqual(['N-0001', 'N-0002']);
    expect(await svc.get('memo', 'note', first.id)).toMatchObject({ title: 'one', qty: 1, no: 'N-0001' });
    const listed = await svc.list('memo', 'note', { sort: [{ field: 'no', direction: 'asc' }] });
    expect(listed.items.map((r) => r.title)).toEqual(['one', 'two']);
    const preparedTexts = await sql<{ statement: string }>`
      select statement from pg_prepared_statements where statement like '/* app %'`.execute(t.db);
    expect(preparedTexts.rows.some((r) => r.statement.includes('insert into "app_memo"."note"'))).toBe(true);

    // B publishes a new column: A's cached runtime and its prepared statements are now outdated
    await publishForms(other, 'memo', [noteV2]);

    const third = await svc.create('memo', 'note', { title: 'three', qty: 3 });
    expect(third).toMatchObject({ title: 'three', no: 'N-0003', remark: null });
    const withRemark = await svc.create('memo', 'note', { title: 'four', remark: 'new field' });
    expect(withRemark).toMatchObject({ no: 'N-0004', remark: 'new field' });
    expect(await svc.get('memo', 'note', first.id)).toMatchObject({ title: 'one', remark: null });
    const after = await svc.list('memo', 'note', { sort: [{ field: 'no', direction: 'asc' }] });
    expect(after.items.map((r) => [r.no, r.remark])).toEqual([
      ['N-0001', null],
      ['N-0002', null],
      ['N-0003', null],
      ['N-0004', 'new field'],
    ]);
    // every create happened once: one row, one history row and one event each
    expect(await countRows(t.db, 'app_memo.note')).toBe(4);
    const history = await sql<{ n: number }>`select count(*)::int as n from tessera.record_history
      where operation = 'created' and record_id in (select id from app_memo.note)`.execute(t.db);
    expect(history.rows[0]!.n).toBe(4);
    expect((await recordEvents(t.db)).filter((e) => e.form === 'note')).toHaveLength(4);
  });

  it('a stale update is still refused with STALE_VERSION', async () => {
    const svc = records(t.db, userId);
    const note = await svc.create('memo', 'note', { title: 'five' });
    await svc.update('memo', 'note', note.id, 1, { title: 'five, changed' });
    await expect(svc.update('memo', 'note', note.id, 1, { title: 'late' })).rejects.toMatchObject({
      code: 'STALE_VERSION',
    });
  });
});
