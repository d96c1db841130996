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
  openTasks,
  taskId,
} from '../../runner/__tests__/runner-test-kit';
import { exportBpmn } from '../bpmn.export';
import { importBpmn } from '../bpmn.import';
import type { BpmnDirectory } from '../bpmn-assignees.reader';

/**
 * A diagram as Camunda Modeler writes it with people in it (fixtures/camunda-lanes.bpmn): a pool
 * with lanes, `camunda:assignee` naming the start's initiator variable, candidate users and
 * groups, a parallel race between a decision and a deadline, both ending in terminate end events.
 * The names map onto the app's people, the flow runs to the right people, whichever path ends
 * first ends the instance, and the export gives the same flow back.
 */
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const HOUR = 3_600_000;

const directory: BpmnDirectory = {
  users: [
    { username: 'sam' },
    { username: 'bea' },
    { username: 'fay' },
    { username: 'lena', displayName: 'Lena Li' },
  ],
  roles: [
    { key: 'board', title: { en: 'Board', 'zh-CN': '董事会' } },
    { key: 'purchasing', title: { en: 'Purchasing' } },
  ],
  departments: [{ code: 'FIN', name: 'Finance' }],
};

let env: FlowTestEnv;
let users: Record<string, string>;
let xml: string;

beforeAll(async () => {
  env = await createFlowTestEnv();
  users = await addUsers(env.db, { sam: {}, bea: { roles: ['board'] }, fay: {}, lena: {} });
  const dept = await sql<{ id: string }>`
    insert into tessera.departments (code, name) values ('FIN', 'Finance') returning id`.execute(env.db);
  await sql`insert into tessera.user_org (user_id, department_id) values (${users.fay}, ${dept.rows[0]!.id})`.execute(
    env.db,
  );
  xml = await readFile(join(FIXTURES, 'camunda-lanes.bpmn'), 'utf8');
});
afterAll(() => env.close());

