import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPack, loadPackFolder, planPack, validatePack } from '../index.js';

/**
 * A pack whose flow is a BPMN diagram drawn by hand (fixtures/bpmn-pack/flows/purchase_request.bpmn:
 * a purchase request with a parallel gateway, lanes and a plain-text condition), as an outside
 * tester wrote it from docs/pack-format.md: it validates, its lanes name the pack's roles, roles
 * may grant starting it, and it applies as a published flow.
 */
const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), 'fixtures/bpmn-pack');

let t: TestDatabase;
const temps: string[] = [];
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.close();
  for (const dir of temps) await rm(dir, { recursive: true, force: true });
});

describe('a BPMN diagram as a flow of a pack (flows/<key>.bpmn)', () => {
  it('validates: the diagram is the flow, lanes map to the pack roles, the condition is translated', async () => {
    const checked = validatePack(await loadPackFolder(FIXTURE));
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    const [flow] = checked.pack.flows;
    expect(flow!.file).toBe('flows/purchase_request.bpmn');
    const def = flow!.value;
    expect(def).toMatchObject({ key: 'purchase_request', form: 'purchase_request' });
    const byId = Object.fromEntries(def.nodes.map((n) => [n.id, n as Record<string, unknown>]));
    expect(byId.fork!.type).toBe('parallel_gateway');
    expect(byId.join!.type).toBe('parallel_gateway');
    // "Purchasing" is the title of the role buyer, "Finance" of finance, "director" a key
    expect(byId.quote!.assignees).toEqual([{ kind: 'role', role: 'buyer' }]);
    expect(byId.budget!.assignees).toEqual([{ kind: 'role', role: 'finance' }]);
    expect(byId.approve!.assignees).toEqual([{ kind: 'role', role: 'director' }]);
    expect(def.edges.find((e) => e.id === 'to_approve')!.condition).toEqual({
      '>': [{ var: 'amount' }, 5000],
    });
  });

  it('applies: the flow is published like a JSON one', async () => {
    const loaded = await loadPackFolder(FIXTURE);
    const planned = await planPack(t.db, loaded);
    if (!planned.ok) throw new Error(JSON.stringify(planned.errors));
    await applyPack(t.db, loaded, planned.plan);
    const r = await sql<{ published_version: number }>`
      select published_version from tessera.flow_definitions where app_key = 'purchasing' and key = 'purchase_request'`.execute(
      t.db,
    );
    expect(r.rows).toEqual([{ published_version: 1 }]);
  });

  it('a diagram that does not import is refused with every problem, at its BPMN ids', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tessera-bpmn-pack-'));
    temps.push(dir);
    await cp(FIXTURE, dir, { recursive: true });
    // a second form: the diagram no longer says which one it runs on; and a script task
    await writeFile(
      join(dir, 'forms/supplier.json'),
      JSON.stringify({
        key: 'supplier',
        title: { en: 'Supplier' },
        fields: [{ id: 'f_name', key: 'name', type: 'text', label: { en: 'Name' } }],
      }),
    );
    const xml = (await readFile(join(dir, 'flows/purchase_request.bpmn'), 'utf8')).replace(
      '<endEvent id="done" name="Done" />',
      '<scriptTask id="calc" name="Compute" /><endEvent id="done" name="Done" />',
    );
    await writeFile(join(dir, 'flows/purchase_request.bpmn'), xml);
    const checked = validatePack(await loadPackFolder(dir));
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    const bpmn = checked.errors.filter((e) => e.file === 'flows/purchase_request.bpmn');
    expect(bpmn.map((e) => e.path).sort()).toEqual(['', 'calc']);
    expect(bpmn.find((e) => e.path === '')!.message).toContain(
      'put {"form": "<form key>"} in a <tessera:config>',
    );
    expect(bpmn.find((e) => e.path === 'calc')!.message).toContain("ScriptTask 'Compute' (calc)");
  });
});
