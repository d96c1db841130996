import { createRecordService } from '@tessera/forms';
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
  rowsOf,
} from '../__fixtures__/rules-test-kit';
import { runRuleTick } from '../jobs/rule-tick.job';
import { findPublishedRule } from '../model/rule.repository';
import { triggersOfType } from '../model/rule-triggers';
import type { RulesDeps } from '../rules-context';
import { sweepIndexName } from '../triggers/date-relative.sweep';
import { dateRelativeQuery } from '../triggers/date-relative.trigger';
import { candidateStatement } from '../triggers/record-candidates.query';

/**
 * Issue 14.2: date rules on computed dates — "the contract ends in 30 days" on a formula, "no
 * visit for 90 days" on a rollup, "the account renews in a week" on a lookup — fire once per
 * occurrence, and the sweep stays an index scan (on the stored column; for a lookup, on the
 * linked form's column through the link).
 */
const en = (text: string) => ({ en: text, 'zh-CN': text });
const account: FormDefinition = {
  key: 'account',
  title: en('Account'),
  fields: [
    { id: 'a1', key: 'name', type: 'text', label: en('Name'), required: true },
    { id: 'a2', key: 'contract_start', type: 'date', label: en('Contract start') },
    {
      id: 'a3',
      key: 'contract_end',
      type: 'formula',
      label: en('Contract end'),
      resultType: 'date',
      expression: { date_add: [{ var: 'contract_start' }, 1, 'year'] },
    },
    {
      id: 'a4',
      key: 'last_visit',
      type: 'rollup',
      label: en('Last visit'),
      source: { form: 'visit', link: 'account' },
      aggregate: 'max',
      field: 'visited_on',
      resultType: 'date',
    },
    { id: 'a5', key: 'renews_on', type: 'date', label: en('Renews on') },
  ],
};
const visit: FormDefinition = {
  key: 'visit',
  title: en('Visit'),
  fields: [
    { id: 'v1', key: 'account', type: 'link', label: en('Account'), form: 'account' },
    { id: 'v2', key: 'visited_on', type: 'date', label: en('Visited on') },
  ],
};
const ticket: FormDefinition = {
  key: 'ticket',
  title: en('Ticket'),
  fields: [
    { id: 't1', key: 'subject', type: 'text', label: en('Subject'), required: true },
    { id: 't2', key: 'account', type: 'link', label: en('Account'), form: 'account' },
    { id: 't3', key: 'renewal', type: 'lookup', label: en('Renewal'), link: 'account', field: 'renews_on' },
    {
      id: 't4',
      key: 'account_end',
      type: 'lookup',
      label: en('Account end'),
      link: 'account',
      field: 'contract_end',
    },
  ],
};

const notify = (body: string) => [
  { type: 'notify', channels: ['in_app'], to: [{ kind: 'role', role: 'sales' }], body: { en: body } },
];
const RULES = [
  { key: 'contract_ends', form: 'account', field: 'contract_end', direction: 'before', amount: 30 },
  { key: 'no_visit', form: 'account', field: 'last_visit', direction: 'after', amount: 90 },
  { key: 'renewal_week', form: 'ticket', field: 'renewal', direction: 'before', amount: 7 },
  { key: 'after_end', form: 'ticket', field: 'account_end', direction: 'after', amount: 1 },
] as const;

let t: TestDatabase;
let deps: RulesDeps;
// 10:00 in Shanghai on 2026-06-01.
const clock = movableClock('2026-06-01T02:00:00Z');
const ids: Record<string, string> = {};

async function firedFor(ruleKey: string): Promise<string[]> {
  const rows = await rowsOf<{ record_id: string; occurrence: string }>(
    t.db,
    sql`select f.record_id, f.occurrence from tessera.rule_firings f join tessera.rules r on r.id = f.rule_id
      where r.key = ${ruleKey} order by f.record_id, f.occurrence`,
  );
  const names = Object.fromEntries(Object.entries(ids).map(([k, v]) => [v, k]));
  return rows.map((r) => `${names[r.record_id]}@${r.occurrence}`).sort();
}

