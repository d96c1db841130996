import { recordTable } from '@tessera/forms';
import { localDate } from '@tessera/logic';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { addUser, type Client, createTestApp, login, type TestApp } from '../../__tests__/test-app';
import { loadConfig, platformTimeZone } from '../../config/config';
import { ensureDemo, generateDemoInBackground } from '../demo';

/**
 * "Today" is one date on the whole server: the demo data generated on the first start ends on the
 * day that reports, date rules and defaults call today — in TESSERA_TIME_ZONE (default
 * Asia/Shanghai), never in the host's zone. 20:00 UTC is already the next day in China: the
 * generator used to date orders on a "tomorrow" the reports did not have yet.
 */
const NOW = '2026-03-10T20:00:00.000Z';
const silent = { info() {}, error() {} };

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('the platform time zone', () => {
  it('defaults to Asia/Shanghai whatever the host zone is', () => {
    const result = loadConfig({});
    expect(result.ok && result.config.TESSERA_TIME_ZONE).toBe('Asia/Shanghai');
    expect(platformTimeZone({})).toBe('Asia/Shanghai');
  });

  it.each([
    ['unset (Asia/Shanghai)', {}, '2026-03-11'],
    ['America/Los_Angeles', { TESSERA_TIME_ZONE: 'America/Los_Angeles' }, '2026-03-10'],
  ])(
    'demo data, reports and the web app agree on today: zone %s',
    async (_name, env, today) => {
      const clock = { now: () => new Date(NOW) };
      t = await createTestApp(env, { clock });
      const db = t.database.db;
      const config = loadConfig({ LOG_LEVEL: 'silent', ...env });
      if (!config.ok) throw new Error(config.errors.join('; '));
      const timeZone = platformTimeZone(config.config);
      expect(localDate(clock.now(), timeZone)).toBe(today);

      // what startServer does on a fresh database
      const demo = await ensureDemo(db, { enabled: true, timeZone, clock });
      if (!demo.installed) throw new Error('demo not installed');
      const run = generateDemoInBackground(db, demo, silent, {
        databaseKind: t.database.kind,
        timeZone,
        clock,
        customers: 12,
      });
      const result = await run.done;
      expect(result).toMatchObject({ kind: 'generated', today, stopped: false });

      const table = (form: string) => recordTable(demo.app, form);
      const latest = await sql<{ form: string; day: string | null }>`
      select 'sales_order' as form, max(order_date)::text as day from ${table('sales_order')}
      union all select 'quote', max(quote_date)::text from ${table('quote')}
      union all select 'follow_up', max(visit_date)::text from ${table('follow_up')}`.execute(db);
      for (const row of latest.rows) expect(row.day! <= today, `${row.form} dated ${row.day}`).toBe(true);

      await addUser(t, 'tzadmin', 'Tessera-Owner-2026', true);
      const admin: Client = await login(t, 'tzadmin', 'Tessera-Owner-2026');
      const me = await admin.request('GET', '/api/auth/me');
      expect(me.json().timeZone).toBe(timeZone);
      const count = async (dateRange?: object) => {
        const res = await admin.request('POST', `/api/apps/${demo.app}/reports/query`, {
          query: {
            source: 'sales_order',
            measures: [{ key: 'n', agg: 'count' }],
            ...(dateRange ? { dateRange } : {}),
          },
        });
        expect(res.statusCode, res.body).toBe(200);
        return Number(res.json().rows[0].n);
      };
      const all = await count();
      expect(all).toBeGreaterThan(0);
      // every demo order is on or before the reports' today: none falls outside "up to today"
      expect(await count({ field: 'order_date', last: { amount: 5, unit: 'years' } })).toBe(all);
    },
    180_000,
  );
});
