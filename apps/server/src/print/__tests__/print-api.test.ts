import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toChineseCapitals } from '@tessera/print';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP, type ErpHarness, ok, records, startErp } from '../../__tests__/customer-erp-kit';

/**
 * Printing over HTTP on the Customer ERP pack: the outbound slip of an order with 60 lines as the
 * warehouse prints it (pdftoppm and pdftotext read the PDF), batch print, access (scope, hidden
 * fields, the print permission), the audit log, and saving templates.
 */
let erp: ErpHarness;
const dir = mkdtempSync(join(tmpdir(), 'print-api-'));
const ids: Record<string, string> = {};
const print = (form: string, id: string, template: string) =>
  `/api/apps/${APP}/forms/${form}/records/${id}/print/${template}`;

/** The PDF's pages as text (pdftotext -layout), and its page count from pdftoppm's images. */
function readPdf(name: string, pdf: Buffer): { pages: string[]; images: number } {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-r', '40', '-png', file, join(dir, name)]);
  const images = readdirSync(dir).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png')).length;
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  return { pages: text.split('\f').filter((p) => p.trim() !== ''), images };
}

beforeAll(async () => {
  erp = await startErp({ start: '2027-03-01T01:00:00Z' });
  const admin = erp.admin;
  const products = await ok(
    admin.request('POST', `${records('product')}/bulk`, {
      action: 'create',
      items: Array.from({ length: 60 }, (_, i) => ({
        name: `${['离心泵', '不锈钢球阀', '耐油密封垫片', '电磁流量计'][i % 4]} ${i + 1} 型`,
        spec: `DN${50 + (i % 5) * 25}`,
        unit: '台',
        list_price: { amount: String(100 + i) },
      })),
    }),
  );
  const customer = await ok(
    admin.request('POST', records('customer'), {
      name: '上海华东机电设备有限公司',
      tier: 'key',
      credit_level: 'excellent',
    }),
    201,
  );
  const lines = products.items.map((p: { id: string }, i: number) => ({
    product: p.id,
    quantity: (i % 5) + 1,
    unit_price: { amount: (123.45 + i).toFixed(2) },
  }));
  const order = await ok(
    admin.request('POST', records('sales_order'), {
      customer: customer.id,
      order_date: '2027-03-01',
      items: lines,
      discount: { amount: '88.88' },
      shipping_address: '上海市浦东新区张江路 690 号',
    }),
    201,
  );
  const shipment = await ok(
    admin.request('POST', records('shipment'), {
      sales_order: order.id,
      customer: customer.id,
      status: 'shipped',
    }),
    201,
  );
  const slip = (items: unknown[]) =>
    ok(
      admin.request('POST', records('outbound_slip'), {
        shipment: shipment.id,
        sales_order: order.id,
        warehouse: 'shanghai',
        items,
        handled_by: erp.ids.warehouse1,
      }),
      201,
    );
  const big = await slip(lines);
  const small = await slip(lines.slice(0, 2));
  Object.assign(ids, {
    order: order.id,
    big: big.id,
    bigNumber: big.number,
    bigTotal: String(big.total),
    orderNumber: order.number,
    small: small.id,
  });
});
afterAll(() => erp?.close());

