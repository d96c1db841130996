import { Readable } from 'node:stream';
import { createRecordService } from '@tessera/forms';
import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSheet } from '../index';
import { APP, countRecords, customerSheet, installCustomerErp, toCsv } from './customer-sheet.fixture';

// A chunk with many rows the records service refuses costs ONE call of its import path
// (records.importCreate): every refusal comes back with its row, the rest is written by it.
let t: TestDatabase;
let actor: string;
beforeAll(async () => {
  t = await createTestDatabase();
  actor = (await installCustomerErp(t.db)).get('director1')!;
});
afterAll(async () => {
  await t?.close();
});

describe('refused rows of a chunk', () => {
  it('are all reported by the one import call that writes the rest', async () => {
    const sheet = customerSheet(500, { badPer100: 10, prefix: '拒绝测试' }); // 50 bad rows, one chunk
    const calls = { importCreate: 0, bulkCreate: 0, validateCreate: 0 };
    const before = await countRecords(t.db, 'customer');
    const report = await importSheet({
      db: t.db,
      actor: { id: actor },
      timeZone: 'Asia/Shanghai',
      records: (db: Kysely<any>) => {
        const svc = createRecordService({ db, actor: { id: actor }, clock: { now: () => new Date() } });
        return {
          ...svc,
          importCreate: (...args) => {
            calls.importCreate += 1;
            return svc.importCreate(...args);
          },
          bulkCreate: (...args) => {
            calls.bulkCreate += 1;
            return svc.bulkCreate(...args);
          },
          validateCreate: (...args) => {
            calls.validateCreate += 1;
            return svc.validateCreate(...args);
          },
        };
      },
      app: APP,
      form: 'customer',
      input: Readable.from([toCsv(sheet.rows)]),
      format: 'csv',
      options: { mode: 'valid_rows_only' },
    });
    expect(report.counts.rowsFailed).toBe(50);
    expect(new Set(report.problems.map((p) => p.row))).toEqual(new Set(sheet.bad.keys()));
    expect(report.counts.rowsCreated).toBe(450);
    expect(await countRecords(t.db, 'customer')).toBe(before + 450);
    expect(calls).toEqual({ importCreate: 1, bulkCreate: 0, validateCreate: 0 });
  });
});
