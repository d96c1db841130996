import type { FormDefinition, PrintTemplateDefinition } from '@tessera/schema';
import { describe, expect, it } from 'vitest';
import { paletteGroups } from '../palette-groups';
import { accepts, dropField, type PaletteField, removeItem } from '../template-edits';

/** What a drop does to the template the editor sends to the server. */
const base: PrintTemplateDefinition = {
  key: 'slip',
  form: 'slip',
  title: { en: 'Slip', 'zh-CN': '出库单' },
  locale: 'zh-CN',
  page: { size: 'A4' },
  body: [{ type: 'title', text: '出库单' }],
};
const warehouse: PaletteField = { kind: 'field', path: 'warehouse', label: '仓库' };
const code: PaletteField = { kind: 'column', source: 'items', path: 'product.code', label: '产品 · 编码' };

describe('template edits', () => {
  it('drops a field into the header as a captioned line, into the body as a field grid after the title', () => {
    const header = dropField(base, 'header', warehouse);
    expect(header.header?.left).toEqual([{ type: 'text', text: '仓库：{{ warehouse }}' }]);
    const body = dropField(dropField(base, 'body', warehouse), 'body', { ...warehouse, path: 'number' });
    expect(body.body).toEqual([
      { type: 'title', text: '出库单' },
      { type: 'fields', columns: 2, border: true, items: [{ field: 'warehouse' }, { field: 'number' }] },
    ]);
    expect(removeItem(body, 'body', 0).body[1]).toMatchObject({ items: [{ field: 'number' }] });
  });

  it('puts line-item columns only in the table, creating it on the first drop', () => {
    expect(accepts('table', code)).toBe(true);
    expect(accepts('header', code)).toBe(false);
    expect(accepts('table', warehouse)).toBe(false);
    const t = dropField(dropField(base, 'table', code), 'table', { ...code, path: 'quantity' });
    expect(t.body[1]).toEqual({
      type: 'table',
      source: 'items',
      columns: [{ field: 'product.code' }, { field: 'quantity' }],
    });
    // a table keeps at least one column (the schema asks for one)
    expect(removeItem(removeItem(t, 'table', 0), 'table', 0).body[1]).toMatchObject({
      columns: [{ field: 'quantity' }],
    });
  });

  it("lists the form's fields, each linked form's and the line items' columns through their links", () => {
    const label = (l: unknown) => (l as { 'zh-CN': string })['zh-CN'];
    const l = (zh: string) => ({ en: zh, 'zh-CN': zh });
    const slip = {
      key: 'slip',
      title: l('出库单'),
      fields: [
        { id: 'a', key: 'number', type: 'auto_number', label: l('单号') },
        { id: 'b', key: 'customer', type: 'link', form: 'customer', label: l('客户') },
        {
          id: 'c',
          key: 'items',
          type: 'line_items',
          label: l('明细'),
          fields: [{ id: 'd', key: 'product', type: 'link', form: 'product', label: l('产品') }],
        },
        { id: 'e', key: 'photo', type: 'attachment', label: l('照片') },
      ],
    } as unknown as FormDefinition;
    const customer = {
      key: 'customer',
      title: l('客户'),
      fields: [{ id: 'x', key: 'name', type: 'text', label: l('名称') }],
    };
    const product = {
      key: 'product',
      title: l('产品'),
      fields: [{ id: 'y', key: 'code', type: 'text', label: l('编码') }],
    };
    const forms = new Map([
      ['customer', customer],
      ['product', product],
    ] as unknown as [string, FormDefinition][]);
    const groups = paletteGroups(slip, forms, label);
    expect(groups.map((g) => [g.title, g.items.map((i) => i.path)])).toEqual([
      ['出库单', ['number', 'customer']],
      ['客户', ['customer.name']],
      ['明细', ['product', 'product.code']],
    ]);
    expect(groups[2]!.items[1]).toEqual({
      kind: 'column',
      source: 'items',
      path: 'product.code',
      label: '产品 · 编码',
    });
  });
});