beforeAll(async () => {
  t = await createTestDatabase();
  deps = { db: t.db, clock, timeZone: 'Asia/Shanghai' };
  await publishForms(t.db, [account, visit, ticket]);
  for (const r of RULES)
    await publishRule(deps, {
      key: r.key,
      title: en(r.key),
      form: r.form,
      trigger: {
        type: 'date_relative',
        field: r.field,
        direction: r.direction,
        amount: r.amount,
        unit: 'days',
      },
      actions: notify(r.key),
    });
  // Contract ends 2026-06-20 (within 30 days) / 2027-01-10 (not); last visits 2026-02-01 (121 days ago) / 2026-05-20.
  ids.ending = await insertRecord(deps, account, {
    name: 'Ending',
    contract_start: '2025-06-20',
    renews_on: '2026-06-05',
  });
  ids.later = await insertRecord(deps, account, {
    name: 'Later',
    contract_start: '2026-01-10',
    renews_on: '2026-09-01',
  });
  await insertRecord(deps, visit, { account: ids.ending, visited_on: '2026-01-15' });
  await insertRecord(deps, visit, { account: ids.ending, visited_on: '2026-02-01' });
  await insertRecord(deps, visit, { account: ids.later, visited_on: '2026-05-20' });
  ids.t1 = await insertRecord(deps, ticket, { subject: 'Renewal soon', account: ids.ending });
  ids.t2 = await insertRecord(deps, ticket, { subject: 'Renewal later', account: ids.later });
  ids.t3 = await insertRecord(deps, ticket, { subject: 'No account' });
});
afterAll(async () => {
  await t?.close();
});

describe('date rules on formula, rollup and lookup dates', () => {
  it('each fires once per occurrence, on the computed date', async () => {
    await runRuleTick(deps);
    expect(await firedFor('contract_ends')).toEqual(['ending@date:2026-06-20']);
    expect(await firedFor('no_visit')).toEqual(['ending@date:2026-02-01']);
    expect(await firedFor('renewal_week')).toEqual(['t1@date:2026-06-05']);
    expect(await firedFor('after_end')).toEqual([]);
    await runRuleTick(deps);
    expect(await firedFor('no_visit')).toEqual(['ending@date:2026-02-01']);
  });

  it('a computed date that moves is a new occurrence: a new visit, then 90 quiet days', async () => {
    await insertRecord(deps, visit, { account: ids.ending, visited_on: '2026-05-30' });
    // 2026-05-30 + 90 days = 2026-08-28: due that day (Later's 2026-05-20 since the 18th).
    clock.set('2026-08-27T02:00:00Z');
    await runRuleTick(deps);
    expect(await firedFor('no_visit')).toEqual(['ending@date:2026-02-01', 'later@date:2026-05-20']);
    clock.set('2026-08-28T02:00:00Z');
    await runRuleTick(deps);
    expect(await firedFor('no_visit')).toEqual([
      'ending@date:2026-02-01',
      'ending@date:2026-05-30',
      'later@date:2026-05-20',
    ]);
    // The lookup of a formula: a day after the contract of "Ending" ended (2026-06-20).
    expect(await firedFor('after_end')).toEqual(['t1@date:2026-06-20']);
    // Later renews on 2026-09-01: a week before, its ticket's lookup fired.
    expect(await firedFor('renewal_week')).toEqual(['t1@date:2026-06-05', 't2@date:2026-09-01']);
  });

  it('a changed linked record moves a lookup date: the ticket renews again', async () => {
    const records = createRecordService({ db: t.db, actor: { id: null }, clock, timeZone: 'Asia/Shanghai' });
    const later = await records.get(APP, 'account', ids.later!);
    await records.update(APP, 'account', ids.later!, Number(later.version), { renews_on: '2026-09-03' });
    await runRuleTick(deps);
    expect(await firedFor('renewal_week')).toEqual([
      't1@date:2026-06-05',
      't2@date:2026-09-01',
      't2@date:2026-09-03',
    ]);
  });

  it.each(RULES)('$key: publishing indexed the swept column and the sweep uses that index', async (r) => {
    const table = r.form === 'ticket' ? 'account' : r.form;
    const column = r.form === 'ticket' ? (r.field === 'renewal' ? 'renews_on' : 'contract_end') : r.field;
    const name = sweepIndexName(table, column);
    const idx = await rowsOf<{ indexdef: string }>(
      t.db,
      sql`select indexdef from pg_indexes where schemaname = 'app_crm' and indexname = ${name}`,
    );
    expect(idx[0]?.indexdef).toContain(`(${column}) WHERE (deleted_at IS NULL)`);
    const rule = await findPublishedRule(t.db, APP, r.key);
    const [trigger] = triggersOfType(rule!.definition, 'date_relative');
    const query = await dateRelativeQuery(deps, rule!, trigger!, clock.now(), {
      excludeFired: true,
      limit: 500,
    });
    const { statement } = await candidateStatement(query!);
    // Few rows here: forbid sequential scans to see which index the plan can answer from.
    const plan = await t.db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      return (await sql<{ 'QUERY PLAN': string }>`explain ${statement}`.execute(trx)).rows;
    });
    expect(plan.map((line) => line['QUERY PLAN']).join('\n')).toMatch(
      new RegExp(`Index.* (using|on) ${name}\\b`),
    );
  });
});
