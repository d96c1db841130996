import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formTableModel } from '@tessera/forms';
import { createRuleService } from '@tessera/rules';
import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyPack,
  exportPack,
  formatPackErrors,
  formatPackPlan,
  loadPackFolder,
  type PackPlan,
  planPack,
  validatePackFolder,
} from '../index.js';

const PACK_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../../examples/customer-erp');
const APP = 'customer_erp';

let source: TestDatabase;
let elsewhere: TestDatabase;
const temps: string[] = [];
const tempDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tessera-pack-export-'));
  temps.push(dir);
  return dir;
};

beforeAll(async () => {
  source = await createTestDatabase();
  elsewhere = await createTestDatabase();
});
afterAll(async () => {
  await source?.close();
  await elsewhere?.close();
  for (const dir of temps) await rm(dir, { recursive: true, force: true });
});

async function plan(db: TestDatabase['db'], dir: string): Promise<PackPlan> {
  const result = await planPack(db, await loadPackFolder(dir));
  if (!result.ok) throw new Error(formatPackErrors(result.errors));
  return result.plan;
}

/** Every file of a folder: relative path → bytes as text. */
async function readTree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const abs = join(entry.parentPath, entry.name);
    out[abs.slice(dir.length + 1)] = await readFile(abs, 'utf8');
  }
  return out;
}

