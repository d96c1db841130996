import type { FormDefinition } from '@tessera/schema';

const label = (en: string) => ({ en });

/** A customer form that uses every field type (plus a minimal target form for its link). */
export const regionForm: FormDefinition = {
  key: 'region',
  title: label('Region'),
  fields: [{ id: 'r1', key: 'name', type: 'text', label: label('Name'), required: true }],
};

export const everyFieldTypeForm: FormDefinition = {
  key: 'customer',
  title: { en: 'Customer', 'zh-CN': '客户' },
  fields: [
    {
      id: 'f01',
      key: 'name',
      type: 'text',
      label: label('Name'),
      required: true,
      maxLength: 100,
      minLength: 2,
    },
    { id: 'f02', key: 'notes', type: 'long_text', label: label('Notes'), maxLength: 2000 },
    { id: 'f03', key: 'profile', type: 'rich_text', label: label('Profile') },
    {
      id: 'f04',
      key: 'score',
      type: 'number',
      label: label('Score'),
      precision: 10,
      scale: 2,
      min: 0,
      max: 100,
    },
    { id: 'f05', key: 'employees', type: 'integer', label: label('Employees'), min: 0 },
    { id: 'f06', key: 'credit_limit', type: 'money', label: label('Credit limit'), currency: 'CNY' },
    { id: 'f07', key: 'discount', type: 'percent', label: label('Discount'), min: 0, max: 1 },
    { id: 'f08', key: 'active', type: 'boolean', label: label('Active'), default: true },
    { id: 'f09', key: 'since', type: 'date', label: label('Since'), default: { expr: { today: [] } } },
    { id: 'f10', key: 'last_contact', type: 'datetime', label: label('Last contact') },
    {
      id: 'f11',
      key: 'tier',
      type: 'single_select',
      label: label('Tier'),
      options: [
        { value: 'strategic', label: { en: 'Strategic', 'zh-CN': '战略客户' }, color: 'red' },
        { value: 'key', label: { en: 'Key', 'zh-CN': '重点客户' } },
        { value: 'normal', label: { en: 'Normal', 'zh-CN': '普通客户' } },
      ],
    },
    {
      id: 'f12',
      key: 'tags',
      type: 'multi_select',
      label: label('Tags'),
      maxItems: 3,
      options: [
        { value: 'vip', label: label('VIP') },
        { value: 'export', label: label('Export') },
      ],
    },
    { id: 'f13', key: 'owner', type: 'user', label: label('Owner'), default: { expr: { var: '$user.id' } } },
    { id: 'f14', key: 'department', type: 'department', label: label('Department') },
    { id: 'f15', key: 'approver_role', type: 'role', label: label('Approver role') },
    { id: 'f16', key: 'region', type: 'link', label: label('Region'), form: 'region', onDelete: 'set_null' },
    {
      id: 'f17',
      key: 'contacts',
      type: 'line_items',
      label: label('Contacts'),
      fields: [
        { id: 'c1', key: 'contact_name', type: 'text', label: label('Name'), required: true },
        {
          id: 'c2',
          key: 'contact_role',
          type: 'single_select',
          label: label('Role'),
          options: [
            { value: 'decision_maker', label: label('Decision maker') },
            { value: 'finance', label: label('Finance') },
          ],
        },
        { id: 'c3', key: 'phone', type: 'phone', label: label('Phone') },
      ],
    },
    { id: 'f18', key: 'code', type: 'auto_number', label: label('Code'), pattern: 'CUS-{YYYY}-{seq:5}' },
    {
      id: 'f19',
      key: 'score_band',
      type: 'formula',
      label: label('Score band'),
      resultType: 'text',
      expression: { if: [{ '>': [{ var: 'score' }, 50] }, 'high', 'low'] },
    },
    {
      id: 'f20',
      key: 'order_count',
      type: 'rollup',
      label: label('Orders'),
      source: { form: 'order', link: 'customer' },
      aggregate: 'count',
    },
    {
      id: 'f21',
      key: 'region_name',
      type: 'lookup',
      label: label('Region name'),
      link: 'region',
      field: 'name',
    },
    { id: 'f22', key: 'email', type: 'email', label: label('E-mail'), unique: true },
    { id: 'f23', key: 'phone', type: 'phone', label: label('Phone') },
    { id: 'f24', key: 'website', type: 'url', label: label('Website') },
    { id: 'f25', key: 'files', type: 'attachment', label: label('Files'), maxFiles: 5 },
    { id: 'f26', key: 'extra', type: 'json', label: label('Extra') },
    { id: 'f27', key: 'satisfaction', type: 'rating', label: label('Satisfaction') },
    { id: 'f28', key: 'nps', type: 'rating', label: label('NPS'), max: 10 },
  ],
  layout: {
    sections: [
      {
        title: label('Basics'),
        rows: [
          {
            fields: [
              { field: 'f01', width: 12 },
              { field: 'f18', width: 12 },
            ],
          },
          { fields: [{ field: 'f11' }, { field: 'f12' }] },
        ],
      },
    ],
  },
  titleField: 'f01',
  searchFields: ['f01', 'f18', 'f22'],
};
