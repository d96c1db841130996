/** The form, list and hand-written list SQL of records-api.bench.ts (shared with records-profile.ts). */
const label = (en: string) => ({ en });
export const itemForm = {
  key: 'item',
  title: label('Item'),
  fields: [
    { id: 'i1', key: 'name', type: 'text', label: label('Name'), required: true, maxLength: 200 },
    { id: 'i2', key: 'qty', type: 'integer', label: label('Qty'), min: 0 },
    { id: 'i3', key: 'price', type: 'money', label: label('Price'), currency: 'CNY' },
    { id: 'i4', key: 'code', type: 'auto_number', label: label('Code'), pattern: 'IT-{YYYY}-{seq:6}' },
    {
      id: 'i5',
      key: 'value',
      type: 'formula',
      label: label('Value'),
      resultType: 'number',
      scale: 2,
      expression: { '*': [{ var: 'qty' }, { var: 'price' }] },
    },
    {
      id: 'i6',
      key: 'status',
      type: 'single_select',
      label: label('Status'),
      options: ['open', 'held', 'closed'].map((value) => ({ value, label: label(value) })),
    },
  ],
  // What the list below needs: its equality filter first, then its sort keys in order. The
  // baseline route runs on the same table, so it uses this index too.
  indexes: [{ fields: ['status', '-value', 'name'] }],
};
/** The list: open items with qty ≥ 40, most valuable first (what the engine compiles, written out). */
export const LIST_QUERY = `filter=${encodeURIComponent(
  JSON.stringify({ and: [{ '==': [{ var: 'status' }, 'open'] }, { '>=': [{ var: 'qty' }, 40] }] }),
)}&sort=-value,name&limit=50`;
export const LIST_SQL = `select r.* from app_bench.item r
  where r.deleted_at is null and r.status = $1 and r.qty >= $2
  order by r.value desc nulls first, r.name asc nulls last, r.id asc limit 51`;

/**
 * The same form with its auto-number on a sequence (`gaps: "allowed"`): creates never wait for
 * each other's commit. `item` keeps the gap-free counter.
 */
export const itemGapsForm = {
  ...itemForm,
  key: 'item_seq',
  fields: itemForm.fields.map((f) => (f.type === 'auto_number' ? { ...f, gaps: 'allowed' } : f)),
};
