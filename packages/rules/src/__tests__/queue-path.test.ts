import type { RecordEvent } from '@tessera/forms';
import { enqueue, type JobWorker, startJobWorker } from '@tessera/store';
import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CRM_FORMS, receivableForm } from '../__fixtures__/crm-forms';
import { addUser, count, insertRecord, publishForms, publishRule } from '../__fixtures__/rules-test-kit';
import { ruleJobTasks } from '../jobs/rule-job-tasks';
import { TICK_TASK } from '../jobs/rule-tick.job';
import type { RulesDeps } from '../rules-context';
import { handleRecordEvent } from '../triggers/record-event.handler';

let t: TestDatabase;
let deps: RulesDeps;
const workers: JobWorker[] = [];

/** Waits for the workers (not for time to pass): polls until the condition holds. */
async function until(check: () => Promise<boolean>, timeoutMs = 45_000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) {
      const state = await sql`select (select count(*) from tessera.rule_firings) as firings,
        (select json_agg(json_build_object('s', status, 'e', last_error)) from tessera.rule_actions) as actions,
        (select json_agg(json_build_object('t', t.identifier, 'e', j.last_error, 'a', j.attempts)) from graphile_worker._private_jobs j
          join graphile_worker._private_tasks t on t.id = j.task_id) as jobs`.execute(t.db);
      throw new Error(`timed out waiting for the workers: ${JSON.stringify(state.rows)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  t = await createTestDatabase();
  // The queue path runs on the real clock: the records are due long before today.
  deps = { db: t.db, clock: { now: () => new Date() }, timeZone: 'UTC' };
  await publishForms(t.db, CRM_FORMS);
  await addUser(t.db, { username: 'fin', roles: ['finance'] });
  await publishRule(deps, {
    key: 'overdue',
    title: { en: 'Overdue' },
    form: 'receivable',
    trigger: { type: 'date_relative', field: 'due_date', direction: 'after', amount: 1, unit: 'days' },
    actions: [
      {
        type: 'notify',
        channels: ['in_app'],
        to: [{ kind: 'role', role: 'finance' }],
        body: { en: '{{ invoice_no }}' },
      },
    ],
  });
  await publishRule(deps, {
    key: 'created',
    title: { en: 'Created' },
    form: 'receivable',
    trigger: { type: 'record_created' },
    condition: { '==': [{ var: 'invoice_no' }, 'NEW'] },
    actions: [
      {
        type: 'create_todo',
        assignees: [{ kind: 'role', role: 'finance' }],
        title: { en: 'New {{ invoice_no }}' },
      },
    ],
  });
  for (let i = 0; i < 20; i++)
    await insertRecord(deps, receivableForm, { invoice_no: `Q-${i}`, due_date: '2026-01-01' });
  const tasks = {
    ...ruleJobTasks(deps),
    'record.event': async (payload: unknown) => {
      await handleRecordEvent(deps, payload as RecordEvent);
    },
  };
  // Two worker processes' worth of runners, three jobs at a time each, on both databases (on
  // PGlite this once interleaved statements inside @electric-sql/pglite-socket; the store's own
  // wire server keeps each connection's queries together).
  const [runners, concurrency] = [2, 3];
  for (let i = 0; i < runners; i++) {
    workers.push(
      await startJobWorker({ connectionString: t.connectionString, tasks, concurrency, pollInterval: 200 }),
    );
  }
});
afterAll(async () => {
  for (const w of workers) await w.stop();
  await t?.close();
});

describe('through the job queue', () => {
  it('two ticks queued at once on two workers fire each occurrence once; actions run once', async () => {
    await enqueue(t.db, TICK_TASK, {});
    await enqueue(t.db, TICK_TASK, {});
    await until(
      async () =>
        (await count(t.db, 'tessera.notifications', sql`kind = 'info'`)) >= 20 &&
        (await count(t.db, 'tessera.rule_actions', sql`status = 'pending'`)) === 0,
    );
    expect(await count(t.db, 'tessera.rule_firings')).toBe(20);
    expect(await count(t.db, 'tessera.rule_actions', sql`status = 'done'`)).toBe(20);
    expect(await count(t.db, 'tessera.notifications', sql`kind = 'info'`)).toBe(20);
  });

  it('a record.event job from a record write reaches the rule engine', async () => {
    await insertRecord(deps, receivableForm, { invoice_no: 'NEW' });
    await until(async () => (await count(t.db, 'tessera.notifications', sql`kind = 'todo'`)) === 1);
    const [todo] = (
      await sql<{ title: string }>`select title from tessera.notifications where kind = 'todo'`.execute(t.db)
    ).rows;
    expect(todo?.title).toBe('New NEW');
  });
});
