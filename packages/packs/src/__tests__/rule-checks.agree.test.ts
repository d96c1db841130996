import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRuleService } from '@tessera/rules';
import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPack, loadPackFolder, planPack, validatePackFolder } from '../index.js';

/**
 * Issue 14.2: `pack validate` and the rules engine run ONE rule check, so a rule the pack check
 * passes is one apply publishes, and one it refuses the engine refuses with the same path and
 * words. The fixture pack gains computed dates (a formula, a rollup, lookups) that date rules may
 * now use; each case is validated as a pack file and saved through the engine on the applied app.
 */
const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), 'fixtures/valid-pack');
const APP = 'mini_crm';
let t: TestDatabase;
let dir: string;

async function editJson(file: string, change: (doc: any) => void): Promise<void> {
  const doc = JSON.parse(await readFile(join(dir, file), 'utf8'));
  change(doc);
  await writeFile(join(dir, file), JSON.stringify(doc, null, 2));
}

const label = (text: string) => ({ en: text, 'zh-CN': text });
const dateRule = (key: string, form: string, field: string, extra: object = {}) => ({
  key,
  title: label(key),
  form,
  trigger: { type: 'date_relative', field, direction: 'before', amount: 3, unit: 'days' },
  actions: [
    {
      type: 'notify',
      channels: ['in_app'],
      to: [{ kind: 'field', field: 'customer.owner' }],
      body: label('x'),
    },
  ],
  ...extra,
});

/** For forms with an owner of their own. */
const ownerNotice = {
  actions: [
    { type: 'notify', channels: ['in_app'], to: [{ kind: 'field', field: 'owner' }], body: label('x') },
  ],
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tessera-agree-'));
  await cp(FIXTURE, dir, { recursive: true });
  await editJson('forms/receivable.json', (d) => {
    d.fields.push(
      {
        id: 'rc_remind_on',
        key: 'remind_on',
        type: 'formula',
        label: label('Remind on'),
        resultType: 'date',
        expression: { date_add: [{ var: 'due_date' }, -3, 'day'] },
      },
      {
        id: 'rc_order_delivery',
        key: 'order_delivery',
        type: 'lookup',
        label: label('Delivery'),
        link: 'order',
        field: 'delivery_date',
      },
      {
        id: 'rc_tier',
        key: 'tier',
        type: 'lookup',
        label: label('Tier'),
        link: 'order',
        field: 'customer_tier',
      },
    );
  });
  await editJson('forms/customer.json', (d) => {
    d.fields.push({
      id: 'cu_last_order',
      key: 'last_order',
      type: 'rollup',
      label: label('Last order'),
      source: { form: 'sales_order', link: 'customer' },
      aggregate: 'max',
      field: 'order_date',
      resultType: 'date',
    });
  });
  await writeFile(
    join(dir, 'rules/remind_before_due.json'),
    JSON.stringify(dateRule('remind_before_due', 'receivable', 'remind_on')),
  );
  t = await createTestDatabase();
}, 60_000);
afterAll(async () => {
  await t?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('one rule check for pack validate and the rules engine', () => {
  it('a pack whose date rules use a formula date validates, and applies', async () => {
    const validated = await validatePackFolder(dir);
    expect(validated.ok ? [] : validated.errors).toEqual([]);
    const loaded = await loadPackFolder(dir);
    const planned = await planPack(t.db, loaded);
    if (!planned.ok) throw new Error(JSON.stringify(planned.errors));
    await applyPack(t.db, loaded, planned.plan);
  });

  it.each([
    { name: 'a formula date', rule: dateRule('r1', 'receivable', 'remind_on') },
    { name: 'a lookup of a date', rule: dateRule('r2', 'receivable', 'order_delivery') },
    { name: 'a rollup date', rule: dateRule('r3', 'customer', 'last_order', ownerNotice) },
    { name: 'a text field', rule: dateRule('r4', 'customer', 'name', ownerNotice) },
    { name: 'a lookup of a lookup', rule: dateRule('r5', 'receivable', 'tier') },
    { name: 'a number formula', rule: dateRule('r6', 'sales_order', 'discount') },
    { name: 'an unknown field', rule: dateRule('r7', 'receivable', 'due') },
    {
      name: 'an unknown operator in the condition',
      rule: dateRule('r8', 'receivable', 'due_date', { condition: { method: ['x'] } }),
    },
    {
      name: 'an update of a field the target lacks',
      rule: dateRule('r9', 'receivable', 'due_date', {
        actions: [{ type: 'update_record', set: { stauts: 'paid' } }],
      }),
    },
  ])('$name: the pack check and the engine agree', async ({ rule }) => {
    const file = `rules/${rule.key}.json`;
    await writeFile(join(dir, file), JSON.stringify(rule));
    const validated = await validatePackFolder(dir);
    await rm(join(dir, file));
    const packErrors = validated.ok
      ? []
      : validated.errors.filter((e) => e.file === file).map(({ path, message }) => ({ path, message }));
    const saved = await createRuleService({
      db: t.db,
      actor: { id: null },
      clock: { now: () => new Date() },
    }).saveDraft(APP, rule);
    expect(saved.ok ? [] : saved.errors).toEqual(packErrors);
    if (rule.key <= 'r3') expect(packErrors).toEqual([]);
    else expect(packErrors).not.toEqual([]);
  });
});
