import type { FormDefinition } from '@tessera/schema';
import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateFormDefinition } from '../../model/form-definition.validator';
import { publishForms, records } from '../../records/__fixtures__/records-test-kit';
import { RecordsError } from '../../records/records.error';

const label = (en: string) => ({ en });
/** An invoice whose total is money: the sum of its lines, and the same with 13 % VAT. */
const invoiceForm: FormDefinition = {
  key: 'invoice',
  title: label('Invoice'),
  fields: [
    {
      id: 'v1',
      key: 'items',
      type: 'line_items',
      label: label('Items'),
      fields: [
        { id: 'l1', key: 'qty', type: 'integer', label: label('Qty') },
        { id: 'l2', key: 'price', type: 'money', label: label('Price'), currency: 'CNY' },
        {
          id: 'l3',
          key: 'amount',
          type: 'formula',
          label: label('Amount'),
          resultType: 'money',
          currency: 'CNY',
          expression: { '*': [{ var: 'qty' }, { var: 'price' }] },
        },
      ],
    },
    {
      id: 'v2',
      key: 'total',
      type: 'formula',
      label: label('Total'),
      resultType: 'money',
      currency: 'CNY',
      min: 0,
      expression: { sum: [{ var: 'items' }, { var: 'amount' }] },
    },
    {
      id: 'v3',
      key: 'gross',
      type: 'formula',
      label: label('Gross'),
      resultType: 'money',
      currency: 'CNY',
      expression: { '*': [{ var: 'total' }, '1.13'] },
    },
    {
      id: 'v4',
      key: 'usd',
      type: 'formula',
      label: label('In USD'),
      resultType: 'money',
      currency: 'USD',
      scale: 4,
      expression: { '/': [{ var: 'total' }, '7.1'] },
    },
  ],
};

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await publishForms(t.db, 'bill', [invoiceForm]);
});
afterAll(() => t?.close());

const line = (qty: number, amount: string) => ({ qty, price: { amount, currency: 'CNY' } });

describe('a formula yielding money', () => {
  it('gives money with its currency, exact, and other formulas compute on its amount', async () => {
    const svc = records(t.db);
    const created = await svc.create('bill', 'invoice', { items: [line(3, '8.20'), line(1, '0.10')] });
    expect(created).toMatchObject({
      total: { amount: '24.70', currency: 'CNY' },
      gross: { amount: '27.91', currency: 'CNY' },
      usd: { amount: '3.4789', currency: 'USD' },
      items: [
        { amount: { amount: '24.60', currency: 'CNY' } },
        { amount: { amount: '0.10', currency: 'CNY' } },
      ],
    });
    expect(await svc.get('bill', 'invoice', String(created.id))).toMatchObject({
      total: { amount: '24.70', currency: 'CNY' },
      gross: { amount: '27.91', currency: 'CNY' },
    });
    // stored as the amount (numeric at the money scale), so filters, sorts and reports read a number
    const column = await sql<{
      type: string;
    }>`select format_type(atttypid, atttypmod) as type from pg_attribute
      where attrelid = 'app_bill.invoice'::regclass and attname = 'total'`.execute(t.db);
    expect(column.rows[0]!.type).toBe('numeric(18,2)');
    const page = await svc.list('bill', 'invoice', { filter: { '>': [{ var: 'total' }, 20] } });
    expect(page.items.map((r) => r.id)).toEqual([created.id]);
    const updated = await svc.update('bill', 'invoice', String(created.id), 1, { items: [line(2, '1.00')] });
    expect(updated).toMatchObject({ total: { amount: '2.00', currency: 'CNY' }, gross: { amount: '2.26' } });
  });

  it('keeps its range: a negative total is refused on its path', async () => {
    const error = await records(t.db)
      .create('bill', 'invoice', { items: [line(-1, '5.00')] })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(RecordsError);
    expect((error as RecordsError).errors).toMatchObject([
      { path: 'total', message: expect.stringContaining('at least 0') },
    ]);
  });

  it('needs a currency, and only money takes one', () => {
    const fields = invoiceForm.fields.map((f) =>
      f.key === 'total'
        ? { ...f, currency: undefined }
        : f.key === 'gross'
          ? { ...f, resultType: 'number' }
          : f,
    );
    const result = validateFormDefinition({ ...invoiceForm, fields });
    expect(result.ok ? [] : result.errors).toEqual(
      expect.arrayContaining([
        {
          path: '/fields/1/currency',
          message: expect.stringContaining('is required for a formula yielding money'),
        },
        { path: '/fields/2/currency', message: 'is only for resultType money' },
      ]),
    );
  });
});
