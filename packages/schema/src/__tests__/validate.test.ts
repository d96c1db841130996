import { describe, expect, it } from 'vitest';
import { type SchemaKind, validate } from '../index.js';

const label = { en: 'Customer', 'zh-CN': '客户' };

/** A small valid document of each kind. */
const valid: Record<SchemaKind, unknown> = {
  pack: {
    $schema: '../schemas/pack.schema.json',
    name: 'customer-erp',
    version: '0.1.0',
    title: label,
    requires: { tessera: '^0.1.0', packs: { 'base-org': '>=1.0.0 <2' } },
  },
  form: {
    key: 'customer',
    title: label,
    fields: [{ id: 'f1', key: 'name', type: 'text', label: { en: 'Name' }, required: true }],
  },
  flow: {
    key: 'quote_approval',
    title: { en: 'Quote approval' },
    form: 'quote',
    nodes: [
      { id: 'start', type: 'start', on: ['record_submitted'] },
      { id: 'check', type: 'exclusive_gateway' },
      {
        id: 'director',
        type: 'approval',
        assignees: [{ kind: 'role', role: 'sales_director' }],
        mode: 'any',
        due: { after: 'P2D', action: 'remind' },
        fields: { amount: 'read', discount: 'edit' },
      },
      { id: 'wait', type: 'timer', duration: 'PT4H' },
      { id: 'order', type: 'service', action: { type: 'start_flow', flow: 'order_to_cash' } },
      { id: 'end', type: 'end', outcome: 'approved' },
    ],
    edges: [
      { from: 'start', to: 'check' },
      { from: 'check', to: 'director', condition: { '>': [{ var: 'amount' }, 100000] } },
      { from: 'check', to: 'order', default: true },
      { from: 'director', to: 'wait' },
      { from: 'wait', to: 'order' },
      { from: 'order', to: 'end' },
    ],
  },
  rule: {
    key: 'overdue_receivable',
    title: { en: 'Overdue receivable', 'zh-CN': '逾期应收' },
    form: 'receivable',
    trigger: { type: 'date_relative', field: 'due_date', direction: 'after', amount: 5, unit: 'days' },
    condition: { '!=': [{ var: 'status' }, 'paid'] },
    actions: [
      {
        type: 'create_todo',
        assignees: [{ kind: 'field', field: 'customer.owner' }],
        title: { en: 'Call {{ customer.name }}' },
      },
      {
        type: 'notify',
        channels: ['email'],
        to: [{ kind: 'role', role: 'finance_manager' }],
        body: { en: 'Overdue' },
      },
    ],
    once: 'occurrence',
  },
  print: {
    key: 'quote',
    form: 'quote',
    title: { en: 'Quote', 'zh-CN': '报价单' },
    page: { size: 'A4', margins: { top: 15, right: 12, bottom: 15, left: 12 } },
    header: {
      right: [{ type: 'barcode', symbology: 'qrcode', value: '{{ number }}', width: 18, height: 18 }],
    },
    footer: { center: [{ type: 'text', text: { 'zh-CN': '第 {{ $page }} 页 / 共 {{ $pages }} 页' } }] },
    body: [
      { type: 'title', text: { 'zh-CN': '报价单' } },
      { type: 'fields', columns: 2, items: [{ field: 'number' }, { field: 'customer.name' }] },
      {
        type: 'table',
        source: 'items',
        columns: [
          { field: 'product.name', width: 3 },
          { field: 'amount', total: 'sum' },
        ],
      },
      { type: 'amount', field: 'total' },
      { type: 'signatures', items: [{ label: { 'zh-CN': '销售' }, field: 'owner' }] },
    ],
  },
  report: {
    key: 'sales_by_month',
    title: { en: 'Sales by month' },
    query: {
      source: 'sales_order',
      joins: [{ as: 'customer', path: 'customer' }],
      dimensions: [
        { key: 'month', field: 'order_date', bucket: 'month' },
        { key: 'tier', field: 'customer.tier' },
      ],
      measures: [
        { key: 'orders', agg: 'count' },
        { key: 'total', agg: 'sum', field: 'amount', format: 'money' },
        { key: 'big', agg: 'count', where: { '>': [{ var: 'amount' }, 500000] } },
        { key: 'big_share', agg: 'ratio', numerator: 'big', denominator: 'orders' },
        { key: 'cycle', agg: 'duration', from: 'order_date', to: 'shipped_at', unit: 'days' },
      ],
      dateRange: { field: 'order_date', relative: 'this_year' },
      sort: [{ by: 'month', direction: 'asc' }],
      limit: 100,
    },
    chart: { type: 'line', x: 'month', series: 'tier', y: ['total'] },
  },
  dashboard: {
    key: 'customer_health',
    title: { en: 'Customer health' },
    filters: [{ key: 'period', label: { en: 'Period' }, type: 'date_range', default: 'this_quarter' }],
    widgets: [
      {
        id: 'w1',
        type: 'report',
        report: 'sales_by_month',
        layout: { x: 0, y: 0, w: 6, h: 4 },
        filters: { period: 'order_date' },
      },
      { id: 'w2', type: 'text', text: { en: '# Hello' }, layout: { x: 6, y: 0, w: 6, h: 4 } },
    ],
  },
  roles: {
    roles: [
      {
        key: 'sales',
        title: { en: 'Sales', 'zh-CN': '销售' },
        forms: {
          customer: {
            actions: ['create', 'read', 'update'],
            scope: { type: 'own', field: 'owner' },
            fields: { credit_level: 'read_only' },
          },
        },
        flows: { quote_approval: ['start'] },
      },
      { key: 'admin', title: { en: 'Admin' }, admin: true },
    ],
  },
};

