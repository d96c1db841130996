import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCustomer, addProduct, type ErpHarness, money, ok, records, startErp } from './customer-erp-kit';

/**
 * The Customer ERP's quote and order lines take the unit price from the product (`defaultFrom`
 * in the pack): a sales rep who leaves it out gets the list price, one who types a price keeps it —
 * through the API as in the browser.
 */

const START = '2027-03-01T02:00:00Z';
let erp: ErpHarness;
const ids = {} as Record<'pump' | 'valve' | 'customer', string>;

beforeAll(async () => {
  erp = await startErp({ start: START });
  ids.pump = await addProduct(erp, 'Pump', 6200);
  ids.valve = await addProduct(erp, 'Valve', 85.5);
  ids.customer = await addCustomer(erp, 'Epsilon Works');
}, 120_000);

afterAll(async () => {
  await erp?.close();
});

describe('line prices from the product', () => {
  for (const form of ['quote', 'sales_order'] as const) {
    it(`${form}: a line without a unit price gets the list price; a typed one is kept`, async () => {
      const sales = await erp.as('sales1');
      const created = await ok(
        sales.request('POST', records(form), {
          customer: ids.customer,
          owner: erp.ids.sales1,
          items: [
            { product: ids.pump, quantity: 2 },
            { product: ids.valve, quantity: 10, unit_price: money(80) },
          ],
        }),
        201,
      );
      expect(created.items.map((l: any) => [l.unit_price.amount, Number(l.amount)])).toEqual([
        ['6200.00', 12400],
        ['80.00', 800],
      ]);
      expect(Number(created.total)).toBe(13200);
    });
  }
});
