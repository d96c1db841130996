import type { FieldDefinition } from '@tessera/schema';
import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RowRule, type RowScope, rowCondition, type UserFacts } from '../index';

const fields = [
  { id: 'f1', key: 'owner', type: 'user', label: { en: 'Owner' } },
  { id: 'f2', key: 'helpers', type: 'user', multiple: true, label: { en: 'Helpers' } },
  { id: 'f3', key: 'tier', type: 'text', label: { en: 'Tier' } },
  { id: 'f4', key: 'name', type: 'text', label: { en: 'Name' } },
] as unknown as FieldDefinition[];
const U1 = '11111111-1111-4111-8111-111111111111';
const U2 = '22222222-2222-4222-8222-222222222222';
const D1 = 'dddddddd-dddd-4ddd-8ddd-dddddddddddd';
const user: UserFacts = { id: U1, departmentId: D1, departmentTree: [D1], roles: [] };

let database: TestDatabase;
let db: Kysely<any>;
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  await sql`create table public.t (id int primary key, owner uuid, helpers uuid[], tier text, name text, created_by uuid)`.execute(
    db,
  );
  await sql`insert into tessera.users (id, username, display_name, password_hash) values
    (${U1}, 'u1', 'u1', 'x'), (${U2}, 'u2', 'u2', 'x')`.execute(db);
  await sql`insert into tessera.departments (id, code, name) values (${D1}, 'd1', 'd1')`.execute(db);
  await sql`insert into tessera.user_org (user_id, department_id) values (${U2}, ${D1})`.execute(db);
  await sql`insert into public.t values
    (1, ${U1}, null, 'vip', 'a', ${U2}),
    (2, ${U2}, array[${U1}]::uuid[], 'normal', 'b', ${U1}),
    (3, null, null, 'vip', 'c', null)`.execute(db);
});
afterAll(() => database?.close());

async function ids(scope: RowScope): Promise<number[]> {
  const where = rowCondition(scope, { fields, alias: 't' }) ?? sql`true`;
  const r = await sql<{ id: number }>`select id from public.t t where ${where} order by id`.execute(db);
  return r.rows.map((x) => x.id);
}
const rules = (...r: RowRule[]): RowScope => ({ kind: 'rules', rules: r });

describe('rowCondition: a row scope as a SQL WHERE, run on the database', () => {
  it('owner: an owner field, a multiple user field, or the creator', async () => {
    expect(await ids(rules({ kind: 'owner', field: 'owner', userIds: [U1] }))).toEqual([1]);
    expect(await ids(rules({ kind: 'owner', field: 'helpers', userIds: [U1] }))).toEqual([2]);
    expect(await ids(rules({ kind: 'owner', field: null, userIds: [U1] }))).toEqual([2]);
  });

  it('department: owners who are members of the departments (bound ids, a semi-join)', async () => {
    expect(await ids(rules({ kind: 'owner_department', field: 'owner', departmentIds: [D1] }))).toEqual([2]);
    expect(await ids(rules({ kind: 'owner_department', field: 'owner', departmentIds: [] }))).toEqual([]);
  });

  it('filter: JSON-Logic with $user variables; ORed rules; all and none', async () => {
    const filter = {
      or: [{ '==': [{ var: 'tier' }, 'vip'] }, { '==': [{ var: 'owner' }, { var: '$user.id' }] }],
    };
    expect(await ids(rules({ kind: 'filter', filter, user }))).toEqual([1, 3]);
    expect(
      await ids(
        rules(
          { kind: 'owner', field: 'owner', userIds: [U2] },
          { kind: 'filter', filter: { '==': [{ var: 'name' }, 'c'] }, user },
        ),
      ),
    ).toEqual([2, 3]);
    expect(await ids({ kind: 'all' })).toEqual([1, 2, 3]);
    expect(await ids({ kind: 'rules', rules: [] })).toEqual([]);
  });

  it('fails closed: a non-user owner field, an unknown $user variable, an untranslatable filter', async () => {
    expect(await ids(rules({ kind: 'owner', field: 'tier', userIds: [U1] }))).toEqual([]);
    expect(
      await ids(rules({ kind: 'filter', filter: { '==': [{ var: 'tier' }, { var: '$user.nope' }] }, user })),
    ).toEqual([]);
    expect(
      await ids(rules({ kind: 'filter', filter: { '==': [{ var: 'missing_field' }, 1] }, user })),
    ).toEqual([]);
    const bound = rowCondition(rules({ kind: 'owner', field: 'owner', userIds: [U1] }), {
      fields,
      alias: 't',
    })!;
    const compiled = sql`select 1 where ${bound}`.compile(db);
    expect(compiled.sql).toContain('"t"."owner" = $1::uuid');
    expect(compiled.parameters).toEqual([U1]);
  });
});