describe('a Camunda diagram with lanes, assignees and terminate end events', () => {
  it('maps assignees, candidates and lanes onto the app, saying what did not map', async () => {
    const imported = await importBpmn(xml, { form: 'capex', directory });
    if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
    const node = (id: string) =>
      imported.definition.nodes.find((n) => n.id === id) as Record<string, unknown>;
    expect(imported.definition.key).toBe('capital_expense');
    // the start's camunda:initiator variable is the initiator
    expect(node('Activity_enter').assignees).toEqual([{ kind: 'initiator' }]);
    // no assignment of its own: the lane "Finance" is the department of that name
    expect(node('Activity_finance').assignees).toEqual([{ kind: 'department', department: 'FIN' }]);
    // candidate users and groups, the group by its role title
    expect(node('Activity_board').assignees).toEqual([
      { kind: 'user', user: 'lena' },
      { kind: 'role', role: 'board' },
    ]);
    expect(node('Event_decided')).toMatchObject({ type: 'end', terminate: true });
    expect(node('Event_expired')).toMatchObject({ type: 'end', terminate: true });
    expect(imported.warnings).toContainEqual({
      element: 'Activity_board',
      message:
        "UserTask 'Board decision' (Activity_board): 'auditors' (candidate group) matches no role, department, user or user field of the app: left out",
    });
  });

  it('without the people of the app, nothing maps and every task goes to the initiator, said per task', async () => {
    const imported = await importBpmn(xml, { form: 'capex' });
    if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
    const messages = imported.warnings.map((w) => w.message);
    expect(messages).toContain(
      "UserTask 'Finance check' (Activity_finance): the lane 'Finance' matches no role, department, user or user field of the app; it goes to the initiator until its assignees are set in the designer",
    );
    expect(messages.join('\n')).toContain("'lena' (candidate user), 'Board' (candidate group), 'auditors'");
  });

  it.each([
    { path: 'the decision', decided: true },
    { path: 'the deadline', decided: false },
  ])(
    'runs to the right people; $path ends the whole instance, cancelling the other path',
    async ({ decided }) => {
      const imported = await importBpmn(xml, { form: 'capex', directory });
      if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
      await env.publish('capex_app', imported.definition);
      const record = await addRecord(env.db, 'capex', { amount: 90_000 });
      const { instanceId } = await env.runner.start({
        appKey: 'capex_app',
        flowKey: 'capital_expense',
        recordId: record,
        initiatorId: users.sam!,
      });
      expect(await openTasks(env.db, instanceId)).toEqual(['Activity_enter:sam']);
      await env.runner.act(await taskId(env.db, instanceId, 'Activity_enter', users.sam!), users.sam!, {
        action: 'approve',
      });
      expect(await openTasks(env.db, instanceId)).toEqual(['Activity_finance:fay']);
      await env.runner.act(await taskId(env.db, instanceId, 'Activity_finance', users.fay!), users.fay!, {
        action: 'approve',
      });
      expect(await openTasks(env.db, instanceId)).toEqual(['Activity_board:bea', 'Activity_board:lena']);

      if (decided)
        await env.runner.act(await taskId(env.db, instanceId, 'Activity_board', users.bea!), users.bea!, {
          action: 'approve',
        });
      else {
        env.clock.advance(73 * HOUR);
        await env.runner.fireDueTimers();
      }
      expect(await instanceRow(env.db, instanceId)).toMatchObject({ status: 'completed' });
      expect(await openTasks(env.db, instanceId)).toEqual([]);
      const left = await sql<{ status: string; n: number }>`
      select status, count(*)::int as n from tessera.flow_tasks
      where instance_id = ${instanceId} and node_id = 'Activity_board' group by status order by status`.execute(
        env.db,
      );
      expect(left.rows).toEqual(
        decided
          ? [
              { status: 'approved', n: 1 },
              { status: 'cancelled', n: 1 },
            ]
          : [{ status: 'cancelled', n: 2 }],
      );
      const timers = await sql<{ status: string }>`
      select status from tessera.flow_timers where instance_id = ${instanceId}`.execute(env.db);
      expect(timers.rows.every((t) => t.status !== 'scheduled')).toBe(true);
    },
  );

  it('round-trips: the export writes terminate ends and Camunda assignments, and reads back the same flow', async () => {
    const imported = await importBpmn(xml, { form: 'capex', directory });
    if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
    const exported = await exportBpmn(imported.definition);
    expect(exported).toContain('<bpmn:terminateEventDefinition');
    expect(exported).toContain('camunda:candidateUsers="lena" camunda:candidateGroups="board"');
    expect(exported).toContain('camunda:assignee="$' + '{initiator}"');
    for (const again of [await importBpmn(exported), await importBpmn(exported, { directory })]) {
      if (!again.ok) throw new Error(JSON.stringify(again.errors));
      expect(again.definition).toEqual(imported.definition);
    }
    // a group changed in the modeler wins over the kept assignees
    const edited = await importBpmn(
      exported.replace('camunda:candidateGroups="board"', 'camunda:candidateGroups="Purchasing"'),
      { directory },
    );
    if (!edited.ok) throw new Error(JSON.stringify(edited.errors));
    expect(edited.definition.nodes.find((n) => n.id === 'Activity_board')).toMatchObject({
      assignees: [
        { kind: 'user', user: 'lena' },
        { kind: 'role', role: 'purchasing' },
      ],
    });
  });

  it('reads the Zeebe form (zeebe:assignmentDefinition) of Camunda 8', async () => {
    const zeebe = await readFile(join(FIXTURES, 'camunda8-zeebe.bpmn'), 'utf8');
    const imported = await importBpmn(zeebe, {
      form: 'purchase',
      directory: { roles: [{ key: 'director', title: { en: 'Directors' } }] },
    });
    if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
    const assignees = Object.fromEntries(
      imported.definition.nodes.flatMap((n) => ('assignees' in n ? [[n.id, n.assignees]] : [])),
    );
    expect(assignees).toEqual({
      Activity_check: [{ kind: 'initiator' }],
      Activity_director: [{ kind: 'role', role: 'director' }],
    });
  });
});
