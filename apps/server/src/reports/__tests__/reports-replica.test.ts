import type { RoleDefinition } from '@tessera/schema';
import { type Database, migrateToLatest, openDatabase, openPool } from '@tessera/store';
import type { FastifyInstance } from 'fastify';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantRole } from '../../__tests__/access-kit';
import { type Client, login, type TestApp } from '../../__tests__/test-app';
import { createUser } from '../../auth/user.store';
import { loadConfig } from '../../config/config';
import { buildApp } from '../../http/app';
import { REPORTS_APPLICATION_NAME } from '../reports-database';
import { findPostgresTools, type StreamingReplica, startStreamingReplica } from './streaming-replica.kit';

/**
 * REPORTS_DATABASE_URL against a real streaming replica: a throwaway primary and a hot standby
 * made by pg_basebackup from this machine's PostgreSQL binaries (skipped, naming why, where
 * there are none). The server runs with DATABASE_URL = primary, REPORTS_DATABASE_URL = replica.
 */
const tools = findPostgresTools();
const title = 'reports on a streaming read replica';

const PASSWORD = 'correct horse 42 battery';
const label = (en: string) => ({ en });
const customerForm = {
  key: 'customer',
  title: label('Customer'),
  fields: [
    { id: 'c1', key: 'name', type: 'text', label: label('Name'), required: true },
    {
      id: 'c2',
      key: 'tier',
      type: 'single_select',
      label: label('Tier'),
      options: ['vip', 'normal'].map((value) => ({ value, label: label(value) })),
    },
    { id: 'c3', key: 'credit', type: 'number', label: label('Credit') },
    { id: 'c4', key: 'owner', type: 'user', label: label('Owner'), default: { expr: { var: '$user.id' } } },
  ],
};
/** Own customers only, without their credit. */
const rep: RoleDefinition = {
  key: 'rep',
  title: label('Rep'),
  forms: {
    customer: {
      actions: ['create', 'read', 'export'],
      scope: { type: 'own', field: 'owner' },
      fields: { credit: 'hidden' },
    },
  },
  dashboards: ['overview'],
} as RoleDefinition;

const count = { source: 'customer', measures: [{ key: 'n', agg: 'count' }] };
const byTier = {
  source: 'customer',
  dimensions: [{ key: 'tier', field: 'tier' }],
  measures: [{ key: 'n', agg: 'count' }],
};
const overview = {
  key: 'overview',
  title: label('Overview'),
  widgets: [
    {
      id: 'w1',
      type: 'query',
      layout: { x: 0, y: 0, w: 12, h: 4 },
      query: byTier,
      chart: { type: 'bar', x: 'tier' },
    },
  ],
};

