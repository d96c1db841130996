import { readFileSync } from 'node:fs';
import type { FormDefinition } from '@tessera/schema';
import { describe, expect, it } from 'vitest';
import { withPicked } from '../link-defaults';

// the shipped pack's quote, as the browser gets it: its lines take the unit price from the product
const quote = JSON.parse(
  readFileSync(new URL('../../../../../../examples/customer-erp/forms/quote.json', import.meta.url), 'utf8'),
) as FormDefinition;
const lines = quote.fields.find((f) => f.key === 'items');
const row = lines?.type === 'line_items' ? lines.fields : [];
const pump = { id: 'p-1', name: 'Pump', list_price: { amount: '6200.00', currency: 'CNY' } };

describe('picking a product on a quote line', () => {
  it("puts the product's list price in the unit price", () => {
    expect(withPicked(row, { quantity: 2 }, 'product', pump)).toEqual({
      quantity: 2,
      product: pump,
      unit_price: { amount: '6200.00', currency: 'CNY' },
    });
  });

  it('a price typed after the pick is the user’s; picking another product follows the new one', () => {
    const picked = withPicked(row, {}, 'product', pump);
    const typed = withPicked(row, picked, 'unit_price', { amount: '5999.00', currency: 'CNY' });
    expect(typed.unit_price).toEqual({ amount: '5999.00', currency: 'CNY' });
    const valve = { id: 'p-2', list_price: { amount: '85.50', currency: 'CNY' } };
    expect(withPicked(row, typed, 'product', valve).unit_price).toEqual({ amount: '85.50', currency: 'CNY' });
  });

  it('clearing the product, or a product whose price the user may not read, leaves the price alone', () => {
    const priced = { product: pump, unit_price: { amount: '6200.00', currency: 'CNY' } };
    expect(withPicked(row, priced, 'product', null).unit_price).toEqual(priced.unit_price);
    expect(withPicked(row, priced, 'product', { id: 'p-3', name: 'Masked' }).unit_price).toEqual(
      priced.unit_price,
    );
  });
});
