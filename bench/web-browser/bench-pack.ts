/**
 * The pack the browser benchmark opens (pure data): `wide` — 200 fields with visible-when rules
 * and formulas that depend on what is typed, plus 200 line items; `one` — a single text field (the
 * baseline); `rows` — a plain form for the 100k-row list.
 */
const label = (en: string, zh: string) => ({ en, 'zh-CN': zh });
const pad = (n: number) => String(n).padStart(3, '0');

export const APP = 'web_bench';
export const LINE_ITEMS = 200;

/** 200 top-level fields: 120 texts, 40 numbers, 20 formulas over them, 18 with visible-when, line items and their total. */
function wideFields(): Record<string, unknown>[] {
  const fields: Record<string, unknown>[] = [];
  for (let i = 1; i <= 120; i++) {
    fields.push({
      id: `w_t${pad(i)}`,
      key: `t${pad(i)}`,
      type: 'text',
      label: label(`Text ${i}`, `文本 ${i}`),
      maxLength: 200,
      // every sixth text depends on the first one, the field the benchmark types into
      ...(i > 1 && i % 6 === 0 ? { visibleWhen: { '!=': [{ var: 't001' }, 'hide'] } } : {}),
    });
  }
  for (let i = 1; i <= 40; i++)
    fields.push({
      id: `w_n${pad(i)}`,
      key: `n${pad(i)}`,
      type: 'number',
      label: label(`Number ${i}`, `数字 ${i}`),
    });
  for (let i = 1; i <= 20; i++)
    fields.push({
      id: `w_f${pad(i)}`,
      key: `f${pad(i)}`,
      type: 'formula',
      label: label(`Formula ${i}`, `公式 ${i}`),
      resultType: i % 2 ? 'number' : 'text',
      // numbers: a sum of two number fields; texts: the typed field's length with a prefix
      expression:
        i % 2
          ? { '+': [{ coalesce: [{ var: `n${pad(i)}` }, 0] }, { coalesce: [{ var: `n${pad(i + 20)}` }, 0] }] }
          : { cat: [`#${i} `, { coalesce: [{ var: 't001' }, ''] }] },
    });
  for (let i = 1; i <= 18; i++)
    fields.push({
      id: `w_v${pad(i)}`,
      key: `v${pad(i)}`,
      type: i % 3 ? 'text' : 'number',
      label: label(`Conditional ${i}`, `条件 ${i}`),
      visibleWhen: { '==': [{ var: `n${pad(i)}` }, null] },
      requiredWhen: { '==': [{ var: 't001' }, 'required'] },
    });
  fields.push({
    id: 'w_items',
    key: 'items',
    type: 'line_items',
    label: label('Items', '明细'),
    fields: [
      { id: 'w_it_name', key: 'name', type: 'text', label: label('Item', '品名') },
      { id: 'w_it_qty', key: 'qty', type: 'integer', label: label('Qty', '数量'), min: 0 },
      { id: 'w_it_price', key: 'price', type: 'number', label: label('Price', '单价'), scale: 2 },
      {
        id: 'w_it_amount',
        key: 'amount',
        type: 'formula',
        label: label('Amount', '金额'),
        resultType: 'number',
        scale: 2,
        expression: {
          round: [{ '*': [{ coalesce: [{ var: 'qty' }, 0] }, { coalesce: [{ var: 'price' }, 0] }] }, 2],
        },
      },
      {
        id: 'w_it_note',
        key: 'note',
        type: 'text',
        label: label('Note', '备注'),
        visibleWhen: { '>': [{ var: 'qty' }, 0] },
      },
    ],
  });
  fields.push({
    id: 'w_total',
    key: 'total',
    type: 'formula',
    label: label('Total', '合计'),
    resultType: 'number',
    scale: 2,
    expression: { sum: [{ var: 'items' }, { var: 'amount' }] },
  });
  return fields;
}

export const FORMS = {
  wide: {
    key: 'wide',
    title: label('Wide form', '大表单'),
    fields: wideFields(),
    titleField: 'w_t001',
  },
  one: {
    key: 'one',
    title: label('One field', '单字段表单'),
    fields: [{ id: 'o_t001', key: 't001', type: 'text', label: label('Text 1', '文本 1'), maxLength: 200 }],
    titleField: 'o_t001',
  },
  rows: {
    key: 'rows',
    title: label('Many rows', '大量记录'),
    fields: [
      { id: 'r_name', key: 'name', type: 'text', label: label('Name', '名称'), maxLength: 100 },
      { id: 'r_qty', key: 'qty', type: 'integer', label: label('Qty', '数量') },
      { id: 'r_amount', key: 'amount', type: 'number', label: label('Amount', '金额'), scale: 2 },
      {
        id: 'r_status',
        key: 'status',
        type: 'single_select',
        label: label('Status', '状态'),
        options: [
          { value: 'open', label: label('Open', '进行中') },
          { value: 'held', label: label('Held', '暂停') },
          { value: 'closed', label: label('Closed', '已关闭') },
        ],
      },
      { id: 'r_day', key: 'day', type: 'date', label: label('Day', '日期') },
    ],
    titleField: 'r_name',
  },
} as const;

export const PACK_JSON = {
  name: 'web-bench',
  version: '0.1.0',
  title: label('Web benchmark', '前端基准'),
  app: APP,
  requires: { tessera: '^0.1.0' },
  locales: ['zh-CN', 'en'],
};

/** The wide form's record: every text and number filled, 200 line items. */
export function wideRecord(): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (let i = 1; i <= 120; i++) values[`t${pad(i)}`] = `value ${i}`;
  for (let i = 1; i <= 40; i++) values[`n${pad(i)}`] = i % 4 === 0 ? null : i;
  values.items = Array.from({ length: LINE_ITEMS }, (_, i) => ({
    name: `Item ${i + 1}`,
    qty: i % 5,
    price: 10 + i,
    note: i % 5 ? `note ${i + 1}` : null,
  }));
  return values;
}
