import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { everyFieldTypeForm, regionForm } from '../../__fixtures__/every-field-type.form';
import {
  columnsOf,
  constraintsOf,
  indexesOf,
  publishForm,
  testService,
} from '../../__fixtures__/forms-test-kit';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

describe('publishing a form with every field type', () => {
  it('creates the table, child table, constraints, indexes and foreign keys', async () => {
    const service = testService(t.db);
    await service.ensureApp('crm', { en: 'CRM' });
    await publishForm(service, 'crm', regionForm);
    await publishForm(service, 'crm', everyFieldTypeForm);

    expect(await columnsOf(t.db, 'app_crm', 'customer')).toEqual({
      id: 'uuid not null',
      created_at: 'timestamp with time zone not null',
      created_by: 'uuid',
      updated_at: 'timestamp with time zone not null',
      updated_by: 'uuid',
      version: 'integer not null',
      deleted_at: 'timestamp with time zone',
      name: 'character varying(100) not null',
      notes: 'text',
      profile: 'text',
      score: 'numeric(10,2)',
      employees: 'bigint',
      credit_limit: 'numeric(18,2)',
      credit_limit__currency: 'text',
      discount: 'numeric',
      active: 'boolean',
      since: 'date',
      last_contact: 'timestamp with time zone',
      tier: 'text',
      tags: 'text[]',
      owner: 'uuid',
      department: 'text',
      approver_role: 'text',
      region: 'uuid',
      code: 'text',
      score_band: 'text',
      order_count: 'bigint',
      email: 'text',
      phone: 'text',
      website: 'text',
      files: 'jsonb',
      extra: 'jsonb',
      satisfaction: 'smallint',
      nps: 'smallint',
    });
    expect(await columnsOf(t.db, 'app_crm', 'customer__contacts')).toEqual({
      id: 'uuid not null',
      parent_id: 'uuid not null',
      position: 'integer not null',
      contact_name: 'text not null',
      contact_role: 'text',
      phone: 'text',
    });

    const constraints = await constraintsOf(t.db, 'app_crm', 'customer');
    expect(constraints).toMatchObject({
      customer__tier__ck_options: expect.stringMatching(/'strategic'::text, 'key'::text, 'normal'::text/),
      customer__tags__ck_options: expect.stringContaining('<@'),
      customer__tags__ck_max_items: 'CHECK ((cardinality(tags) <= 3))',
      customer__score__ck_range: 'CHECK (((score >= (0)::numeric) AND (score <= (100)::numeric)))',
      customer__name__ck_length: 'CHECK ((char_length((name)::text) >= 2))',
      customer__satisfaction__ck_range: 'CHECK (((satisfaction >= 1) AND (satisfaction <= 5)))',
      customer__nps__ck_range: 'CHECK (((nps >= 1) AND (nps <= 10)))',
      customer__region__fk: 'FOREIGN KEY (region) REFERENCES app_crm.region(id) ON DELETE SET NULL',
    });
    expect(Object.keys(constraints)).toHaveLength(13); // 11 checks, the primary key and the link FK
    expect(await constraintsOf(t.db, 'app_crm', 'customer__contacts')).toMatchObject({
      customer__contacts__parent_id__fk:
        'FOREIGN KEY (parent_id) REFERENCES app_crm.customer(id) ON DELETE CASCADE',
    });

    const indexes = await indexesOf(t.db, 'app_crm', 'customer');
    expect(indexes['customer__email__uq']).toMatch(
      /CREATE UNIQUE INDEX .* \(email\) WHERE \(deleted_at IS NULL\)/,
    );
    expect(indexes['customer__code__uq']).toMatch(/CREATE UNIQUE INDEX .* \(code\)$/);
    expect(indexes['customer__region__idx']).toMatch(/\(region\)/);
    expect(indexes['customer__owner__idx']).toMatch(/\(owner\)/);

    // information_schema agrees (what BI tools read)
    const info = await sql<{ column_name: string; data_type: string }>`
      select column_name, data_type from information_schema.columns
      where table_schema = 'app_crm' and table_name = 'customer' and column_name in ('tags', 'files', 'since')
      order by column_name`.execute(t.db);
    expect(info.rows).toEqual([
      { column_name: 'files', data_type: 'jsonb' },
      { column_name: 'since', data_type: 'date' },
      { column_name: 'tags', data_type: 'ARRAY' },
    ]);
  });

  it('enforces options, ranges, links and cascades line items', async () => {
    const region = await sql<{
      id: string;
    }>`insert into app_crm.region (name) values ('East') returning id`.execute(t.db);
    const regionId = region.rows[0]!.id;
    const customer = await sql<{ id: string }>`
      insert into app_crm.customer (name, tier, tags, region, credit_limit) values ('Acme', 'key', '{vip}', ${regionId}, 12.5)
      returning id`.execute(t.db);
    const id = customer.rows[0]!.id;
    await sql`insert into app_crm.customer__contacts (parent_id, position, contact_name) values (${id}, 1, 'Li')`.execute(
      t.db,
    );
    const currency = await sql<{
      c: string;
    }>`select credit_limit__currency as c from app_crm.customer`.execute(t.db);
    expect(currency.rows[0]!.c).toBe('CNY');

    const refused = [
      sql`insert into app_crm.customer (name, tier) values ('Bad', 'gold')`,
      sql`insert into app_crm.customer (name, tags) values ('Bad', '{vip,other}')`,
      sql`insert into app_crm.customer (name, score) values ('Bad', 101)`,
      sql`insert into app_crm.customer (name, satisfaction) values ('Bad', 6)`,
      sql`insert into app_crm.customer (name, nps) values ('Bad', 0)`,
      sql`insert into app_crm.customer (name) values ('B')`,
      sql`insert into app_crm.customer (tier) values ('key')`,
      sql`insert into app_crm.customer (name, region) values ('Bad', gen_random_uuid())`,
    ];
    for (const statement of refused) await expect(statement.execute(t.db)).rejects.toThrow();

    await sql`delete from app_crm.region where id = ${regionId}`.execute(t.db);
    const after = await sql<{
      region: string | null;
    }>`select region from app_crm.customer where id = ${id}`.execute(t.db);
    expect(after.rows[0]!.region).toBeNull();
    await sql`delete from app_crm.customer where id = ${id}`.execute(t.db);
    const contacts = await sql`select 1 from app_crm.customer__contacts`.execute(t.db);
    expect(contacts.rows).toHaveLength(0);
  });

  it('records the published version and the column bookkeeping', async () => {
    const service = testService(t.db);
    const published = await service.getPublished('crm', 'customer');
    expect(published?.version).toBe(1);
    const versions = await service.listVersions('crm', 'customer');
    expect(versions.map((v) => v.status)).toEqual(['published']);
    const columns = await sql<{ n: number }>`select count(*) as n from tessera.form_columns fc
      join tessera.forms f on f.id = fc.form_id where f.key = 'customer'`.execute(t.db);
    expect(Number(columns.rows[0]!.n)).toBe(34 + 6);
  });
});
