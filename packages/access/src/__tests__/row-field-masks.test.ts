import type { RoleDefinition } from '@tessera/schema';
import { describe, expect, it } from 'vitest';
import {
  checkReportQuery,
  type FormAccess,
  formAccessOf,
  fullAccess,
  maskFormDefinition,
  maskValues,
  narrowTaskView,
  resolveAppAccess,
  taskWriteRefusals,
  type UserFacts,
} from '../index';

const user: UserFacts = { id: 'u1', departmentId: null, departmentTree: [], roles: [] };
const label = (en: string) => ({ en });
const access = (roles: RoleDefinition['forms'][]) =>
  formAccessOf(
    resolveAppAccess({
      app: 'erp',
      user,
      isAdmin: false,
      roles: roles.map((forms, i) => ({ key: `r${i}`, title: label(`r${i}`), forms })),
    }),
    'order',
  );
const clerk = access([
  {
    order: {
      actions: ['read', 'update'],
      fields: { margin: 'hidden', 'items.unit_cost': 'hidden', 'items.unit_price': 'read_only' },
    },
  },
]);

describe('row fields of line items in roles (`items.unit_cost`)', () => {
  it('combine like top-level fields; a limit on the whole line-items field covers its rows', () => {
    const both = access([
      { order: { actions: ['read'], fields: { items: 'hidden' } } },
      { order: { actions: ['read'], fields: { 'items.unit_cost': 'hidden', 'items.qty': 'hidden' } } },
    ]);
    // items is visible through the second role; unit_cost and qty are hidden by both
    expect(both.hidden).toEqual(['items.qty', 'items.unit_cost']);
    const oneShows = access([
      { order: { actions: ['read'], fields: { 'items.unit_cost': 'hidden' } } },
      { order: { actions: ['read'] } },
    ]);
    expect(oneShows.hidden).toEqual([]);
    expect(clerk.readOnly).toEqual(['items.unit_cost', 'items.unit_price', 'margin']);
  });

  it('masks values, task views and refuses task writes of such line items', () => {
    const values = {
      margin: 3,
      items: [{ id: 'a', product: 'bolt', unit_cost: 1, unit_price: 2 }],
      note: 'x',
    };
    expect(maskValues(values, clerk)).toEqual({
      items: [{ id: 'a', product: 'bolt', unit_price: 2 }],
      note: 'x',
    });
    const view = narrowTaskView({ values, access: { items: 'edit', note: 'edit', margin: 'edit' } }, clerk);
    expect(view).toEqual({
      values: { items: [{ id: 'a', product: 'bolt', unit_price: 2 }], note: 'x' },
      access: { items: 'read', note: 'edit' },
    });
    expect(taskWriteRefusals({ note: 'y', items: [], margin: 1 }, clerk)).toEqual([
      { path: 'items', message: 'has row fields you may not write; edit the record itself' },
      { path: 'margin', message: 'is hidden from you and cannot be written' },
    ]);
  });

  it('report queries naming a hidden row field are refused, through an alias or a path', () => {
    const forms = {
      order: {
        fields: [
          {
            id: 'i',
            key: 'items',
            type: 'line_items',
            label: label('Items'),
            fields: [
              { id: 'c', key: 'unit_cost', type: 'number', label: label('Cost') },
              { id: 'p', key: 'product', type: 'text', label: label('Product') },
            ],
          },
        ],
      },
    } as never;
    const accessOf = (form: string): FormAccess => (form === 'order' ? clerk : fullAccess(form));
    const viaPath = { source: 'order', measures: [{ fn: 'sum', field: 'items.unit_cost' }] };
    expect(checkReportQuery(viaPath, forms, accessOf)).toEqual([
      { path: '/measures/0', message: 'field "items.unit_cost" of form "order" is hidden from you' },
    ]);
    const viaJoin = {
      source: 'order',
      joins: [{ path: 'items', as: 'li' }],
      dimensions: [{ field: 'li.product' }],
      filter: { '>': [{ var: 'li.unit_cost' }, 1] },
    };
    expect(checkReportQuery(viaJoin, forms, accessOf)).toEqual([
      { path: '/filter', message: 'field "items.unit_cost" of form "order" is hidden from you' },
    ]);
  });
});

describe('maskFormDefinition', () => {
  const definition = {
    key: 'order',
    title: label('Order'),
    fields: [
      { id: 'f1', key: 'customer', type: 'link', label: label('Customer'), form: 'customer' },
      { id: 'f2', key: 'margin', type: 'number', label: label('Secret margin') },
      {
        id: 'f3',
        key: 'risk',
        type: 'single_select',
        label: label('Risk'),
        options: [{ value: 'low', label: label('Low') }],
        visibleWhen: { '>': [{ var: 'margin' }, 0.2] },
      },
      {
        id: 'f4',
        key: 'items',
        type: 'line_items',
        label: label('Items'),
        fields: [
          { id: 'f4a', key: 'product', type: 'text', label: label('Product') },
          { id: 'f4b', key: 'unit_cost', type: 'number', label: label('Unit cost') },
          { id: 'f4c', key: 'unit_price', type: 'number', label: label('Unit price') },
        ],
      },
      {
        id: 'f5',
        key: 'total',
        type: 'formula',
        label: label('Total'),
        resultType: 'number',
        expression: { sum_of: [{ var: 'items' }, 'unit_cost'] },
      },
      {
        id: 'f6',
        key: 'customer_credit',
        type: 'lookup',
        label: label('Credit'),
        link: 'customer',
        field: 'credit',
      },
      {
        id: 'f7',
        key: 'customer_name',
        type: 'lookup',
        label: label('Name'),
        link: 'customer',
        field: 'name',
      },
    ],
    layout: {
      sections: [{ rows: [{ fields: [{ field: 'f2' }] }, { fields: [{ field: 'f1' }, { field: 'f6' }] }] }],
    },
    titleField: 'f2',
    searchFields: ['f2', 'f1'],
  };
  const customer: FormAccess = { ...fullAccess('customer'), hidden: ['credit'], readOnly: ['credit'] };
  const accessOf = (form: string) => (form === 'customer' ? customer : fullAccess(form));

  it('leaves out hidden fields, hidden row fields and every mention of them; marks read-only fields', () => {
    const masked = maskFormDefinition(definition, clerk, accessOf);
    const text = JSON.stringify(masked);
    for (const secret of ['margin', 'Secret margin', 'unit_cost', 'Unit cost', '"f2"', 'credit'])
      expect(text).not.toContain(secret);
    expect(masked.fields.map((f) => f.key)).toEqual(['customer', 'risk', 'items', 'total', 'customer_name']);
    const items = masked.fields.find((f) => f.key === 'items') as {
      fields: { key: string; readOnly?: boolean }[];
    };
    expect(items.fields).toEqual([
      expect.objectContaining({ key: 'product' }),
      expect.objectContaining({ key: 'unit_price', readOnly: true }),
    ]);
    expect(items.fields[0]).not.toHaveProperty('readOnly');
    expect(masked.fields.find((f) => f.key === 'risk')).toEqual(
      expect.objectContaining({ options: [{ value: 'low', label: label('Low') }] }),
    );
    expect(masked.layout).toEqual({ sections: [{ rows: [{ fields: [{ field: 'f1' }] }] }] });
    expect(masked).not.toHaveProperty('titleField');
    expect(masked.searchFields).toEqual(['f1']);
  });

  it('returns the definition itself when nothing is limited', () => {
    expect(maskFormDefinition(definition, fullAccess('order'), () => fullAccess('customer'))).toBe(
      definition,
    );
  });
});
