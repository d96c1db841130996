import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishErpForms, seedErpData, TEST_CLOCK } from '../__fixtures__/erp-seed.fixture';
import { runSql } from '../__fixtures__/report-test-kit';
import { createReportService, type ReportService } from '../report.service';

let t: TestDatabase;
let reports: ReportService;
beforeAll(async () => {
  t = await createTestDatabase();
  await publishErpForms(t.db);
  await seedErpData(t.db, 0.2);
  reports = createReportService({
    db: t.db,
    actor: { id: null },
    clock: { now: () => TEST_CLOCK.now },
    timeZone: TEST_CLOCK.timeZone,
  });
});
afterAll(async () => {
  await t?.close();
});

const overdue = { days_since: [{ var: 'due_date' }] };
const aging = {
  source: 'receivable',
  filter: { '==': [{ var: 'status' }, 'open'] },
  dimensions: [
    {
      key: 'aging',
      cases: [
        { when: { '<=': [overdue, 0] }, value: 'not due', label: { en: 'Not due', 'zh-CN': '未到期' } },
        { when: { '<=': [overdue, 30] }, value: '1-30' },
      ],
      else: '30+',
      elseLabel: { en: 'More than 30 days overdue', 'zh-CN': '逾期 30 天以上' },
    },
  ],
  measures: [{ key: 'n', agg: 'count' }],
};

describe('labels of case groups', () => {
  it('keeps the values as keys and carries each labelled group in both languages', async () => {
    const result = await reports.run('erp', aging);
    expect(result.rows.map((r) => r.aging).sort()).toEqual(['1-30', '30+', 'not due']);
    expect(result.columns.find((c) => c.key === 'aging')?.valueLabels).toEqual({
      'not due': { en: 'Not due', 'zh-CN': '未到期' },
      '30+': { en: 'More than 30 days overdue', 'zh-CN': '逾期 30 天以上' },
    });
    expect(result.columns.find((c) => c.key === 'n')?.valueLabels).toBeUndefined();
  });

  it('drills into a labelled group by its stable value', async () => {
    const rows = await reports.drill('erp', aging, { point: { aging: 'not due' }, limit: 1000 });
    const expected = await runSql(
      t.db,
      `select id from app_erp.receivable where deleted_at is null and status = 'open' and due_date >= date '2026-11-27'`,
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(rows.rows.map((r) => r.id).sort()).toEqual(expected.map((r) => r.id).sort());
  });
});
