import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CRM_FORMS, customerForm } from '../__fixtures__/crm-forms';
import {
  APP,
  addUser,
  insertRecord,
  movableClock,
  publishForms,
  publishRule,
  rowsOf,
} from '../__fixtures__/rules-test-kit';
import { runRuleTick } from '../jobs/rule-tick.job';
import { createRuleService } from '../rule.service';
import type { RulesDeps } from '../rules-context';
import { cronInstants } from '../triggers/schedule.trigger';

let t: TestDatabase;
let deps: RulesDeps;
// 08:30 in Shanghai on Monday 2026-06-01.
const clock = movableClock('2026-06-01T00:30:00Z');

async function firings(ruleKey: string) {
  return rowsOf<{ record_id: string; occurrence: string }>(
    t.db,
    sql`select f.record_id, f.occurrence from tessera.rule_firings f join tessera.rules r on r.id = f.rule_id
      where r.key = ${ruleKey} order by f.occurrence, f.record_id`,
  );
}

beforeAll(async () => {
  t = await createTestDatabase();
  deps = { db: t.db, clock, timeZone: 'UTC' };
  await publishForms(t.db, CRM_FORMS);
  await addUser(t.db, { username: 'boss', roles: ['sales_director'] });
});
afterAll(async () => {
  await t?.close();
});

describe('cron schedule', () => {
  it('computes instants in the rule time zone', () => {
    const cases = [
      {
        cron: '0 9 * * *',
        tz: 'Asia/Shanghai',
        from: '2026-06-01T00:30:00Z',
        to: '2026-06-03T00:00:00Z',
        want: ['2026-06-01T01:00:00.000Z', '2026-06-02T01:00:00.000Z'],
      },
      {
        cron: '0 9 * * 1-5',
        tz: 'UTC',
        from: '2026-06-05T12:00:00Z',
        to: '2026-06-09T00:00:00Z',
        want: ['2026-06-08T09:00:00.000Z'],
      },
      {
        cron: '*/30 * * * *',
        tz: 'UTC',
        from: '2026-06-01T00:00:00Z',
        to: '2026-06-01T01:00:00Z',
        want: ['2026-06-01T00:30:00.000Z', '2026-06-01T01:00:00.000Z'],
      },
    ];
    for (const c of cases) {
      expect(
        cronInstants(c.cron, c.tz, new Date(c.from), new Date(c.to), 10).map((d) => d.toISOString()),
        c.cron,
      ).toEqual(c.want);
    }
  });

  it('a schedule without a form fires once per instant; a late tick catches up each missed instant once', async () => {
    await publishRule(deps, {
      key: 'daily_digest',
      title: { en: 'Digest' },
      trigger: { type: 'schedule', cron: '0 9 * * *', timezone: 'Asia/Shanghai' },
      actions: [
        {
          type: 'notify',
          channels: ['in_app'],
          to: [{ kind: 'role', role: 'sales_director' }],
          body: { en: 'Good morning' },
        },
      ],
    });
    await runRuleTick(deps);
    expect(await firings('daily_digest')).toEqual([]);
    clock.set('2026-06-01T01:00:00Z'); // 09:00 Shanghai
    await runRuleTick(deps);
    await runRuleTick(deps);
    expect((await firings('daily_digest')).map((f) => f.occurrence)).toEqual([
      'cron:2026-06-01T01:00:00.000Z',
    ]);
    clock.set('2026-06-04T05:00:00Z'); // down for three days
    await runRuleTick(deps);
    expect((await firings('daily_digest')).map((f) => f.occurrence)).toEqual([
      'cron:2026-06-01T01:00:00.000Z',
      'cron:2026-06-02T01:00:00.000Z',
      'cron:2026-06-03T01:00:00.000Z',
      'cron:2026-06-04T01:00:00.000Z',
    ]);
    t = await t.restart();
    deps = { ...deps, db: t.db };
    await runRuleTick(deps);
    expect(await firings('daily_digest')).toHaveLength(4);
  });

  it('a schedule with a form fires per record whose condition holds', async () => {
    const general = await insertRecord(deps, customerForm, { name: 'Gen', credit_level: 'general' });
    await insertRecord(deps, customerForm, { name: 'Good', credit_level: 'good' });
    await publishRule(deps, {
      key: 'weekly_review',
      title: { en: 'Review' },
      form: 'customer',
      trigger: { type: 'schedule', cron: '0 10 * * 1', timezone: 'Asia/Shanghai' },
      condition: { '==': [{ var: 'credit_level' }, 'general'] },
      actions: [
        {
          type: 'notify',
          channels: ['in_app'],
          to: [{ kind: 'role', role: 'sales_director' }],
          body: { en: 'Review {{ name }}' },
        },
      ],
    });
    clock.set('2026-06-08T02:00:00Z'); // Monday 10:00 Shanghai
    await Promise.all([runRuleTick(deps), runRuleTick(deps)]);
    expect(await firings('weekly_review')).toEqual([
      { record_id: general, occurrence: 'cron:2026-06-08T02:00:00.000Z' },
    ]);
  });

  it('a disabled schedule does not owe the instants it missed while off', async () => {
    const service = createRuleService({ db: t.db, actor: { id: null }, clock });
    await service.disable(APP, 'daily_digest');
    clock.set('2026-06-10T05:00:00Z');
    await runRuleTick(deps);
    await service.enable(APP, 'daily_digest');
    clock.set('2026-06-11T05:00:00Z');
    await runRuleTick(deps);
    // The tick of the previous test (06-08) caught up to 06-08; 06-09 and 06-10 fell while off.
    expect((await firings('daily_digest')).map((f) => f.occurrence).slice(-2)).toEqual([
      'cron:2026-06-08T01:00:00.000Z',
      'cron:2026-06-11T01:00:00.000Z',
    ]);
  });

  it('refuses invalid cron expressions and time zones with paths', async () => {
    const service = createRuleService({ db: t.db, actor: { id: null }, clock });
    const result = await service.saveDraft(APP, {
      key: 'bad',
      title: { en: 'Bad' },
      trigger: { type: 'schedule', cron: '99 * * * *', timezone: 'Mars/Olympus' },
      actions: [{ type: 'start_flow', flow: 'x' }],
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((e) => e.path)).toEqual(['/trigger/timezone', '/trigger/cron']);
  });
});