describe.skipIf(!tools.ok)(tools.ok ? title : `${title} — skipped: ${tools.reason}`, () => {
  let cluster: StreamingReplica | undefined;
  let primary: Database;
  let replica: Kysely<any>;
  let app: FastifyInstance;
  /** The same server without REPORTS_DATABASE_URL: what every answer must equal once caught up. */
  let primaryOnly: FastifyInstance;
  let admin: Client;
  let rep1: Client;

  const report = (who: Client, query: object) =>
    who.request('POST', '/api/apps/erp/reports/query', { query });
  const countOf = async (who: Client) => {
    const res = await report(who, count);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().rows[0].n as number;
  };
  const createCustomer = async (who: Client, values: object) => {
    const res = await who.request('POST', '/api/apps/erp/forms/customer/records', values);
    expect(res.statusCode, res.body).toBe(201);
  };
  const catchUp = () => cluster!.catchUp(primary.db, replica);

  beforeAll(async () => {
    if (!tools.ok) return;
    cluster = await startStreamingReplica(tools);
    primary = await openDatabase({ url: cluster.primaryUrl, poolSize: 4 });
    replica = openPool(cluster.replicaUrl, { poolSize: 2 }).db;
    await migrateToLatest(primary.db, primary.connectionString);
    const env = { LOG_LEVEL: 'silent', DATABASE_URL: cluster.primaryUrl };
    const config = (e: Record<string, string>) => {
      const result = loadConfig(e);
      if (!result.ok) throw new Error(result.errors.join('; '));
      return result.config;
    };
    const build = (e: Record<string, string>) =>
      buildApp({ config: config(e), db: primary.db, databaseKind: 'postgres', logger: false });
    app = await build({ ...env, REPORTS_DATABASE_URL: cluster.replicaUrl });
    primaryOnly = await build(env);

    for (const [username, isAdmin] of [
      ['boss', true],
      ['rep1', false],
    ] as const) {
      const made = await createUser(primary.db, { username, password: PASSWORD, isAdmin });
      if (!made.ok) throw new Error(JSON.stringify(made.errors));
    }
    const t = { app } as TestApp; // login only sends requests to the app
    admin = await login(t, 'boss', PASSWORD);
    rep1 = await login(t, 'rep1', PASSWORD);
    expect((await admin.request('POST', '/api/apps', { key: 'erp', title: label('ERP') })).statusCode).toBe(
      201,
    );
    const draft = await admin.request('POST', '/api/apps/erp/forms/customer/versions', customerForm);
    expect(draft.statusCode, draft.body).toBe(201);
    const published = await admin.request(
      'POST',
      `/api/apps/erp/forms/customer/versions/${draft.json().version}/publish`,
    );
    expect(published.statusCode, published.body).toBe(200);
    await grantRole(primary.db, 'erp', rep, ['rep1']);
    const dashboard = await admin.request('PUT', '/api/apps/erp/dashboards/overview', {
      definition: overview,
    });
    expect(dashboard.statusCode, dashboard.body).toBe(200);
  });

  afterAll(async () => {
    await app?.close();
    await primaryOnly?.close();
    await replica?.destroy();
    await primary?.close();
    await cluster?.stop();
  });

  it('health reports the replica as a reachable standby', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'ok',
      database: 'postgres',
      reports: { status: 'ok', standby: true },
    });
    // the setting is shown only when set
    expect((await primaryOnly.inject({ method: 'GET', url: '/api/health' })).json()).not.toHaveProperty(
      'reports',
    );
  });

  it('records written through the API show up in reports once replayed, and the report ran on the replica', async () => {
    await createCustomer(admin, { name: 'Alpha', tier: 'vip', credit: 1000 });
    await createCustomer(admin, { name: 'Beta', tier: 'normal', credit: 2000 });
    await createCustomer(rep1, { name: 'Gamma', tier: 'vip' }); // the rep may not write credit
    await catchUp();
    expect(await countOf(admin)).toBe(3);

    // the report's sessions are on the standby, none on the primary
    const sessions = (db: Kysely<any>) =>
      sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
        where application_name = ${REPORTS_APPLICATION_NAME}`.execute(db);
    expect((await sessions(replica)).rows[0]!.n).toBeGreaterThan(0);
    expect((await sessions(primary.db)).rows[0]!.n).toBe(0);
    expect(
      (await sql<{ standby: boolean }>`select pg_is_in_recovery() as standby`.execute(replica)).rows[0],
    ).toEqual({
      standby: true,
    });

    // With replay paused, a new record is on the primary only: reports do not see it yet.
    await sql`select pg_wal_replay_pause()`.execute(replica);
    try {
      await createCustomer(admin, { name: 'Delta', tier: 'normal', credit: 4000 });
      expect(await countOf(admin)).toBe(3);
      const onPrimary = await sql<{ n: number }>`select count(*)::int as n from app_erp.customer`.execute(
        primary.db,
      );
      expect(onPrimary.rows[0]!.n).toBe(4);
    } finally {
      await sql`select pg_wal_replay_resume()`.execute(replica);
    }
    await catchUp();
    expect(await countOf(admin)).toBe(4);
  });

  it('writes and definitions go to the primary, even while the replica lags', async () => {
    await sql`select pg_wal_replay_pause()`.execute(replica);
    try {
      const saved = await admin.request('PUT', '/api/apps/erp/reports/by_tier', {
        definition: { key: 'by_tier', title: label('By tier'), query: byTier },
      });
      expect(saved.statusCode, saved.body).toBe(200);
      const stored = await admin.request('GET', '/api/apps/erp/reports/by_tier/definition');
      expect(stored.statusCode).toBe(200);
      expect(stored.json().definition.key).toBe('by_tier');
      const onReplica = await sql<{ n: number }>`
        select count(*)::int as n from tessera.reports where key = 'by_tier'`.execute(replica);
      expect(onReplica.rows[0]!.n).toBe(0);
    } finally {
      await sql`select pg_wal_replay_resume()`.execute(replica);
    }
    // and the replica refuses writes outright: nothing could have been written there
    await expect(sql`create table tessera.nope (x int)`.execute(replica)).rejects.toThrow(/read-only/);
  });

  it('row scopes and hidden fields apply on the replica exactly as on the primary', async () => {
    await catchUp();
    const requests: [Client, 'GET' | 'POST', string, object?][] = [
      [rep1, 'POST', '/api/apps/erp/reports/query', { query: count }],
      [rep1, 'POST', '/api/apps/erp/reports/query', { query: byTier, chart: { type: 'bar', x: 'tier' } }],
      [rep1, 'POST', '/api/apps/erp/reports/query', { query: count, chart: { type: 'kpi' } }],
      [
        rep1,
        'POST',
        '/api/apps/erp/reports/query',
        { query: { ...count, measures: [{ key: 's', agg: 'sum', field: 'credit' }] } },
      ],
      [rep1, 'POST', '/api/apps/erp/reports/drill', { query: byTier, point: { tier: 'vip' } }],
      [rep1, 'POST', '/api/apps/erp/reports/export?format=csv', { query: byTier }],
      [rep1, 'GET', '/api/apps/erp/dashboards/overview'],
      [admin, 'POST', '/api/apps/erp/reports/query', { query: byTier }],
      [admin, 'POST', '/api/apps/erp/reports/drill', { query: byTier, point: { tier: 'vip' } }],
    ];
    const answers = [];
    for (const [who, method, url, body] of requests) {
      const viaReplica = await who.request(method, url, body);
      const headers = { cookie: who.cookie, 'x-csrf-token': who.csrfToken };
      const viaPrimary = await primaryOnly.inject({
        method,
        url,
        headers,
        ...(body ? { payload: body } : {}),
      });
      expect([viaReplica.statusCode, viaReplica.body], url).toEqual([viaPrimary.statusCode, viaPrimary.body]);
      answers.push(viaReplica);
    }
    // what the rep sees: their one customer (Gamma), no credit anywhere, 403 naming it
    expect(answers[0]!.json().rows).toEqual([{ n: 1 }]);
    expect(answers[2]!.json()).toMatchObject({ rows: [{ n: 1 }], chart: expect.anything() });
    expect(answers[3]!.statusCode).toBe(403);
    expect(answers[3]!.body).toContain('credit');
    const drilled = answers[4]!.json();
    expect(drilled.rows.map((r: { name: string }) => r.name)).toEqual(['Gamma']);
    expect(drilled.columns.map((c: { key: string }) => c.key)).not.toContain('credit');
    expect(answers[5]!.body).toContain('vip,1');
    expect(answers[6]!.json().widgets[0].result.rows).toEqual([{ tier: 'vip', n: 1 }]);
    expect(answers[7]!.json().rows).toHaveLength(2);
  });

  it('a field published but not yet replayed: 503 "catching up" until the replica has it', async () => {
    const byRegion = {
      source: 'customer',
      dimensions: [{ key: 'region', field: 'region' }],
      measures: [{ key: 'n', agg: 'count' }],
    };
    await sql`select pg_wal_replay_pause()`.execute(replica);
    try {
      const withRegion = {
        ...customerForm,
        fields: [...customerForm.fields, { id: 'c5', key: 'region', type: 'text', label: label('Region') }],
      };
      const draft = await admin.request('POST', '/api/apps/erp/forms/customer/versions', withRegion);
      expect(draft.statusCode, draft.body).toBe(201);
      const published = await admin.request(
        'POST',
        `/api/apps/erp/forms/customer/versions/${draft.json().version}/publish`,
      );
      expect(published.statusCode, published.body).toBe(200);
      const early = await report(admin, byRegion);
      expect(early.statusCode).toBe(503);
      expect(early.json()).toMatchObject({
        code: 'REPORTS_REPLICA_BEHIND',
        title: expect.stringMatching(/catching up/),
      });
    } finally {
      await sql`select pg_wal_replay_resume()`.execute(replica);
    }
    await catchUp();
    const late = await report(admin, byRegion);
    expect(late.statusCode, late.body).toBe(200);
    expect(late.json().rows).toEqual([{ region: null, n: 4 }]);
  });

  it('a replica that is down: report routes answer 503, everything else works, health says so', async () => {
    await cluster!.stopReplica();
    try {
      for (const [method, url, body] of [
        ['POST', '/api/apps/erp/reports/query', { query: count }],
        ['POST', '/api/apps/erp/reports/export?format=csv', { query: count }],
        ['POST', '/api/apps/erp/reports/drill', { query: byTier, point: { tier: 'vip' } }],
        ['GET', '/api/apps/erp/dashboards/overview', undefined],
      ] as const) {
        const res = await admin.request(method, url, body);
        expect(res.statusCode, url).toBe(503);
        expect(res.json()).toMatchObject({ code: 'REPORTS_UNREACHABLE' });
      }
      const health = await app.inject({ method: 'GET', url: '/api/health' });
      expect(health.statusCode).toBe(200);
      expect(health.json()).toMatchObject({ status: 'ok', reports: { status: 'unavailable' } });
      // records, definitions and the rest of the API are on the primary
      await createCustomer(admin, { name: 'Epsilon', tier: 'vip' });
      expect((await admin.request('GET', '/api/apps/erp/forms/customer/records')).statusCode).toBe(200);
      expect((await admin.request('GET', '/api/apps/erp/reports/by_tier/definition')).statusCode).toBe(200);
    } finally {
      await cluster!.startReplica();
    }
    await catchUp();
    expect(await countOf(admin)).toBe(5);
    expect((await app.inject({ method: 'GET', url: '/api/health' })).json().reports).toEqual({
      status: 'ok',
      standby: true,
    });
  });
});
