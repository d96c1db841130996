import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addRecord,
  addUsers,
  createFlowTestEnv,
  type FlowTestEnv,
  instanceRow,
} from '../../runner/__tests__/runner-test-kit';
import { exportBpmn } from '../bpmn.export';
import { importBpmn } from '../bpmn.import';

/**
 * Diagrams in the styles of the modelers users bring (written for these tests, see fixtures/):
 * each imports, runs on the flow engine from start to end on a record — the gateway choosing the
 * branch the diagram's condition says — and round-trips through the export with its ids, names
 * and layout.
 */
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const HOUR = 3_600_000;

interface Case {
  readonly file: string;
  readonly process?: string;
  readonly key: string;
  /** A warning the import must give (what it read differently or left out). */
  readonly warning: string;
  /** Record values → the task nodes a run visits. */
  readonly runs: readonly { readonly values: Record<string, unknown>; readonly visits: readonly string[] }[];
}

const CASES: readonly Case[] = [
  {
    file: 'camunda-modeler.bpmn',
    key: 'purchase_request',
    warning: `the JUEL condition $` + '{amount > 10000} was translated to JSON-Logic',
    runs: [
      { values: { amount: 20_000 }, visits: ['Activity_0review', 'Activity_1board'] },
      { values: { amount: 500 }, visits: ['Activity_0review'] },
    ],
  },
  {
    file: 'camunda8-zeebe.bpmn',
    key: 'purchase_approval',
    warning: 'the FEEL condition = amount > 10000 and region = "north" was translated',
    runs: [
      { values: { amount: 20_000, region: 'north' }, visits: ['Activity_check', 'Activity_director'] },
      { values: { amount: 20_000, region: 'south' }, visits: ['Activity_check'] },
    ],
  },
  {
    file: 'bpmn-io.bpmn',
    key: 'process_1',
    warning: "Task 'Legal review' (Activity_1legal) has no task type: imported as a user task",
    runs: [{ values: { amount: 1 }, visits: ['Activity_0prep', 'Activity_1fin', 'Activity_1legal'] }],
  },
  {
    file: 'signavio.bpmn',
    key: 'procurement',
    warning: "the lane 'Manager' matches no role, department, user or user field of the app",
    runs: [
      { values: { amount: 6_000 }, visits: ['sid-TASK-ENTER-0001', 'sid-TASK-MGR-0001'] },
      { values: { amount: 100 }, visits: ['sid-TASK-ENTER-0001'] },
    ],
  },
  {
    file: 'visio.bpmn',
    process: 'Sales',
    key: 'sales',
    warning: 'the XML parser: unsupported document encoding <ISO-8859-1>, falling back to UTF-8',
    runs: [
      { values: { amount: 5_000 }, visits: ['t_credit', 't_signoff'] },
      { values: { amount: 10 }, visits: ['t_credit'] },
    ],
  },
];

let env: FlowTestEnv;
let sam: string;

beforeAll(async () => {
  env = await createFlowTestEnv();
  ({ sam } = (await addUsers(env.db, { sam: {} })) as { sam: string });
});
afterAll(() => env.close());

/** Approves every open task (the initiator holds them) and fires due timers until the instance ends. */
async function runToEnd(instanceId: string): Promise<string[]> {
  const visited: string[] = [];
  for (let round = 0; round < 20; round++) {
    const open = await sql<{ id: string; node_id: string }>`
      select id, node_id from tessera.flow_tasks where instance_id = ${instanceId} and status = 'open'
      order by node_id`.execute(env.db);
    if (open.rows.length > 0) {
      for (const task of open.rows) {
        visited.push(task.node_id);
        await env.runner.act(task.id, sam, { action: 'approve' });
      }
      continue;
    }
    if ((await instanceRow(env.db, instanceId)).status !== 'running') break;
    env.clock.advance(2 * HOUR);
    await env.runner.fireDueTimers();
  }
  return visited.sort();
}

describe.each(CASES)('a diagram from $file', (c) => {
  let xml: string;
  beforeAll(async () => {
    xml = await readFile(join(FIXTURES, c.file), 'utf8');
  });

  it('imports (warnings, no refusal), runs to its end on each branch, and round-trips', async () => {
    const imported = await importBpmn(xml, { form: 'purchase', process: c.process });
    if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
    expect(imported.definition.key).toBe(c.key);
    expect(imported.warnings.map((w) => w.message).join('\n')).toContain(c.warning);
    // the diagram's layout is read: every node where the modeler drew it
    expect(imported.definition.nodes.every((n) => n.position)).toBe(true);

    await env.publish('modelers', imported.definition);
    for (const run of c.runs) {
      const record = await addRecord(env.db, 'purchase', run.values);
      const { instanceId } = await env.runner.start({
        appKey: 'modelers',
        flowKey: c.key,
        recordId: record,
        initiatorId: sam,
      });
      expect(await runToEnd(instanceId)).toEqual([...run.visits].sort());
      expect(await instanceRow(env.db, instanceId)).toMatchObject({ status: 'completed' });
    }

    const exported = await exportBpmn(imported.definition);
    for (const node of imported.definition.nodes)
      expect(exported).toContain(`id="${node.bpmnId ?? node.id}"`);
    const again = await importBpmn(exported);
    expect(again).toMatchObject({ ok: true, definition: imported.definition });
    if (again.ok) expect(again.definition).toEqual(imported.definition);
  });
});
