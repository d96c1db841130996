import { createRecordService, RECORD_EVENT_TASK } from '@tessera/forms';
import type { FormDefinition } from '@tessera/schema';
import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP,
  insertRecord,
  movableClock,
  publishForms,
  publishRule,
  queuedJobs,
  rowsOf,
} from '../__fixtures__/rules-test-kit';
import { runRuleTick } from '../jobs/rule-tick.job';
import { createRuleService } from '../rule.service';
import type { RulesDeps } from '../rules-context';
import { handleRecordEvent } from '../triggers/record-event.handler';

/**
 * Issue 14.3: a rule with several triggers (`triggers`), and `field_changed` with `onCreate` —
 * "a score below 50, set on create or later" is ONE rule, and it still fires exactly once per
 * occurrence: an event matching two of its triggers, a job run twice, a date two triggers watch.
 */
const en = (text: string) => ({ en: text, 'zh-CN': text });
const lead: FormDefinition = {
  key: 'lead',
  title: en('Lead'),
  fields: [
    { id: 'l1', key: 'name', type: 'text', label: en('Name'), required: true },
    { id: 'l2', key: 'score', type: 'integer', label: en('Score') },
    { id: 'l3', key: 'note', type: 'text', label: en('Note') },
    {
      id: 'l4',
      key: 'stage',
      type: 'single_select',
      label: en('Stage'),
      options: [
        { value: 'new', label: en('New') },
        { value: 'hot', label: en('Hot') },
      ],
    },
    { id: 'l5', key: 'follow_up_on', type: 'date', label: en('Follow up on') },
  ],
};
const notify = [
  { type: 'notify', channels: ['in_app'], to: [{ kind: 'role', role: 'sales' }], body: en('x') },
];

let t: TestDatabase;
let deps: RulesDeps;
// 10:00 in Shanghai on 2026-04-01.
const clock = movableClock('2026-04-01T02:00:00Z');
const names: Record<string, string> = {};

/** Hands every queued record event to the rules engine — each one twice, as a retried job would. */
async function deliverEvents(): Promise<void> {
  const jobs = await queuedJobs(t.db, RECORD_EVENT_TASK);
  await sql`delete from graphile_worker._private_jobs`.execute(t.db);
  for (const job of jobs) {
    await handleRecordEvent(deps, job.payload);
    await handleRecordEvent(deps, job.payload);
  }
}

async function fired(ruleKey: string): Promise<string[]> {
  const rows = await rowsOf<{ record_id: string | null; occurrence: string }>(
    t.db,
    sql`select f.record_id, f.occurrence from tessera.rule_firings f join tessera.rules r on r.id = f.rule_id
      where r.key = ${ruleKey} order by f.id`,
  );
  return rows.map((r) => `${r.record_id ? names[r.record_id] : '-'} ${r.occurrence.replace(/@.*#/, '@…#')}`);
}

async function create(name: string, values: Record<string, unknown>): Promise<string> {
  const id = await insertRecord(deps, lead, { name, ...values });
  names[id] = name;
  clock.advance(1000);
  return id;
}

async function update(id: string, values: Record<string, unknown>): Promise<void> {
  const records = createRecordService({ db: t.db, actor: { id: null }, clock, timeZone: 'Asia/Shanghai' });
  const current = await records.get(APP, 'lead', id);
  await records.update(APP, 'lead', id, Number(current.version), values);
  clock.advance(1000);
}

beforeAll(async () => {
  t = await createTestDatabase();
  deps = { db: t.db, clock, timeZone: 'Asia/Shanghai' };
  await publishForms(t.db, [lead]);
  await publishRule(deps, {
    key: 'low_score',
    title: en('Low score, on create or later'),
    form: 'lead',
    triggers: [
      { type: 'record_created' },
      { type: 'field_changed', field: 'score' },
      { type: 'record_updated' },
    ],
    condition: { '<': [{ var: 'score' }, 50] },
    actions: notify,
  });
  await publishRule(deps, {
    key: 'turned_hot',
    title: en('Created hot, or turned hot'),
    form: 'lead',
    trigger: { type: 'field_changed', field: 'stage', to: 'hot', onCreate: true },
    actions: notify,
  });
  await publishRule(deps, {
    key: 'follow_up_reminders',
    title: en('A week before and the day before the follow-up'),
    form: 'lead',
    triggers: [
      { type: 'date_relative', field: 'follow_up_on', direction: 'before', amount: 7, unit: 'days' },
      { type: 'date_relative', field: 'follow_up_on', direction: 'before', amount: 1, unit: 'days' },
    ],
    actions: notify,
  });
  await publishRule(deps, {
    key: 'twice_a_day',
    title: en('Morning and evening digest'),
    triggers: [
      { type: 'schedule', cron: '0 9 * * *', timezone: 'Asia/Shanghai' },
      { type: 'schedule', cron: '0 17 * * *', timezone: 'Asia/Shanghai' },
    ],
    actions: notify,
  });
});
afterAll(async () => {
  await t?.close();
});

