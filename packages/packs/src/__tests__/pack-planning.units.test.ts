import type { FormDefinition, RoleDefinition } from '@tessera/schema';
import { describe, expect, it } from 'vitest';
import { canonicalJson, csvRecordValues, diffRoles, orderForms, parseCsv, sameJson } from '../index.js';

const label = { en: 'x' };
const link = (key: string, form: string) => ({ id: `f_${key}`, key, type: 'link', form, label });
const form = (key: string, fields: object[]): FormDefinition =>
  ({ key, title: label, fields }) as FormDefinition;

describe('orderForms: link targets before the forms linking to them', () => {
  it.each([
    { name: 'independent forms alphabetically', forms: [form('b', []), form('a', [])], order: ['a', 'b'] },
    {
      name: 'a chain',
      forms: [
        form('receivable', [link('order', 'order')]),
        form('order', [link('customer', 'customer')]),
        form('customer', []),
      ],
      order: ['customer', 'order', 'receivable'],
    },
    {
      name: 'links inside line items count, self links and outside forms do not',
      forms: [
        form('order', [
          { id: 'i', key: 'items', type: 'line_items', label, fields: [link('product', 'product')] },
        ]),
        form('product', [link('parent', 'product'), link('vendor', 'elsewhere')]),
      ],
      order: ['product', 'order'],
    },
  ])('$name', ({ forms, order }) => {
    expect(orderForms(forms)).toEqual({ ok: true, order });
  });

  it('reports a cycle', () => {
    expect(orderForms([form('egg', [link('hen', 'hen')]), form('hen', [link('egg', 'egg')])])).toEqual({
      ok: false,
      cycle: ['egg', 'hen', 'egg'],
    });
  });
});

describe('diffRoles', () => {
  const role = (key: string, extra: object = {}): RoleDefinition => ({ key, title: { en: key }, ...extra });
  it('tells added, changed (key order does not matter), unchanged and removed roles apart', () => {
    const installed = [
      role('sales', { forms: { customer: { actions: ['read'] } } }),
      role('old'),
      role('finance'),
    ];
    const next = [
      { forms: { customer: { actions: ['read'] } }, title: { en: 'sales' }, key: 'sales' } as RoleDefinition,
      role('finance', { admin: true }),
      role('service'),
    ];
    expect(diffRoles(installed, next)).toEqual([
      { kind: 'unchanged', key: 'sales' },
      { kind: 'changed', key: 'finance' },
      { kind: 'added', key: 'service' },
      { kind: 'removed', key: 'old' },
    ]);
  });
});

describe('canonical JSON', () => {
  it('orders keys the same way whatever order they came in, 2-space indented with a trailing newline', () => {
    const a = {
      fields: [{ type: 'text', label: { en: 'A' }, key: 'a', id: 'f_a' }],
      title: { en: 'T' },
      key: 'k',
    };
    const b = {
      key: 'k',
      title: { en: 'T' },
      fields: [{ id: 'f_a', key: 'a', label: { en: 'A' }, type: 'text' }],
    };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe(
      '{\n  "key": "k",\n  "title": {\n    "en": "T"\n  },\n  "fields": [\n    {\n      "key": "a",\n      "id": "f_a",\n      "type": "text",\n      "label": {\n        "en": "A"\n      }\n    }\n  ]\n}\n',
    );
    expect(sameJson(a, b)).toBe(true);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
  });
});

describe('parseCsv', () => {
  it.each([
    { name: 'plain', text: 'a,b\n1,2\n', rows: [{ a: '1', b: '2' }] },
    {
      name: 'CRLF, BOM and blank lines',
      text: '\uFEFFa,b\r\n1,2\r\n\r\n3,4',
      rows: [
        { a: '1', b: '2' },
        { a: '3', b: '4' },
      ],
    },
    {
      name: 'quotes, doubled quotes, commas and line breaks inside quotes',
      text: 'a,b\n"x, y","say ""hi""\nthere"\n',
      rows: [{ a: 'x, y', b: 'say "hi"\nthere' }],
    },
    { name: 'missing trailing cells are empty', text: 'a,b,c\n1\n', rows: [{ a: '1', b: '', c: '' }] },
  ])('$name', ({ text, rows }) => {
    expect(parseCsv(text).rows).toEqual(rows);
  });
});

describe('csvRecordValues', () => {
  const order = form('order', [
    { id: 'n', key: 'no', type: 'auto_number', label, pattern: 'O-{seq:3}' },
    link('customer', 'customer'),
    { id: 'o', key: 'owner', type: 'user', label },
    { id: 'q', key: 'qty', type: 'integer', label },
    { id: 'p', key: 'price', type: 'money', label, currency: 'CNY' },
    { id: 'u', key: 'urgent', type: 'boolean', label },
    { id: 's', key: 'stars', type: 'rating', label },
    { id: 't', key: 'tags', type: 'multi_select', label, options: [{ value: 'a', label }] },
    {
      id: 'i',
      key: 'items',
      type: 'line_items',
      label,
      fields: [link('product', 'product'), { id: 'iq', key: 'qty', type: 'integer', label }],
    },
    { id: 'tt', key: 'total', type: 'formula', label, expression: {}, resultType: 'number' },
  ]);
  const ids: Record<string, string> = {
    'customer:#c1': 'C-ID',
    'customer:ACME': 'C-ID2',
    'product:#p1': 'P-ID',
  };
  const resolve = {
    link: (f: string, cell: string) => ids[`${f}:${cell}`],
    user: (u: string) => (u === 'sales1' ? 'U-ID' : undefined),
  };
  it('converts cells by field type, resolves links and users, leaves out empty and computed cells', () => {
    const row = {
      no: 'X-1',
      customer: '#c1',
      owner: 'sales1',
      qty: '3',
      price: '12.50',
      urgent: 'yes',
      stars: '4',
      tags: 'a; b',
      items: '[{"product":"#p1","qty":2}]',
      total: '99',
    };
    expect(csvRecordValues(order, row, resolve)).toEqual({
      ok: true,
      values: {
        customer: 'C-ID',
        owner: 'U-ID',
        qty: 3,
        price: { amount: '12.50' },
        urgent: true,
        stars: 4,
        tags: ['a', 'b'],
        items: [{ product: 'P-ID', qty: 2 }],
      },
    });
    expect(csvRecordValues(order, { customer: 'ACME', qty: '' }, resolve)).toEqual({
      ok: true,
      values: { customer: 'C-ID2' },
    });
  });
  it('lists every cell it cannot convert', () => {
    expect(
      csvRecordValues(order, { customer: '#nope', owner: 'ghost', qty: 'three', items: '[' }, resolve),
    ).toEqual({
      ok: false,
      errors: [
        "customer: no customer '#nope' loaded before",
        "owner: no user 'ghost'",
        "qty: 'three' is not a number",
        'items: not valid JSON',
        'items: line items must be a JSON array of rows',
      ],
    });
  });
});
