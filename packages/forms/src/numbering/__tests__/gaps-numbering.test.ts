import type { FormDefinition } from '@tessera/schema';
import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, publishForms, records, testClock } from '../../records/__fixtures__/records-test-kit';
import { countStatements } from '../../records/__fixtures__/statement-counter';

const l = (en: string) => ({ en });
/** A ticket form numbered `T-{YYYY}-{seq:4}` (yearly) with a unique e-mail to make creates fail in the database. */
const ticket = (gaps: 'never' | 'allowed' | undefined, key = 'ticket', lines = true): FormDefinition =>
  ({
    key,
    title: l('Ticket'),
    fields: [
      { id: 't1', key: 'title', type: 'text', label: l('Title'), required: true, maxLength: 100 },
      { id: 't2', key: 'email', type: 'email', label: l('E-mail'), unique: true },
      {
        id: 't3',
        key: 'code',
        type: 'auto_number',
        label: l('Code'),
        pattern: 'T-{YYYY}-{seq:4}',
        ...(gaps ? { gaps } : {}),
      },
      ...(lines ? [lineItems(gaps)] : []),
    ],
  }) as unknown as FormDefinition;

const lineItems = (gaps: 'never' | 'allowed' | undefined) => ({
  id: 't4',
  key: 'lines',
  type: 'line_items',
  label: l('Lines'),
  fields: [
    {
      id: 'l1',
      key: 'no',
      type: 'auto_number',
      label: l('No.'),
      pattern: 'L{seq:3}',
      ...(gaps ? { gaps } : {}),
    },
    { id: 'l2', key: 'qty', type: 'integer', label: l('Qty') },
  ],
});

let t: TestDatabase;
let userId: string;
beforeAll(async () => {
  t = await createTestDatabase();
  await publishForms(t.db, 'desk', [
    ticket('allowed'),
    ticket('never', 'strict'),
    ticket('allowed', 'plain', false),
  ]);
  userId = await addUser(t.db, 'li');
});
afterAll(async () => {
  await t?.close();
});

const codes = async (form: string, n: number, svc = records(t.db, userId)) => {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(String((await svc.create('desk', form, { title: `t${i}` })).code));
  return out;
};
const refused = (promise: Promise<unknown>) =>
  promise.then(
    () => 'created',
    (e: { code?: string }) => e.code,
  );

describe('auto-numbers that allow gaps (a sequence) and gap-free ones (a counter)', () => {
  it('number in order; a create the database refuses leaves a gap only where gaps are allowed', async () => {
    const svc = records(t.db, userId);
    expect(await codes('ticket', 2, svc)).toEqual(['T-2026-0001', 'T-2026-0002']);
    expect(await codes('strict', 2, svc)).toEqual(['T-2026-0001', 'T-2026-0002']);
    for (const form of ['ticket', 'strict']) {
      await svc.create('desk', form, { title: 'first', email: `dup-${form}@x.test` });
      expect(await refused(svc.create('desk', form, { title: 'again', email: `dup-${form}@x.test` }))).toBe(
        'RECORD_INVALID',
      );
    }
    // 0003 went to "first"; the refused create drew 0004 from the sequence, the counter gave it back
    expect(await codes('ticket', 1, svc)).toEqual(['T-2026-0005']);
    expect(await codes('strict', 1, svc)).toEqual(['T-2026-0004']);
  });

  it('concurrent creates get distinct numbers; gap-free ones have no hole', async () => {
    const svc = records(t.db, userId);
    for (const form of ['ticket', 'strict']) {
      const made = await Promise.all(
        Array.from({ length: 12 }, (_, i) => svc.create('desk', form, { title: `c${i}` })),
      );
      const seqs = made.map((r) => Number(String(r.code).slice(-4))).sort((a, b) => a - b);
      expect(new Set(seqs).size).toBe(12);
      if (form === 'strict') expect(seqs).toEqual(Array.from({ length: 12 }, (_, i) => 5 + i));
    }
  });

  it('line-item rows are numbered from their own sequence too', async () => {
    const svc = records(t.db, userId);
    const a = await svc.create('desk', 'ticket', { title: 'rows', lines: [{ qty: 1 }, { qty: 2 }] });
    const b = await svc.create('desk', 'ticket', { title: 'rows', lines: [{ qty: 3 }] });
    expect([...(a.lines as { no: string }[]), ...(b.lines as { no: string }[])].map((r) => r.no)).toEqual([
      'L001',
      'L002',
      'L003',
    ]);
  });

  it('a create after the first of a period is one statement, as with the counter', async () => {
    const svc = records(t.db, userId);
    await svc.create('desk', 'plain', { title: 'warm' });
    const { count } = await countStatements(t, () => svc.create('desk', 'plain', { title: 'one' }));
    expect(count).toBe(1);
  });

  it('restart every period (the year of the pattern)', async () => {
    const clock = testClock(new Date('2027-01-01T08:00:00Z'));
    expect(await codes('ticket', 2, records(t.db, userId, clock))).toEqual(['T-2027-0001', 'T-2027-0002']);
  });

  it('switching a published field between gap-free and gaps allowed never repeats a number', async () => {
    await publishForms(t.db, 'desk', [ticket('never', 'flip')]);
    expect(await codes('flip', 3)).toEqual(['T-2026-0001', 'T-2026-0002', 'T-2026-0003']);
    await publishForms(t.db, 'desk', [ticket('allowed', 'flip')]);
    expect(await codes('flip', 2)).toEqual(['T-2026-0004', 'T-2026-0005']);
    await publishForms(t.db, 'desk', [ticket('never', 'flip')]);
    expect(await codes('flip', 2)).toEqual(['T-2026-0006', 'T-2026-0007']);
    await publishForms(t.db, 'desk', [ticket('allowed', 'flip')]);
    expect(await codes('flip', 1)).toEqual(['T-2026-0008']);
  });
});
