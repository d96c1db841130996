/**
 * Printing records as PDF documents (@tessera/print) on the Customer ERP pack: ms per PDF and its
 * size for a one-page invoice request and for the outbound slip of an order with 60 lines, as the
 * print route runs it — template and forms read, the record and its linked records loaded through
 * the records service, laid out and rendered by pdfkit with the Noto Sans SC subset embedded.
 * The goal: ≤ 150 ms for the invoice, ≤ 600 ms for the slip (Frappe's Chromium path takes
 * ~400 ms per page).
 *
 *   pnpm exec tsx bench/print.bench.ts            # 30 runs per document
 *   pnpm exec tsx bench/print.bench.ts --quick    # 3 runs (smoke test)
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres pnpm exec tsx bench/print.bench.ts
 */
import { join } from 'node:path';
import { createRecordService } from '@tessera/forms';
import { applyPack, ensureDemoOrg, loadPackFolder, planPack } from '@tessera/packs';
import { createPrintService } from '@tessera/print';
import { median, ms, openBenchDatabase, progress, quick, table, timeRuns } from './bench-kit';

const PACK_DIR = join(import.meta.dirname, '../examples/customer-erp');
const APP = 'customer_erp';
const RUNS = quick ? 3 : 30;
const WARM_UP = quick ? 1 : 5;
const LINES = 60;

const database = await openBenchDatabase({ poolSize: 4 });
try {
  progress(`applying the Customer ERP pack on ${database.label}`);
  const loaded = await loadPackFolder(PACK_DIR);
  const planned = await planPack(database.db, loaded);
  if (!planned.ok) throw new Error(`pack refused: ${JSON.stringify(planned.errors.slice(0, 3))}`);
  await applyPack(database.db, loaded, planned.plan);
  const users = (await ensureDemoOrg(database.db)).users;
  const clock = { now: () => new Date() };
  const db = database.db;
  const records = createRecordService({ db, actor: { id: null }, clock, timeZone: 'Asia/Shanghai' });
  const printer = createPrintService({ db, actor: { id: null }, clock, timeZone: 'Asia/Shanghai' });

  progress('writing an order of 60 lines, its shipment, outbound slip and an invoice request');
  const products = await records.bulkCreate(
    APP,
    'product',
    Array.from({ length: LINES }, (_, i) => ({
      name: `${['离心泵', '不锈钢球阀', '耐油密封垫片', '电磁流量计', '变频控制柜'][i % 5]} ${i + 1} 型`,
      spec: `DN${50 + (i % 5) * 25} PN16`,
      unit: i % 2 ? '台' : '件',
      list_price: { amount: String(100 + i) },
    })),
  );
  const customer = await records.create(APP, 'customer', {
    name: '上海华东机电设备有限公司',
    tier: 'key',
    credit_level: 'excellent',
  });
  const lines = products.map((p, i) => ({
    product: p.id,
    quantity: (i % 5) + 1,
    unit_price: { amount: (123.45 + i).toFixed(2) },
  }));
  const order = await records.create(APP, 'sales_order', {
    customer: customer.id,
    order_date: '2027-03-01',
    status: 'ready_to_ship',
    items: lines,
    shipping_address: '上海市浦东新区张江高科技园区碧波路 690 号 3 号楼 2 层',
  });
  const smallOrder = await records.create(APP, 'sales_order', {
    customer: customer.id,
    order_date: '2027-03-01',
    status: 'ready_to_ship',
    items: lines.slice(0, 4),
  });
  const shipment = await records.create(APP, 'shipment', {
    sales_order: order.id,
    customer: customer.id,
    status: 'shipped',
  });
  const warehouseClerk = users.get('warehouse1');
  const slip = await records.create(APP, 'outbound_slip', {
    shipment: shipment.id,
    sales_order: order.id,
    warehouse: 'shanghai',
    items: lines,
    ...(warehouseClerk ? { handled_by: warehouseClerk } : {}),
  });
  const invoice = await records.create(APP, 'invoice', {
    sales_order: smallOrder.id,
    customer: customer.id,
    amount: { amount: String(smallOrder.total ?? '1000.00') },
  });

  const cases = [
    { name: 'invoice request (4 lines)', form: 'invoice', template: 'invoice', id: invoice.id, goal: 150 },
    {
      name: `outbound slip (${LINES} lines)`,
      form: 'outbound_slip',
      template: 'outbound_slip',
      id: slip.id,
      goal: 600,
    },
  ] as const;

  const rows: (string | number)[][] = [];
  let allMet = true;
  for (const c of cases) {
    const once = () => printer.print(APP, c.form, c.template, [c.id], records, '李仓管');
    for (let i = 0; i < WARM_UP; i++) await once();
    let last = await once();
    const total = await timeRuns(RUNS, async () => {
      last = await once();
    });
    const m = median(total);
    const met = m <= c.goal;
    allMet &&= met;
    progress(`${c.name}: ${total.map(ms).join(', ')} ms`);
    rows.push([
      c.name,
      last.pages,
      `${(last.pdf.length / 1024).toFixed(1)} KB`,
      ms(m),
      ms(Math.min(...total)),
      `≤ ${c.goal} ms: ${met ? 'met' : 'NOT met'}`,
    ]);
  }

  console.log(`## Printing records as PDF (${database.label})${quick ? ' — quick run' : ''}\n`);
  console.log(
    `The Customer ERP's print templates through \`createPrintService().print\`, as \`GET …/records/:id/print/:template\` runs it (less HTTP and the audit row): template, forms, the record and its linked records read through the records service, laid out, rendered by pdfkit with Noto Sans SC subset and embedded. Median of ${RUNS} runs after ${WARM_UP} warm-up runs, one at a time.\n`,
  );
  console.log(table(['document', 'pages', 'PDF size', 'median ms per PDF', 'best ms', 'goal'], rows));
  console.log(
    `\n${allMet ? 'Both goals met.' : 'A goal is NOT met.'} Baseline for comparison: Frappe's Chromium path, ~400 ms per page.`,
  );
} finally {
  await database.close();
}
