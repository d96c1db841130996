import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FormDefinition, PrintTemplateDefinition } from '@tessera/schema';
import type { PrintRecord } from '../document/value.resolver';
import type { FormCatalog } from '../template/field-path.resolver';

const PACK = join(import.meta.dirname, '../../../../examples/customer-erp');

const read = <T>(file: string): T => {
  const { $schema: _, ...doc } = JSON.parse(readFileSync(file, 'utf8'));
  return doc as T;
};

/** The Customer ERP pack's forms, as published. */
export const erpCatalog: FormCatalog = Object.fromEntries(
  readdirSync(join(PACK, 'forms')).map((f) => {
    const form = read<FormDefinition>(join(PACK, 'forms', f));
    return [form.key, form];
  }),
);

export const erpTemplate = (key: string) =>
  read<PrintTemplateDefinition>(join(PACK, 'prints', `${key}.json`));

const PRODUCTS = ['离心泵', '不锈钢球阀', '耐油密封垫片', '电磁流量计', '变频控制柜', '法兰连接件'];

/** An outbound slip of 60 lines as the loader hands it over: links replaced by the linked records. */
export function slipWithLines(count: number): PrintRecord {
  const items = Array.from({ length: count }, (_, i) => {
    const quantity = (i % 7) + 1;
    const price = (123.45 + i * 10).toFixed(2);
    const amount = Math.round(quantity * Number(price) * 100) / 100;
    return {
      id: `row-${i}`,
      product: {
        id: `p-${i}`,
        code: `PRD-${String(i + 1).padStart(5, '0')}`,
        name: `${PRODUCTS[i % PRODUCTS.length]} ${i % 3 === 0 ? '（加长型，适用于高温高压工况的特殊规格）' : ''}`.trim(),
        spec: `DN${50 + (i % 5) * 25} PN16`,
        unit: i % 2 ? '台' : '件',
      },
      quantity,
      unit_price: { amount: price, currency: 'CNY' },
      amount,
    };
  });
  const total = items.reduce((s, r) => s + Math.round(r.amount * 100), 0) / 100;
  return {
    id: 'slip-1',
    number: 'OUT-20270307-001',
    warehouse: 'shanghai',
    printed_at: '2027-03-07T06:15:00.000Z',
    handled_by: 'u-clerk',
    total,
    shipment: { id: 'sh-1', number: 'SH-202703-0007', carrier: '顺丰速运' },
    sales_order: {
      id: 'so-1',
      number: 'SO-202703-0042',
      receiving_contact: '王建国',
      receiving_phone: '+86 138 0000 1234',
      shipping_address: '上海市浦东新区张江高科技园区碧波路 690 号 3 号楼 2 层',
      customer: { id: 'c-1', name: '上海华东机电设备有限公司', code: 'CUS-2027-00012' },
    },
    items,
  };
}