describe('several triggers per rule, once per occurrence', () => {
  it('a low score set on create, or later, fires the one rule — once per event, also when two triggers match it', async () => {
    const low = await create('low', { score: 20 });
    const high = await create('high', { score: 80 });
    await deliverEvents();
    expect(await fired('low_score')).toEqual(['low created@…#name,score']);
    // One update matches both field_changed(score) and record_updated: one firing.
    await update(high, { score: 30 });
    await update(low, { note: 'called' }); // record_updated only, the score still low: fires
    await update(high, { note: 'called' });
    await deliverEvents();
    expect(await fired('low_score')).toEqual([
      'low created@…#name,score',
      'high updated@…#score',
      'low updated@…#note',
      'high updated@…#note',
    ]);
  });

  it('field_changed with onCreate: a record created with the value, or changed to it', async () => {
    const created = await create('created hot', { stage: 'hot' });
    const other = await create('created new', { stage: 'new' });
    await create('no stage', {});
    await update(other, { stage: 'hot' });
    await update(created, { note: 'x' });
    await deliverEvents();
    expect(await fired('turned_hot')).toEqual([
      'created hot created@…#name,stage',
      'created new updated@…#stage',
    ]);
  });

  it('two date triggers on one field: each reminder once, the first keeps the plain date key', async () => {
    await create('meeting', { follow_up_on: '2026-04-10' });
    await deliverEvents();
    await runRuleTick(deps); // 04-01: not yet (a week before is 04-03)
    expect(await fired('follow_up_reminders')).toEqual([]);
    clock.set('2026-04-03T02:00:00Z');
    await runRuleTick(deps);
    await runRuleTick(deps);
    expect(await fired('follow_up_reminders')).toEqual(['meeting date:2026-04-10']);
    clock.set('2026-04-09T02:00:00Z');
    await runRuleTick(deps);
    await runRuleTick(deps);
    expect(await fired('follow_up_reminders')).toEqual([
      'meeting date:2026-04-10',
      'meeting date[follow_up_on before 1 days]:2026-04-10',
    ]);
  });

  it('two schedules: the ticks (late ones too) fire the instants of both, in order, once each', async () => {
    clock.set('2026-04-10T10:00:00Z'); // 18:00 in Shanghai; the last tick was on 04-09
    await runRuleTick(deps);
    await runRuleTick(deps);
    // 09:00 and 17:00 in Shanghai (01:00Z, 09:00Z) from the publish on 04-01 10:00 to now.
    const expected = ['- cron:2026-04-01T09:00:00.000Z'];
    for (let day = 2; day <= 10; day++) {
      const date = `2026-04-${String(day).padStart(2, '0')}`;
      expected.push(`- cron:${date}T01:00:00.000Z`, `- cron:${date}T09:00:00.000Z`);
    }
    expect(await fired('twice_a_day')).toEqual(expected);
  });

  it.each([
    {
      name: 'both trigger and triggers',
      rule: { trigger: { type: 'record_created' }, triggers: [{ type: 'record_created' }] },
      errors: [
        { path: '', message: "needs exactly one of 'trigger' (one trigger) and 'triggers' (a list of them)" },
      ],
    },
    {
      name: 'neither',
      rule: {},
      errors: [
        { path: '', message: "needs exactly one of 'trigger' (one trigger) and 'triggers' (a list of them)" },
      ],
    },
    {
      name: 'a wrong field in the second trigger',
      rule: { triggers: [{ type: 'record_created' }, { type: 'field_changed', field: 'scroe' }] },
      errors: [
        {
          path: '/triggers/1/field',
          message: "unknown field 'scroe' in form 'lead' (did you mean 'score'?)",
        },
      ],
    },
  ])('refused: $name', async ({ rule, errors }) => {
    const service = createRuleService({ db: t.db, actor: { id: null }, clock });
    const saved = await service.saveDraft(APP, {
      key: 'bad',
      title: en('Bad'),
      form: 'lead',
      actions: notify,
      ...rule,
    });
    expect(saved.ok ? [] : saved.errors).toEqual(errors);
  });
});