describe('printing records', () => {
  it('prints the outbound slip of an order with 60 lines: every page headed, the total in capitals', async () => {
    const warehouse = await erp.as('warehouse1');
    const res = await warehouse.request('GET', print('outbound_slip', ids.big!, 'outbound_slip'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^inline; /);
    const { pages, images } = readPdf('slip', res.rawPayload);
    expect(images).toBeGreaterThanOrEqual(2);
    expect(pages.length).toBe(images);
    expect(res.headers['x-print-pages']).toBe(String(images));
    for (const [i, page] of pages.entries()) {
      expect(page).toContain(ids.bigNumber);
      expect(page).toContain(ids.orderNumber);
      expect(page).toMatch(/产品编码\s+产品名称\s+规格型号\s+单位\s+数量\s+单价\s+金额/);
      expect(page).toMatch(new RegExp(`第\\s*${i + 1}\\s*页\\s*/\\s*共\\s*${images}\\s*页`));
      // the pack's slip sums each page of a long table (本页小计)
      expect(page).toMatch(/本页小计/);
    }
    const text = pages.join('\n');
    expect(text).toContain('上海华东机电设备有限公司');
    const capitals = toChineseCapitals(ids.bigTotal!);
    expect(capitals.ok).toBe(true);
    expect(text.replace(/\s/g, '')).toContain(`出库金额（大写）：${capitals.ok ? capitals.text : ''}`);
    expect(res.rawPayload.length).toBeLessThan(200_000);
  });

  it('prints a batch as one PDF, each record with its own page numbers; the batch needs the print permission', async () => {
    const warehouse = await erp.as('warehouse1');
    const url = `/api/apps/${APP}/forms/outbound_slip/records/print/outbound_slip`;
    const res = await warehouse.request('POST', url, { ids: [ids.small, ids.big] });
    expect(res.statusCode, res.body).toBe(200);
    const { pages } = readPdf('batch', res.rawPayload);
    expect(pages[0]).toMatch(/第\s*1\s*页\s*\/\s*共\s*1\s*页/);
    expect(pages[1]).toMatch(/第\s*1\s*页\s*\/\s*共\s*\d\s*页/);
    // management may read slips (so print one) but not print in batches
    const manager = await erp.as('manager1');
    expect(
      (await manager.request('GET', print('outbound_slip', ids.small!, 'outbound_slip'))).statusCode,
    ).toBe(200);
    expect((await manager.request('POST', url, { ids: [ids.small] })).statusCode).toBe(403);
    // sales cannot see the form at all
    const sales = await erp.as('sales1');
    expect((await sales.request('GET', print('outbound_slip', ids.small!, 'outbound_slip'))).statusCode).toBe(
      404,
    );
    const unknown = await warehouse.request('POST', url, {
      ids: [ids.small, '00000000-0000-4000-8000-000000000000'],
    });
    expect(unknown.statusCode).toBe(404);
    expect((await warehouse.request('POST', url, { ids: [] })).statusCode).toBe(400);
  });

  it('never prints a field hidden from the caller, also through links', async () => {
    const template = {
      key: 'order_terms',
      form: 'sales_order',
      title: { 'zh-CN': '订单条款' },
      page: { size: 'A5', orientation: 'landscape' },
      body: [
        {
          type: 'fields',
          items: [{ field: 'number' }, { field: 'discount' }, { field: 'customer.credit_level' }],
        },
        { type: 'text', text: '优惠 {{ discount | figures }} 信用 {{ customer.credit_level }}' },
      ],
    };
    const put = `/api/apps/${APP}/forms/sales_order/print-templates/order_terms`;
    expect((await erp.admin.request('PUT', put, { definition: template })).statusCode).toBe(200);
    const asAdmin = readPdf(
      'terms-admin',
      (await erp.admin.request('GET', print('sales_order', ids.order!, 'order_terms'))).rawPayload,
    );
    expect(asAdmin.pages.join('')).toContain('88.88');
    expect(asAdmin.pages.join('')).toContain('优秀');
    const warehouse = await erp.as('warehouse1');
    const res = await warehouse.request('GET', print('sales_order', ids.order!, 'order_terms'));
    expect(res.statusCode).toBe(200);
    const text = readPdf('terms-warehouse', res.rawPayload).pages.join('');
    expect(text).toContain(ids.orderNumber);
    expect(text).not.toContain('88.88');
    expect(text).not.toContain('优秀');
  });

  it('writes every print to the audit log: who, which records, which template', async () => {
    const audit = await ok<{ items: any[] }>(erp.admin.request('GET', '/api/audit?action=record.print'));
    const batch = audit.items.find((e) => e.detail?.ids?.length === 2);
    expect(JSON.stringify(batch)).toContain('warehouse1');
    expect(batch).toMatchObject({
      action: 'record.print',
      detail: expect.objectContaining({
        app: APP,
        form: 'outbound_slip',
        template: 'outbound_slip',
        ids: [ids.small, ids.big],
      }),
    });
  });

  it('lists and saves templates: every problem by path, a stale version refused', async () => {
    const warehouse = await erp.as('warehouse1');
    const list = await ok<{ items: any[]; batch: boolean }>(
      warehouse.request('GET', `/api/apps/${APP}/forms/outbound_slip/print-templates`),
    );
    expect(list.items.map((t) => t.key)).toEqual(['outbound_slip']);
    // the list tells the Print button whether batch print is allowed (warehouse: yes, management: no)
    expect(list.batch).toBe(true);
    const manager = await erp.as('manager1');
    const managerList = await ok<{ batch: boolean }>(
      manager.request('GET', `/api/apps/${APP}/forms/outbound_slip/print-templates`),
    );
    expect(managerList.batch).toBe(false);
    const url = `/api/apps/${APP}/forms/quote/print-templates/quote`;
    expect((await warehouse.request('GET', url)).statusCode).toBe(404);
    const stored = await ok(erp.admin.request('GET', url));
    const broken = {
      ...stored.definition,
      body: [
        { type: 'table', source: 'customer', columns: [{ field: 'nope' }] },
        { type: 'amount', field: 'notes' },
        { type: 'text', text: '{{ $page }}' },
      ],
    };
    const refused = await erp.admin.request('PUT', url, { definition: broken, version: stored.version });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors.map((e: { path: string }) => e.path)).toEqual([
      '/body/0/source',
      '/body/1/field',
      '/body/2/text',
    ]);
    const saved = await ok(
      erp.admin.request('PUT', url, { definition: stored.definition, version: stored.version }),
    );
    expect(saved.version).toBe(stored.version + 1);
    expect(
      (await erp.admin.request('PUT', url, { definition: stored.definition, version: stored.version }))
        .statusCode,
    ).toBe(409);
    expect((await warehouse.request('GET', print('outbound_slip', ids.small!, 'quote'))).statusCode).toBe(
      404,
    );
  });
  it("prints departments and roles by name, role titles in the template's language", async () => {
    const label = (en: string, zh: string) => ({ en, 'zh-CN': zh });
    const form = {
      key: 'print_probe',
      title: label('Print probe', '打印测试'),
      fields: [
        { id: 'p1', key: 'name', type: 'text', label: label('Name', '名称') },
        { id: 'p2', key: 'dept', type: 'department', label: label('Department', '部门') },
        { id: 'p3', key: 'roles', type: 'role', multiple: true, label: label('Roles', '角色') },
      ],
    };
    const formsUrl = `/api/apps/${APP}/forms`;
    const draft = await ok(erp.admin.request('POST', `${formsUrl}/print_probe/versions`, form), 201);
    await ok(erp.admin.request('POST', `${formsUrl}/print_probe/versions/${draft.version}/publish`));
    const record = await ok(
      erp.admin.request('POST', records('print_probe'), {
        name: 'P-1',
        dept: 'warehouse',
        roles: ['warehouse', 'finance'],
      }),
      201,
    );
    const template = (locale: 'zh-CN' | 'en') => ({
      key: `probe_${locale === 'en' ? 'en' : 'zh'}`,
      form: 'print_probe',
      title: label('Probe', '测试'),
      locale,
      page: { size: 'A5' },
      body: [{ type: 'fields', items: [{ field: 'name' }, { field: 'dept' }, { field: 'roles' }] }],
    });
    const texts: Record<string, string> = {};
    for (const locale of ['zh-CN', 'en'] as const) {
      const definition = template(locale);
      await ok(
        erp.admin.request('PUT', `${formsUrl}/print_probe/print-templates/${definition.key}`, { definition }),
      );
      const res = await erp.admin.request('GET', print('print_probe', record.id, definition.key));
      expect(res.statusCode, res.body).toBe(200);
      texts[locale] = readPdf(definition.key, res.rawPayload).pages.join('\n');
    }
    // the demo organisation's department name, the pack's role titles — never the codes
    expect(texts['zh-CN']).toContain('仓储部 Warehouse');
    expect(texts['zh-CN']).toMatch(/仓库、\s*财务/);
    expect(texts.en).toMatch(/Warehouse,\s*Finance/);
    expect(texts['zh-CN']).not.toMatch(/\bwarehouse\b/);
  });
});

