import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERP_METRICS } from '../__fixtures__/erp-metrics.fixture';
import { publishErpForms, seedErpData } from '../__fixtures__/erp-seed.fixture';
import { canonical, runModel, runSql } from '../__fixtures__/report-test-kit';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await publishErpForms(t.db);
  await seedErpData(t.db);
});
afterAll(async () => {
  await t?.close();
});

describe('every metric of R18–R21 and R28–R30 is a query model that agrees with hand-written SQL', () => {
  it('covers each requirement', () => {
    const covered = new Set(ERP_METRICS.flatMap((m) => m.requirement.split(' ')));
    expect([...covered].sort()).toEqual(['R18', 'R19', 'R20', 'R21', 'R23', 'R24', 'R28', 'R29', 'R30']);
  });

  it.each(ERP_METRICS.map((m) => [`${m.requirement} ${m.key}`, m] as const))('%s', async (_name, metric) => {
    const result = await runModel(t.db, metric.query);
    const expected = await runSql(t.db, metric.sql);
    expect(result.rows.length).toBeGreaterThan(0);
    expect(result.rows.every((row) => Object.values(row).some((v) => v !== null && v !== 0))).toBe(true);
    expect(canonical(result.rows)).toEqual(canonical(expected));
  });
});
