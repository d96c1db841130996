/**
 * Row-level security cost: listing 600 customers as a member under a row-scope rule (the
 * Customer ERP sales role: `own` by the `owner` user field) vs as an admin listing the same 600
 * rows (the same filter written out), through the records service, 50 per page (12 pages,
 * keyset cursor, sorted by name). The member's side includes what each request pays: resolving
 * the user's roles — through the server's 5-second access cache (as `authorize` does), and
 * uncached (`loadAppAccess`, one query per page) — and the scope compiled into the list's WHERE.
 * All walks return the same ids. Alternating runs, medians, ratios against the admin.
 *
 *   pnpm exec tsx bench/access-list.bench.ts            # 6 000 customers over 10 owners
 *   pnpm exec tsx bench/access-list.bench.ts --quick    # 1 200 customers (smoke test)
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_access pnpm exec tsx bench/access-list.bench.ts
 */
import { type AppAccess, createAccessCache, loadAppAccess, recordsAccess } from '@tessera/access';
import { createRecordService, type RecordService } from '@tessera/forms';
import { publishForms } from '@tessera/forms/testing';
import type { FormDefinition } from '@tessera/schema';
import { sql } from 'kysely';
import { median, ms, openBenchDatabase, progress, quick, table } from './bench-kit';

const OWNERS = 10;
const PER_OWNER = quick ? 120 : 600;
const PAGE = 50;
const runs = quick ? 3 : 9;
const l = (en: string) => ({ en });

const customer: FormDefinition = {
  key: 'customer',
  title: l('Customer'),
  fields: [
    { id: 'c1', key: 'name', type: 'text', label: l('Name') },
    {
      id: 'c2',
      key: 'tier',
      type: 'single_select',
      label: l('Tier'),
      options: ['vip', 'normal'].map((value) => ({ value, label: l(value) })),
    },
    { id: 'c3', key: 'owner', type: 'user', label: l('Owner') },
    { id: 'c4', key: 'notes', type: 'long_text', label: l('Notes') },
  ],
};
const salesRole = {
  key: 'sales',
  title: l('Sales'),
  forms: { customer: { actions: ['create', 'read', 'update'], scope: { type: 'own', field: 'owner' } } },
};

async function walk(service: () => Promise<RecordService>, filter?: unknown): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await (await service()).list('bench', 'customer', {
      sort: [{ field: 'name', direction: 'asc' }],
      limit: PAGE,
      ...(filter ? { filter } : {}),
      ...(cursor ? { cursor } : {}),
    });
    ids.push(...page.items.map((r) => r.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids;
}

async function main(): Promise<void> {
  const database = await openBenchDatabase();
  const { db } = database;
  try {
    const clock = { now: () => new Date() };
    await publishForms(db, 'bench', [customer], clock);

    const users = await sql<{ id: string }>`insert into tessera.users (username, display_name, password_hash)
      select ${`bench-owner-${Date.now()}-`} || g, 'Owner ' || g, 'x' from generate_series(1, ${OWNERS}) g returning id`.execute(
      db,
    );
    const owners = users.rows.map((r) => r.id);
    const member = owners[3]!;
    await sql`insert into tessera.app_roles (app_key, role_key, position, definition, updated_at)
      values ('bench', 'sales', 0, ${JSON.stringify(salesRole)}::jsonb, now())
      on conflict (app_key, role_key) do update set definition = excluded.definition`.execute(db);
    await sql`insert into tessera.role_members (role, user_id) values ('sales', ${member}::uuid)`.execute(db);
    await sql`truncate app_bench.customer`.execute(db);
    progress(`seeding ${OWNERS * PER_OWNER} customers`);
    await sql`insert into app_bench.customer (name, tier, owner, notes, created_at, updated_at)
      select 'Customer ' || lpad(g::text, 6, '0'), case when g % 7 = 0 then 'vip' else 'normal' end,
             (${owners}::uuid[])[1 + g % ${OWNERS}], repeat('n', 40), now(), now()
      from generate_series(1, ${OWNERS * PER_OWNER}) g`.execute(db);
    await sql`analyze app_bench.customer`.execute(db);

    const serviceFor = (app: AppAccess) => {
      const access = recordsAccess(app);
      return createRecordService({ db, actor: { id: member }, clock, ...(access ? { access } : {}) });
    };
    const cache = createAccessCache();
    const asMember = async () => serviceFor(await cache.get(db, member, 'bench'));
    const asMemberUncached = async () => serviceFor(await loadAppAccess(db, member, 'bench'));
    const admin = createRecordService({ db, actor: { id: null }, clock });
    const asAdmin = async () => admin;
    const ownFilter = { '==': [{ var: 'owner' }, member] };

    const walks = {
      admin: () => walk(asAdmin, ownFilter),
      member: () => walk(asMember),
      uncached: () => walk(asMemberUncached),
    };
    const expected = await walks.admin();
    for (const [who, run] of Object.entries(walks)) {
      const ids = await run();
      if (ids.length !== PER_OWNER || ids.join() !== expected.join()) {
        throw new Error(`the walks differ: ${who} ${ids.length} rows, admin ${expected.length} rows`);
      }
    }
    const times = { admin: [] as number[], member: [] as number[], uncached: [] as number[] };
    const names = Object.keys(walks) as (keyof typeof walks)[];
    for (let i = 0; i < runs; i++) {
      // rotate the order so no side always runs first
      for (const who of [...names.slice(i % 3), ...names.slice(0, i % 3)]) {
        const started = performance.now();
        await walks[who]();
        times[who].push(performance.now() - started);
      }
    }
    const ad = median(times.admin);
    const m = median(times.member);
    const u = median(times.uncached);
    const pages = Math.ceil(PER_OWNER / PAGE);
    process.stdout.write(
      [
        `## Listing as a member under a row scope vs as an admin (${database.label})`,
        '',
        `${PER_OWNER} rows of ${OWNERS * PER_OWNER} customers, ${PAGE} per page (${pages} pages, keyset cursor, sorted by name) through the records service; the member's scope is \`own\` by the indexed \`owner\` user field (the server resolves their roles through a 5-second cache; the last row resolves them on every page); the admin lists the same rows with the same condition as a filter. Median of ${runs} runs each, alternating.`,
        '',
        table(
          ['who', `median ms (${PER_OWNER} rows)`, 'ms per page', 'ratio'],
          [
            ['admin, filter owner = member', ms(ad), ms(ad / pages), '1.00'],
            [
              'member, row scope own(owner), access cache (as the server)',
              ms(m),
              ms(m / pages),
              (m / ad).toFixed(2),
            ],
            ['member, roles resolved on every page (no cache)', ms(u), ms(u / pages), (u / ad).toFixed(2)],
          ],
        ),
        '',
      ].join('\n'),
    );
  } finally {
    await database.close();
  }
}

await main();