describe('validate — valid documents', () => {
  it.each(Object.entries(valid))('%s', (kind, doc) => {
    const result = validate(kind as SchemaKind, doc);
    expect(result.ok ? [] : result.errors).toEqual([]);
    expect(result.ok && result.value).toBe(doc);
  });
});

/** Broken documents → exactly these errors (path + plain message). */
const broken: [string, SchemaKind, unknown, { path: string; message: string | RegExp }[]][] = [
  [
    'missing required property',
    'pack',
    { version: '1.0.0', title: label },
    [{ path: '', message: "missing required property 'name'" }],
  ],
  [
    'unknown property, with a hint',
    'pack',
    { name: 'p', version: '1.0.0', title: label, titel: label },
    [{ path: '', message: "unknown property 'titel' (did you mean 'title'?)" }],
  ],
  [
    'pattern explained in words',
    'pack',
    { name: 'My Pack', version: '1.0', title: label },
    [
      { path: '/name', message: /^must start with a lowercase letter .*\(got "My Pack"\)$/ },
      {
        path: '/version',
        message: 'must be a semantic version such as "1.0.0" or "2.1.0-beta.1" (got "1.0")',
      },
    ],
  ],
  [
    'label: unknown language and empty label',
    'pack',
    { name: 'p', version: '1.0.0', title: { fr: 'x' }, description: {} },
    [
      { path: '/description', message: 'must have at least one of: en, zh-CN' },
      { path: '/title', message: "unknown property 'fr'" },
    ],
  ],
  [
    'invalid record key',
    'pack',
    { name: 'p', version: '1.0.0', title: label, requires: { packs: { Base: '1.0.0' } } },
    [
      {
        path: '/requires/packs',
        message: /^'Base' is not a valid key: it must start with a lowercase letter/,
      },
    ],
  ],
  [
    'enum lists the allowed values (discriminated union collapsed to the branch meant)',
    'flow',
    {
      ...(valid.flow as object),
      nodes: [
        { id: 'a', type: 'approval', assignees: [{ kind: 'role', role: 'x' }], mode: 'vot' },
        { id: 'e', type: 'end' },
      ],
    },
    [
      {
        path: '/nodes/0/mode',
        message: 'must be one of: any, all, sequential, vote (got "vot") — did you mean "vote"?',
      },
    ],
  ],
  [
    'unknown discriminator value',
    'flow',
    {
      ...(valid.flow as object),
      nodes: [
        { id: 's', type: 'approvl' },
        { id: 'e', type: 'end' },
      ],
    },
    [
      {
        path: '/nodes/0/type',
        message:
          'must be one of: start, end, approval, user_task, service, exclusive_gateway, parallel_gateway, timer, wait, subflow (got "approvl") — did you mean "approval"?',
      },
    ],
  ],
  [
    'missing discriminator',
    'flow',
    { ...(valid.flow as object), nodes: [{ id: 's' }, { id: 'e', type: 'end' }] },
    [{ path: '/nodes/0', message: /^missing required property 'type' \(one of: start, end, approval/ }],
  ],
  [
    'nested union (assignee inside a node) reports the inner branch only',
    'flow',
    {
      ...(valid.flow as object),
      nodes: [
        { id: 'a', type: 'approval', assignees: [{ kind: 'role' }] },
        { id: 'e', type: 'end' },
      ],
    },
    [{ path: '/nodes/0/assignees/0', message: "missing required property 'role'" }],
  ],
  [
    'type: must be a number',
    'flow',
    {
      ...(valid.flow as object),
      nodes: [
        { id: 's', type: 'start', position: { x: '10', y: 0 } },
        { id: 'e', type: 'end' },
      ],
    },
    [{ path: '/nodes/0/position/x', message: 'must be a number (got a string)' }],
  ],
  [
    'ISO duration',
    'flow',
    {
      ...(valid.flow as object),
      nodes: [
        { id: 't', type: 'timer', duration: '3 days' },
        { id: 'e', type: 'end' },
      ],
    },
    [{ path: '/nodes/0/duration', message: /^must be an ISO 8601 duration such as "P3D"/ }],
  ],
  [
    'JSON-Logic must be an object',
    'rule',
    { ...(valid.rule as object), condition: 'amount > 5' },
    [{ path: '/condition', message: 'must be an object (got a string)' }],
  ],
  [
    'empty actions',
    'rule',
    { ...(valid.rule as object), actions: [] },
    [{ path: '/actions', message: 'must have at least one item' }],
  ],
  [
    'measure union by agg',
    'report',
    {
      key: 'r',
      title: label,
      query: {
        source: 's',
        measures: [
          { key: 'a', agg: 'sum' },
          { key: 'b', agg: 'percentile', field: 'x', p: 90 },
        ],
      },
    },
    [
      { path: '/query/measures/0', message: "missing required property 'field'" },
      { path: '/query/measures/1/p', message: 'must be 1 or less (got 90)' },
    ],
  ],
  [
    'format',
    'report',
    { key: 'r', title: label, query: { source: 's', dateRange: { field: 'd', from: '2026-13-45' } } },
    [{ path: '/query/dateRange/from', message: 'must be a date such as "2026-01-31" (got "2026-13-45")' }],
  ],
  [
    'duplicates in a unique list',
    'roles',
    { roles: [{ key: 'r', title: label, forms: { customer: { actions: ['read', 'read'] } } }] },
    [
      {
        path: '/roles/0/forms/customer/actions',
        message: 'must not contain duplicates (items 0 and 1 are equal)',
      },
    ],
  ],
  [
    'row scope union',
    'roles',
    {
      roles: [
        { key: 'r', title: label, forms: { customer: { actions: ['read'], scope: { type: 'filter' } } } },
      ],
    },
    [{ path: '/roles/0/forms/customer/scope', message: "missing required property 'filter'" }],
  ],
  [
    'non-discriminated union picks the branch of the value type',
    'flow',
    {
      ...(valid.flow as object),
      nodes: [
        { id: 'a', type: 'approval', assignees: [{ kind: 'manager', of: 'Boss' }] },
        { id: 'e', type: 'end' },
      ],
    },
    [
      {
        path: '/nodes/0/assignees/0/of',
        message:
          /^matches none of the allowed shapes: must be "initiator" \(got "Boss"\), or must be a field key/,
      },
    ],
  ],
  [
    'value of the wrong type for every branch',
    'flow',
    {
      ...(valid.flow as object),
      nodes: [
        { id: 'a', type: 'approval', assignees: [{ kind: 'manager', of: 3 }] },
        { id: 'e', type: 'end' },
      ],
    },
    [{ path: '/nodes/0/assignees/0/of', message: 'must be a string (got an integer)' }],
  ],
  [
    'form field type (the form schema through the same validator)',
    'form',
    { key: 'customer', title: label, fields: [{ id: 'f1', key: 'name', type: 'txt', label }] },
    [
      {
        path: '/fields/0/type',
        message: /^must be one of: text, long_text, .* \(got "txt"\) — did you mean "text"\?$/,
      },
    ],
  ],
];

describe('validate — errors in plain words, with their JSON path', () => {
  it.each(broken)('%s', (_name, kind, doc, expected) => {
    const result = validate(kind, doc);
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors).toHaveLength(expected.length);
    expected.forEach((e, i) => {
      expect(errors[i]?.path).toBe(e.path);
      if (typeof e.message === 'string') expect(errors[i]?.message).toBe(e.message);
      else expect(errors[i]?.message).toMatch(e.message);
    });
  });

  it('compiles each kind once and reuses it', async () => {
    const { validatorFor } = await import('../index.js');
    expect(validatorFor('flow')).toBe(validatorFor('flow'));
  });
});
