import type { RoleDefinition } from '@tessera/schema';
import { describe, expect, it } from 'vitest';
import { formAccessOf, narrowTaskView, resolveAppAccess, type UserFacts } from '../index';

const user: UserFacts = { id: 'u1', departmentId: 'd1', departmentTree: ['d1', 'd2'], roles: ['a', 'b'] };
const role = (
  key: string,
  forms: RoleDefinition['forms'],
  extra: Partial<RoleDefinition> = {},
): RoleDefinition => ({
  key,
  title: { en: key },
  forms,
  ...extra,
});
const resolve = (roles: RoleDefinition[], isAdmin = false) =>
  resolveAppAccess({ app: 'erp', user, isAdmin, roles });

describe('resolveAppAccess: several roles, most permissive wins', () => {
  it('unites actions and ORs row scopes per action; any "all" means every row', () => {
    const access = resolve([
      role('a', { customer: { actions: ['read', 'update'], scope: { type: 'own', field: 'owner' } } }),
      role('b', { customer: { actions: ['read'], scope: { type: 'department_tree', field: 'owner' } } }),
    ]);
    const customer = formAccessOf(access, 'customer');
    expect(customer.actions).toEqual(['read', 'update']);
    expect(customer.rows.read).toEqual({
      kind: 'rules',
      rules: [
        { kind: 'owner', field: 'owner', userIds: ['u1'] },
        { kind: 'owner_department', field: 'owner', departmentIds: ['d1', 'd2'] },
      ],
    });
    // only role a grants update: its scope alone
    expect(customer.rows.update).toEqual({
      kind: 'rules',
      rules: [{ kind: 'owner', field: 'owner', userIds: ['u1'] }],
    });
    expect(customer.rows.delete).toEqual({ kind: 'rules', rules: [] });
    const widened = resolve([
      role('a', { customer: { actions: ['read'], scope: { type: 'own' } } }),
      role('b', { customer: { actions: ['read'] } }),
    ]);
    expect(formAccessOf(widened, 'customer').rows.read).toEqual({ kind: 'all' });
  });

  it('hides a field only when every reading role hides it; read-only only when no writing role may write it', () => {
    const access = resolve([
      role('a', {
        customer: {
          actions: ['read', 'update'],
          fields: { credit: 'hidden', terms: 'read_only', notes: 'hidden' },
        },
      }),
      role('b', { customer: { actions: ['read'], fields: { credit: 'hidden' } } }),
    ]);
    const customer = formAccessOf(access, 'customer');
    expect(customer.hidden).toEqual(['credit']);
    // notes: hidden by a, visible through b — but a is the only writer and may not write it
    expect(customer.readOnly).toEqual(['credit', 'notes', 'terms']);
  });

  it('department scope without a department matches nothing; system and role admins get everything', () => {
    const noDept = resolveAppAccess({
      app: 'erp',
      isAdmin: false,
      user: { ...user, departmentId: null, departmentTree: [] },
      roles: [role('a', { customer: { actions: ['read'], scope: { type: 'department' } } })],
    });
    expect(formAccessOf(noDept, 'customer').rows.read).toEqual({
      kind: 'rules',
      rules: [{ kind: 'owner_department', field: null, departmentIds: [] }],
    });
    expect(formAccessOf(resolve([], true), 'anything').actions).toContain('design');
    expect(formAccessOf(resolve([role('a', {}, { admin: true })]), 'x').rows.delete).toEqual({ kind: 'all' });
    expect(formAccessOf(resolve([]), 'customer').actions).toEqual([]);
  });

  it('collects flows, reports and dashboards over roles', () => {
    const access = resolve([
      role('a', {}, { flows: { f: ['start'] }, reports: ['r1'], dashboards: ['d'] }),
      role('b', {}, { flows: { f: ['monitor'] }, reports: ['r2', 'r1'] }),
    ]);
    expect(access.flows).toEqual({ f: ['monitor', 'start'] });
    expect(access.reports).toEqual(['r1', 'r2']);
    expect(access.dashboards).toEqual(['d']);
  });
});

describe('narrowTaskView', () => {
  it('a task record: hidden for the role is left out, read-only for the role is never edit', () => {
    const access = formAccessOf(
      resolve([
        role('a', {
          order: { actions: ['read', 'update'], fields: { discount: 'hidden', amount: 'read_only' } },
        }),
      ]),
      'order',
    );
    const view = {
      values: { id: '1', amount: 5, discount: 0.1, note: 'x' },
      access: { id: 'read', amount: 'edit', discount: 'edit', note: 'edit' } as Record<
        string,
        'read' | 'edit'
      >,
    };
    expect(narrowTaskView(view, access)).toEqual({
      values: { id: '1', amount: 5, note: 'x' },
      access: { id: 'read', amount: 'read', note: 'edit' },
    });
  });
});