describe('the shipped Customer ERP pack', () => {
  it('validates', async () => {
    const result = await validatePackFolder(PACK_DIR);
    expect(result.ok ? [] : formatPackErrors(result.errors)).toEqual([]);
  });

  it('names every case group of its reports in English and Chinese', async () => {
    const validation = await validatePackFolder(PACK_DIR);
    if (!validation.ok) throw new Error(formatPackErrors(validation.errors));
    const unlabelled: string[] = [];
    let groups = 0;
    for (const { value: report } of validation.pack.reports) {
      for (const dim of report.query.dimensions ?? []) {
        for (const c of dim.cases ?? []) {
          groups++;
          if (!c.label?.en || !c.label['zh-CN']) unlabelled.push(`${report.key}/${dim.key}: ${c.value}`);
        }
        if (dim.else !== undefined && (!dim.elseLabel?.en || !dim.elseLabel['zh-CN']))
          unlabelled.push(`${report.key}/${dim.key}: ${dim.else}`);
      }
    }
    expect(groups).toBeGreaterThan(0);
    expect(unlabelled).toEqual([]);
  });

  it('plans every form as new on an empty database, link targets first', async () => {
    const p = await plan(source.db, PACK_DIR);
    expect(p.app).toBe(APP);
    expect(p.refusals).toEqual([]);
    expect(p.forms.every((f) => f.kind === 'new')).toBe(true);
    const order = p.forms.map((f) => f.key);
    expect(order.length).toBeGreaterThanOrEqual(17);
    for (const [before, after] of [
      ['customer', 'sales_order'],
      ['product', 'quote'],
      ['sales_order', 'shipment'],
      ['shipment', 'outbound_slip'],
      ['invoice', 'receivable'],
      ['receivable', 'write_off'],
      ['payment', 'write_off'],
    ] as const) {
      expect(order.indexOf(before), `${before} before ${after}`).toBeLessThan(order.indexOf(after));
    }
    expect(p.roles.map((r) => r.kind)).toEqual(p.roles.map(() => 'added'));
    expect(p.documents.map((d) => `${d.kind}:${d.status}`)).toEqual(
      expect.arrayContaining(['flow:new', 'rule:new', 'report:new', 'dashboard:new']),
    );
    expect(p.documents.every((d) => d.status === 'new')).toBe(true);
    expect(formatPackPlan(p)).toContain('+ customer (new)');
  });

  it('applies to an empty database: every form has its table with every column', async () => {
    const loaded = await loadPackFolder(PACK_DIR);
    const p = await plan(source.db, PACK_DIR);
    const result = await applyPack(source.db, loaded, p);
    expect(result.applied).toBe(true);
    expect(result.forms.map((f) => f.key)).toEqual(p.forms.map((f) => f.key));

    const columns = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns where table_schema = ${`app_${APP}`}`.execute(
      source.db,
    );
    const actual = new Map<string, Set<string>>();
    for (const row of columns.rows) {
      if (!actual.has(row.table_name)) actual.set(row.table_name, new Set());
      actual.get(row.table_name)!.add(row.column_name);
    }
    const validation = await validatePackFolder(PACK_DIR);
    if (!validation.ok) throw new Error('invalid');
    for (const { value: form } of validation.pack.forms) {
      const model = formTableModel(APP, form);
      for (const table of [model, ...model.children]) {
        expect([...(actual.get(table.name) ?? [])].sort(), table.name).toEqual(
          table.columns.map((c) => c.name).sort(),
        );
      }
    }
    expect(actual.get('customer')).toContain('payment_terms_days');
    expect(actual.get('customer__contacts')).toContain('contact_role');
    expect(actual.get('sales_order__items')).toContain('amount');

    const installed = await sql<{ name: string; version: string }>`
      select name, version from tessera.installed_packs where app_key = ${APP}`.execute(source.db);
    expect(installed.rows).toEqual([{ name: 'customer-erp', version: '0.1.0' }]);
    // Flows and rules are published by their engines, reports and the dashboard saved, in the same transaction.
    const engines = await sql<{ what: string; n: number }>`
      select 'flows' as what, count(*) as n from tessera.flow_definitions where app_key = ${APP} and published_version = 1
      union all select 'rules', count(*) from tessera.rules where app_key = ${APP} and published_version = 1
      union all select 'reports', count(*) from tessera.reports r join tessera.apps a on a.id = r.app_id where a.key = ${APP}
      union all select 'dashboards', count(*) from tessera.dashboards d join tessera.apps a on a.id = d.app_id where a.key = ${APP}
      order by what`.execute(source.db);
    expect(engines.rows.map((r) => [r.what, Number(r.n)])).toEqual([
      ['dashboards', validation.pack.dashboards.length],
      ['flows', validation.pack.flows.length],
      ['reports', validation.pack.reports.length],
      ['rules', validation.pack.rules.length],
    ]);
    expect(result.documents).toHaveLength(p.documents.length);
    const roles = await sql<{ key: string }>`select key from tessera.roles order by key`.execute(source.db);
    expect(roles.rows.map((r) => r.key)).toEqual(
      expect.arrayContaining(['finance_manager', 'management', 'risk_control', 'sales', 'sales_director']),
    );
  });

  it('re-applying the same pack is a no-op plan and changes nothing', async () => {
    const p = await plan(source.db, PACK_DIR);
    expect(p.noop).toBe(true);
    expect(p.forms.every((f) => f.kind === 'unchanged')).toBe(true);
    expect(p.roles.every((r) => r.kind === 'unchanged')).toBe(true);
    expect(p.documents.every((d) => d.status === 'unchanged')).toBe(true);
    const result = await applyPack(source.db, await loadPackFolder(PACK_DIR), p);
    expect(result.applied).toBe(false);
    const count = await sql<{ n: number }>`select count(*) as n from tessera.installed_packs`.execute(
      source.db,
    );
    expect(Number(count.rows[0]?.n)).toBe(1);
  });

  it('exports, applies elsewhere and exports again byte-identical', async () => {
    const first = await tempDir();
    const files = await exportPack(source.db, APP, first);
    expect(files.map((f) => f.path)).toEqual(
      expect.arrayContaining(['pack.json', 'roles.json', 'forms/customer.json']),
    );
    const exported = await validatePackFolder(first);
    expect(exported.ok ? [] : formatPackErrors(exported.errors)).toEqual([]);

    const p = await plan(elsewhere.db, first);
    expect(p.forms.every((f) => f.kind === 'new')).toBe(true);
    await applyPack(elsewhere.db, await loadPackFolder(first), p);
    const second = await tempDir();
    await exportPack(elsewhere.db, APP, second);

    const a = await readTree(first);
    const b = await readTree(second);
    expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
    for (const path of Object.keys(a)) expect(b[path], path).toBe(a[path]);
    expect(a['pack.json']?.endsWith('}\n')).toBe(true);
    // The exported pack is what is installed there: planning it again is a no-op.
    expect((await plan(elsewhere.db, second)).noop).toBe(true);
  });

  it('a rule published in the designer after the plan makes the plan stale', async () => {
    const stale = await plan(elsewhere.db, PACK_DIR);
    const rules = createRuleService({
      db: elsewhere.db,
      actor: { id: null },
      clock: { now: () => new Date() },
    });
    const rule = await rules.get(APP, 'dormant_customer');
    const draft = await rules.saveDraft(APP, {
      ...rule.definition,
      title: { en: 'Dormant (edited)', 'zh-CN': '沉睡客户' },
    });
    if (!draft.ok) throw new Error(JSON.stringify(draft.errors));
    await rules.publish(APP, 'dormant_customer', draft.version);
    await expect(applyPack(elsewhere.db, await loadPackFolder(PACK_DIR), stale)).rejects.toMatchObject({
      code: 'PACK_PLAN_STALE',
    });
  });
});
