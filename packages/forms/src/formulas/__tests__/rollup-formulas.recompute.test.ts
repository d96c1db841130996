import type { FormDefinition } from '@tessera/schema';
import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishForms, records } from '../../records/__fixtures__/records-test-kit';

/**
 * A formula that reads a rollup (outstanding = amount − received; a status from both) is stored
 * like any formula, so it must follow the rollup when a CHILD record changes — not only when the
 * parent itself is written. And rollups of the grandparent over that formula follow too.
 */
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await publishForms(t.db, 'ar', [account, receivable, payment]);
});
afterAll(async () => {
  await t?.close();
});

const l = (en: string) => ({ en });
const money = (amount: number) => ({ amount: String(amount), currency: 'CNY' });

describe('formulas over rollups', () => {
  it('follow payments created, changed, re-linked, deleted and restored; the grandparent rollup follows', async () => {
    const svc = records(t.db);
    const acme = await svc.create('ar', 'account', { name: 'Acme' });
    const [a, b] = await svc.bulkCreate('ar', 'receivable', [
      { account: acme.id, amount: money(1000) },
      { account: acme.id, amount: money(500) },
    ]);
    const view = async (id: string) => {
      const r = await svc.get('ar', 'receivable', id);
      return [Number(r.received), Number(r.outstanding), r.status, r.version];
    };
    const owed = async () => Number((await svc.get('ar', 'account', acme.id)).owed);
    expect(await view(a!.id)).toEqual([0, 1000, 'open', 1]);
    expect(await owed()).toBe(1500);

    const p1 = await svc.create('ar', 'payment', { receivable: a!.id, amount: money(400) });
    // Derived values: the receivable's version is not bumped by a payment.
    expect(await view(a!.id)).toEqual([400, 600, 'partially_paid', 1]);
    expect(await owed()).toBe(1100);

    const p2 = await svc.create('ar', 'payment', { receivable: a!.id, amount: money(600) });
    expect(await view(a!.id)).toEqual([1000, 0, 'paid', 1]);
    expect(await owed()).toBe(500);

    await svc.update('ar', 'payment', p2.id, p2.version as number, { amount: money(100) });
    expect(await view(a!.id)).toEqual([500, 500, 'partially_paid', 1]);

    // Re-linked to the other receivable: both follow.
    const p2now = await svc.get('ar', 'payment', p2.id);
    await svc.update('ar', 'payment', p2.id, p2now.version as number, { receivable: b!.id });
    expect(await view(a!.id)).toEqual([400, 600, 'partially_paid', 1]);
    expect(await view(b!.id)).toEqual([100, 400, 'partially_paid', 1]);

    await svc.delete('ar', 'payment', p1.id);
    expect(await view(a!.id)).toEqual([0, 1000, 'open', 1]);
    expect(await owed()).toBe(1400);
    await svc.restore('ar', 'payment', p1.id);
    expect(await view(a!.id)).toEqual([400, 600, 'partially_paid', 1]);
    expect(await owed()).toBe(1000);
  });

  it('bulk payments across receivables leave every formula equal to a fresh write of the receivable', async () => {
    const svc = records(t.db);
    const acme = await svc.create('ar', 'account', { name: 'Bulk' });
    const receivables = await svc.bulkCreate(
      'ar',
      'receivable',
      Array.from({ length: 6 }, (_, i) => ({ account: acme.id, amount: money(100 * (i + 1)) })),
    );
    await svc.bulkCreate(
      'ar',
      'payment',
      Array.from({ length: 30 }, (_, i) => ({
        receivable: receivables[i % 6]!.id,
        amount: money(5 * (i % 6)),
      })),
    );
    for (const [i, r] of receivables.entries()) {
      const got = await svc.get('ar', 'receivable', r.id);
      const received = 25 * i; // five payments of 5·i
      expect([Number(got.received), Number(got.outstanding), got.status]).toEqual([
        received,
        100 * (i + 1) - received,
        received === 0 ? 'open' : 'partially_paid',
      ]);
    }
    expect(Number((await svc.get('ar', 'account', acme.id)).owed)).toBe(2100 - 25 * 15);
  });
});

const account: FormDefinition = {
  key: 'account',
  title: l('Account'),
  fields: [
    { id: 'a1', key: 'name', type: 'text', label: l('Name'), required: true },
    {
      id: 'a2',
      key: 'owed',
      type: 'rollup',
      label: l('Owed'),
      source: { form: 'receivable', link: 'account' },
      aggregate: 'sum',
      field: 'outstanding',
    },
  ],
};
const receivable: FormDefinition = {
  key: 'receivable',
  title: l('Receivable'),
  fields: [
    { id: 'r1', key: 'account', type: 'link', label: l('Account'), form: 'account', required: true },
    { id: 'r2', key: 'amount', type: 'money', label: l('Amount'), currency: 'CNY', required: true },
    {
      id: 'r3',
      key: 'received',
      type: 'rollup',
      label: l('Received'),
      source: { form: 'payment', link: 'receivable' },
      aggregate: 'sum',
      field: 'amount',
      resultType: 'number',
      scale: 2,
    },
    {
      id: 'r4',
      key: 'outstanding',
      type: 'formula',
      label: l('Outstanding'),
      resultType: 'number',
      scale: 2,
      expression: { '-': [{ var: 'amount' }, { coalesce: [{ var: 'received' }, 0] }] },
    },
    {
      id: 'r5',
      key: 'status',
      type: 'formula',
      label: l('Status'),
      resultType: 'text',
      // reads `outstanding`, a formula over the rollup: recomputed after it
      expression: {
        if: [
          { '<=': [{ var: 'outstanding' }, 0] },
          'paid',
          { '>': [{ coalesce: [{ var: 'received' }, 0] }, 0] },
          'partially_paid',
          'open',
        ],
      },
    },
  ],
};
const payment: FormDefinition = {
  key: 'payment',
  title: l('Payment'),
  fields: [
    { id: 'p1', key: 'receivable', type: 'link', label: l('Receivable'), form: 'receivable', required: true },
    { id: 'p2', key: 'amount', type: 'money', label: l('Amount'), currency: 'CNY', required: true },
  ],
};
