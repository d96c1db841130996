import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { verify } from '@node-rs/argon2';
import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_USERS, type InstallDemoResult, installDemo } from '../index.js';

const PACK_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../../examples/customer-erp');
const clock = { now: () => new Date('2026-11-27T02:00:00Z') };
let t: TestDatabase;
let first: InstallDemoResult;

beforeAll(async () => {
  t = await createTestDatabase();
  first = await installDemo(t.db, { dir: PACK_DIR, clock });
});
afterAll(async () => {
  await t?.close();
});

describe('installDemo on an empty database', () => {
  it('applies the pack and creates one user per role with the documented demo password', async () => {
    expect(first.apply.applied).toBe(true);
    expect(first.usersCreated).toEqual(DEMO_USERS.map((u) => u.username));
    const members = await sql<{ username: string; role: string; department: string }>`
      select u.username, m.role, d.code as department from tessera.users u
      join tessera.role_members m on m.user_id = u.id
      join tessera.user_org o on o.user_id = u.id join tessera.departments d on d.id = o.department_id
      order by u.username`.execute(t.db);
    const expected = DEMO_USERS.flatMap((u) =>
      u.roles.map((role) => ({ username: u.username, role, department: u.department })),
    );
    expect(members.rows).toEqual(expect.arrayContaining(expected));
    // every demo user has an address, so alert e-mails have a recipient
    const emails = await sql<{ email: string | null }>`
      select email from tessera.users where username = any(${DEMO_USERS.map((u) => u.username)}::text[])`.execute(
      t.db,
    );
    expect(emails.rows.map((r) => r.email)).not.toContain(null);
    expect(emails.rows).toContainEqual({ email: 'finance1@demo.tessera.test' });
    expect(new Set(members.rows.map((r) => r.role))).toEqual(
      new Set([
        'sales',
        'sales_director',
        'warehouse',
        'purchasing',
        'finance',
        'finance_manager',
        'service',
        'risk_control',
        'management',
      ]),
    );
    const hash = await sql<{
      password_hash: string;
    }>`select password_hash from tessera.users where username = 'sales1'`.execute(t.db);
    expect(await verify(hash.rows[0]!.password_hash, DEMO_PASSWORD)).toBe(true);
    expect(DEMO_PASSWORD.length).toBeGreaterThanOrEqual(10);
    for (const u of DEMO_USERS) expect(DEMO_PASSWORD.toLowerCase()).not.toContain(u.username.toLowerCase());
    const sales = await sql<{ manager: string }>`
      select u.username as manager from tessera.departments d join tessera.users u on u.id = d.manager_id where d.code = 'sales'`.execute(
      t.db,
    );
    expect(sales.rows[0]?.manager).toBe('director1');
  });

  it('loads no rows itself: the Customer ERP ships no data/*.csv, its demo data is generated', () => {
    expect(first.data).toEqual({ kind: 'skipped', reason: 'the pack has no data/*.csv' });
    expect(first.generated).toBeUndefined();
    expect([...first.users.keys()]).toEqual(DEMO_USERS.map((u) => u.username));
  });

  it('is idempotent: a second call applies nothing, creates no user and loads no row twice', async () => {
    const again = await installDemo(t.db, { dir: PACK_DIR, clock });
    expect(again.apply.applied).toBe(false);
    expect(again.usersCreated).toEqual([]);
    expect(again.data).toMatchObject({ kind: 'skipped' });
    const n = await sql<{ n: number }>`select count(*) as n from app_customer_erp.customer`.execute(t.db);
    expect(Number(n.rows[0]?.n)).toBe(0);
  });
});
