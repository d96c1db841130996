import type { FormDefinition } from '@tessera/schema';
import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexesOf, publishForm, testService } from '../../__fixtures__/forms-test-kit';
import type { FormService } from '../../form.service';
import { loadRuntime } from '../../records/form-runtime.repository';
import { type ListQuery, planList } from '../../records/record-list.query';

const label = (en: string) => ({ en });
const ticket: FormDefinition = {
  key: 'ticket',
  title: label('Ticket'),
  fields: [
    { id: 't1', key: 'title', type: 'text', label: label('Title'), maxLength: 200 },
    {
      id: 't2',
      key: 'status',
      type: 'single_select',
      label: label('Status'),
      options: ['open', 'held', 'done'].map((value) => ({ value, label: label(value) })),
    },
    { id: 't3', key: 'amount', type: 'number', label: label('Amount'), precision: 12, scale: 2 },
    { id: 't4', key: 'due', type: 'date', label: label('Due'), indexed: true },
  ],
  indexes: [{ fields: ['status', '-amount'] }],
};
const ROWS = 20_000;

let t: TestDatabase;
let service: FormService;
beforeAll(async () => {
  t = await createTestDatabase();
  service = testService(t.db);
  await service.ensureApp('desk');
  await publishForm(service, 'desk', ticket);
  await sql`insert into app_desk.ticket (title, status, amount, due, created_at, created_by)
    select 'T' || g, (array['open','held','done'])[1 + g % 3], g % 997, date '2026-01-01' + (g % 365),
           timestamptz '2026-01-01' + g * interval '1 minute',
           case when g % 100 = 0 then '00000000-0000-4000-8000-000000000001'::uuid end
    from generate_series(1, ${ROWS}) g`.execute(t.db);
  await sql`analyze app_desk.ticket`.execute(t.db);
});
afterAll(async () => {
  await t?.close();
});

/** The plan Postgres chooses for the page query the records engine compiles for `query`. */
async function explainList(query: ListQuery): Promise<string> {
  const runtime = await loadRuntime(t.db, 'desk', 'ticket');
  const compiled = planList(runtime, query, { now: new Date(), timeZone: 'UTC' }).select.compile(t.db);
  const result = await t.db.executeQuery<{ 'QUERY PLAN': string }>(
    CompiledQuery.raw(`explain ${compiled.sql}`, [...compiled.parameters]),
  );
  return result.rows.map((r) => r['QUERY PLAN']).join('\n');
}

async function republish(form: FormDefinition) {
  const draft = await service.saveDraft('desk', form);
  if (!draft.ok) throw new Error(JSON.stringify(draft.errors));
  const result = await service.publish('desk', 'ticket', draft.version);
  if (!result.ok) throw new Error(JSON.stringify(result.plan.refusals));
  return result.plan;
}

describe('declared indexes on a published form', () => {
  it('exist in the catalogue: system columns, `indexed` fields and composite indexes', async () => {
    const indexes = await indexesOf(t.db, 'app_desk', 'ticket');
    expect(Object.keys(indexes).sort()).toEqual([
      'ticket__created_at__idx',
      'ticket__created_by__idx',
      'ticket__due__idx',
      'ticket__status__amount__idx',
      'ticket_pkey',
    ]);
    expect(indexes['ticket__status__amount__idx']).toMatch(/\(status, amount DESC\)$/);
  });

  it('serve the lists that filter and sort by them', async () => {
    const openByAmount = await explainList({
      filter: { '==': [{ var: 'status' }, 'open'] },
      sort: [{ field: 'amount', direction: 'desc' }],
    });
    expect(openByAmount).toContain('ticket__status__amount__idx');
    expect(openByAmount).not.toContain('Seq Scan');

    const dueOn = await explainList({ filter: { '==': [{ var: 'due' }, '2026-03-01'] } });
    expect(dueOn).toContain('ticket__due__idx');

    const own = await explainList({
      filter: { '==': [{ var: 'created_by' }, '00000000-0000-4000-8000-000000000001'] },
    });
    expect(own).toContain('ticket__created_by__idx');

    const newest = await explainList({ sort: [{ field: 'created_at', direction: 'desc' }] });
    expect(newest).toContain('ticket__created_at__idx');
  });

  it('are dropped when the form no longer declares them, and the list falls back to a scan', async () => {
    const { indexes: _, ...withoutComposite } = ticket;
    const plan = await republish({
      ...withoutComposite,
      fields: ticket.fields.map((f) => (f.id === 't4' ? { ...f, indexed: false } : f)),
    });
    expect(plan.actions.map((a) => a.description)).toEqual([
      'Drop index ticket__due__idx',
      'Drop index ticket__status__amount__idx',
    ]);
    const indexes = await indexesOf(t.db, 'app_desk', 'ticket');
    expect(indexes).not.toHaveProperty('ticket__due__idx');
    expect(indexes).not.toHaveProperty('ticket__status__amount__idx');
    expect(await explainList({ filter: { '==': [{ var: 'due' }, '2026-03-01'] } })).not.toContain(
      'ticket__due__idx',
    );
    const rows = await sql<{ n: number }>`select count(*)::int as n from app_desk.ticket`.execute(t.db);
    expect(rows.rows[0]?.n).toBe(ROWS);
  });

  it('creates the system indexes a table published by an older version lacks', async () => {
    await sql`drop index app_desk.ticket__created_by__idx`.execute(t.db);
    const plan = await republish({ ...ticket, title: label('Tickets'), indexes: [] });
    expect(plan.actions.map((a) => a.statements.join())).toEqual([
      'CREATE INDEX "ticket__created_by__idx" ON "app_desk"."ticket" ("created_by")',
      'CREATE INDEX "ticket__due__idx" ON "app_desk"."ticket" ("due")',
    ]);
    expect(await indexesOf(t.db, 'app_desk', 'ticket')).toHaveProperty('ticket__created_by__idx');
  });
});
