import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveAssignees } from '../assignee.resolver';
import {
  addRecord,
  addUsers,
  createFlowTestEnv,
  type FlowTestEnv,
  openTasks,
  taskId,
} from './runner-test-kit';

let env: FlowTestEnv;
let u: Record<string, string>;

beforeAll(async () => {
  env = await createFlowTestEnv();
  u = await addUsers(env.db, {
    ceo: {},
    vp: {},
    lead: {},
    sam: {},
    sue: {},
    fin: { roles: ['finance'] },
    root: { admin: true },
  });
  const dept = async (code: string, manager: string, parent: string | null) =>
    (
      await sql<{ id: string }>`insert into tessera.departments (code, name, manager_id, parent_id)
        values (${code}, ${code}, ${u[manager]}, ${parent}) returning id`.execute(env.db)
    ).rows[0]!.id;
  const company = await dept('company', 'ceo', null);
  const sales = await dept('sales', 'vp', company);
  const east = await dept('sales_east', 'lead', sales);
  for (const [user, department] of [
    ['sam', east],
    ['sue', east],
    ['lead', east],
    ['vp', sales],
  ] as const) {
    await sql`insert into tessera.user_org (user_id, department_id) values (${u[user]}, ${department})`.execute(
      env.db,
    );
  }
});
afterAll(() => env.close());

describe('assignee resolution', () => {
  it.each([
    { name: 'a user by name', assignee: { kind: 'user', user: 'fin' }, expected: ['fin'] },
    { name: 'a role', assignee: { kind: 'role', role: 'finance' }, expected: ['fin'] },
    {
      name: 'a department’s members',
      assignee: { kind: 'department', department: 'sales_east' },
      expected: ['lead', 'sam', 'sue'],
    },
    {
      name: 'a department’s manager',
      assignee: { kind: 'department', department: 'sales', managerOnly: true },
      expected: ['vp'],
    },
    { name: 'the initiator’s manager', assignee: { kind: 'manager' }, expected: ['lead'] },
    { name: 'two levels up', assignee: { kind: 'manager', level: 2 }, expected: ['vp'] },
    { name: 'three levels up', assignee: { kind: 'manager', level: 3 }, expected: ['ceo'] },
    { name: 'the manager of a user field', assignee: { kind: 'manager', of: 'owner' }, expected: ['lead'] },
    {
      name: 'a record field (the customer’s owner)',
      assignee: { kind: 'field', field: 'customer.owner' },
      expected: ['sue'],
    },
    { name: 'the initiator', assignee: { kind: 'initiator' }, expected: ['sam'] },
    { name: 'nobody: an unknown role', assignee: { kind: 'role', role: 'nobody' }, expected: [] },
  ])('$name', async ({ assignee, expected }) => {
    const ids = await resolveAssignees(env.db, [assignee as never], {
      initiatorId: u.sam!,
      record: { owner: 'sue', customer: { owner: u.sue } },
    });
    const names = Object.entries(u)
      .filter(([, id]) => ids.includes(id))
      .map(([name]) => name)
      .sort();
    expect(names).toEqual(expected);
  });

  it('a manager up the chain is never the person themself', async () => {
    const ids = await resolveAssignees(env.db, [{ kind: 'manager' }], { initiatorId: u.lead!, record: {} });
    expect(ids).toEqual([u.vp]);
  });
});

describe('assignees in a running flow', () => {
  it('the manager approves, finance is copied (抄送) and reminded when overdue; nobody resolving falls back to the admin', async () => {
    await env.publish('erp', {
      key: 'expense',
      title: { en: 'Expense claim' },
      form: 'expense',
      nodes: [
        { id: 'start', type: 'start' },
        {
          id: 'manager',
          type: 'approval',
          assignees: [{ kind: 'manager' }],
          cc: [{ kind: 'role', role: 'finance' }],
        },
        {
          id: 'audit',
          type: 'approval',
          assignees: [{ kind: 'role', role: 'auditor' }],
          due: { after: 'P1D', action: 'remind' },
        },
        { id: 'end', type: 'end', outcome: 'approved' },
      ],
      edges: [
        { from: 'start', to: 'manager' },
        { from: 'manager', to: 'audit' },
        { from: 'audit', to: 'end' },
      ],
    });
    const claim = await addRecord(env.db, 'expense', { amount: 80 });
    const { instanceId } = await env.runner.start({
      appKey: 'erp',
      flowKey: 'expense',
      recordId: claim,
      initiatorId: u.sam!,
    });
    expect(await openTasks(env.db, instanceId)).toEqual(['manager:lead']);
    await env.runner.act(await taskId(env.db, instanceId, 'manager', u.lead!), u.lead!, {
      action: 'approve',
    });
    const cc = await sql<{
      user_id: string;
    }>`select user_id from tessera.flow_cc where instance_id = ${instanceId}`.execute(env.db);
    expect(cc.rows).toEqual([{ user_id: u.fin }]);
    expect(await openTasks(env.db, instanceId)).toEqual(['audit:root']);
    env.clock.advance(86_400_000);
    expect(await env.runner.fireDueTimers()).toBe(1);
    const notes = await sql<{ title: string }>`
      select title from tessera.notifications where user_id = ${u.root} order by id`.execute(env.db);
    expect(notes.rows.map((n) => n.title)).toEqual([
      'Approval needed: Expense claim',
      'Overdue: Expense claim',
    ]);
    const copied = await sql<{ title: string }>`
      select title from tessera.notifications where user_id = ${u.fin} order by id`.execute(env.db);
    expect(copied.rows.map((n) => n.title)).toEqual(['For your information: Expense claim']);
  });
});