describe('the template editor: draft, live preview, publish', () => {
  it('keeps a draft apart from what prints, previews it with a real record, publishes it once it is valid', async () => {
    const url = `/api/apps/${APP}/forms/outbound_slip/print-templates/outbound_slip`;
    const stored = await ok(erp.admin.request('GET', url));
    const pdfText = (name: string, pdf: Buffer) => readPdf(name, pdf).pages.join('\n');
    const printed = async () =>
      pdfText(
        'live',
        (await erp.admin.request('GET', print('outbound_slip', ids.small!, 'outbound_slip'))).rawPayload,
      );

    // a designer's broken draft is kept, with what publishing would refuse
    const broken = { ...stored.definition, body: [{ type: 'fields', items: [{ field: 'no_such_field' }] }] };
    const draft = await ok(erp.admin.request('PUT', `${url}/draft`, { definition: broken }));
    expect(draft.problems.map((p: { path: string }) => p.path)).toEqual(['/body/0/items/0/field']);
    const refused = await erp.admin.request('POST', `${url}/publish`, { version: stored.version });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({
      code: 'PRINT_TEMPLATE_INVALID',
      errors: [{ path: '/body/0/items/0/field' }],
    });
    const preview = `/api/apps/${APP}/forms/outbound_slip/records/${ids.small}/print-preview/outbound_slip`;
    expect((await erp.admin.request('POST', preview, { definition: broken })).json().code).toBe(
      'PRINT_TEMPLATE_INVALID',
    );

    // the preview prints the unsaved definition; the published template still prints as before
    const edited = {
      ...stored.definition,
      body: [{ type: 'text', text: '编辑器草稿 {{ number }}' }, ...(stored.definition.body as unknown[])],
    };
    const shown = await erp.admin.request('POST', preview, { definition: edited });
    expect(shown.statusCode, shown.body).toBe(200);
    expect(shown.headers['content-type']).toBe('application/pdf');
    expect(pdfText('preview', shown.rawPayload)).toMatch(/编辑器草稿 OUT-/);
    await ok(erp.admin.request('PUT', `${url}/draft`, { definition: edited }));
    expect((await ok(erp.admin.request('GET', url))).draft.definition.body[0].text).toBe(
      '编辑器草稿 {{ number }}',
    );
    expect(await printed()).not.toContain('编辑器草稿');

    // without design permission: no draft, no preview
    const warehouse = await erp.as('warehouse1');
    expect((await warehouse.request('PUT', `${url}/draft`, { definition: edited })).statusCode).toBe(403);
    expect((await warehouse.request('POST', preview, { definition: edited })).statusCode).toBe(403);

    const published = await ok(erp.admin.request('POST', `${url}/publish`, { version: stored.version }));
    expect(published.version).toBe(stored.version + 1);
    expect(await printed()).toContain('编辑器草稿');
    expect((await ok(erp.admin.request('GET', url))).draft).toBeUndefined();
    expect((await erp.admin.request('POST', `${url}/publish`, {})).json().code).toBe(
      'PRINT_TEMPLATE_NO_DRAFT',
    );
    const audit = await erp.db
      .selectFrom('tessera.audit_log')
      .select(['action', 'target_id'])
      .where('action', 'like', 'print_template.%')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['print_template.draft', 'print_template.publish']),
    );
    // back to the pack's slip for the tests after this one
    await ok(erp.admin.request('PUT', url, { definition: stored.definition }));
  });
});
