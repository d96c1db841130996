/**
 * Publishing a schema change on a big table: a field add and a field rename on a form with
 * 1 000 000 records, through the form service (draft → plan with data checks → one transaction
 * with lock_timeout, the DDL, the version and column bookkeeping), against the bare
 * `ALTER TABLE … ADD COLUMN` / `RENAME COLUMN` on a copy of the same table, in the same run.
 * Target (shared/PERFORMANCE.md): no table rewrite — `pg_relation_filenode` unchanged — and
 * under 200 ms.
 *
 *   pnpm exec tsx bench/schema-publish.bench.ts            # 1 000 000 rows, 7 changes each
 *   pnpm exec tsx bench/schema-publish.bench.ts --quick    # 20 000 rows, 3 changes each
 *   pnpm exec tsx bench/schema-publish.bench.ts --rows 200000
 *   DATABASE_URL=postgres://… pnpm exec tsx bench/schema-publish.bench.ts
 */
import { createFormService } from '@tessera/forms';
import type { FormDefinition } from '@tessera/schema';
import { type Kysely, sql } from 'kysely';
import { flag, median, ms, openBenchDatabase, progress, quick, table } from './bench-kit';

const rows = Number(flag('rows') ?? (quick ? 20_000 : 1_000_000));
const runs = quick ? 3 : 7;
const l = (en: string) => ({ en });

const base: FormDefinition = {
  key: 'wide',
  title: l('Wide'),
  fields: [
    { id: 'w1', key: 'name', type: 'text', label: l('Name'), required: true },
    { id: 'w2', key: 'qty', type: 'integer', label: l('Qty') },
    { id: 'w3', key: 'amount', type: 'money', label: l('Amount'), currency: 'CNY' },
    { id: 'w4', key: 'due', type: 'date', label: l('Due') },
  ],
};

const filenode = async (db: Kysely<any>, table: string) =>
  String(
    (await sql<{ f: string }>`select pg_relation_filenode(${table}::regclass)::text as f`.execute(db))
      .rows[0]!.f,
  );

async function main(): Promise<string> {
  const database = await openBenchDatabase({ poolSize: 4 });
  try {
    const { db } = database;
    const forms = createFormService({ db, actor: { id: null }, clock: { now: () => new Date() } });
    await forms.ensureApp('bench');
    let definition = base;
    const publish = async (next: FormDefinition) => {
      const draft = await forms.saveDraft('bench', next);
      if (!draft.ok) throw new Error(JSON.stringify(draft.errors));
      const started = performance.now();
      const published = await forms.publish('bench', next.key, draft.version);
      const elapsed = performance.now() - started;
      if (!published.ok) throw new Error(`publish refused: ${JSON.stringify(published.plan)}`);
      definition = next;
      return elapsed;
    };
    await publish(base);

    progress(`seeding ${rows.toLocaleString('en-US')} rows…`);
    const seeded = performance.now();
    await sql`insert into app_bench.wide (name, qty, amount, amount__currency, due)
      select 'row ' || g, g % 100, (g % 10000) / 100.0, 'CNY', date '2024-01-01' + (g % 700)
      from generate_series(1, ${rows}) g`.execute(db);
    // The baseline's table: the same rows and columns, outside the form engine.
    await sql`create table app_bench.wide_raw as select * from app_bench.wide`.execute(db);
    await sql`analyze app_bench.wide`.execute(db);
    await sql`analyze app_bench.wide_raw`.execute(db);
    const seedSeconds = (performance.now() - seeded) / 1000;

    const before = {
      form: await filenode(db, 'app_bench.wide'),
      raw: await filenode(db, 'app_bench.wide_raw'),
    };
    const times = {
      rawAdd: [] as number[],
      rawRename: [] as number[],
      add: [] as number[],
      rename: [] as number[],
    };
    for (let i = 1; i <= runs; i++) {
      // Alternate which side goes first, so neither always meets a warm cache.
      const sides = [
        async () => {
          let t = performance.now();
          await sql.raw(`alter table app_bench.wide_raw add column note_${i} text`).execute(db);
          times.rawAdd.push(performance.now() - t);
          t = performance.now();
          await sql.raw(`alter table app_bench.wide_raw rename column note_${i} to remark_${i}`).execute(db);
          times.rawRename.push(performance.now() - t);
        },
        async () => {
          const added = { id: `n${i}`, key: `note_${i}`, type: 'text', label: l(`Note ${i}`) } as const;
          times.add.push(await publish({ ...definition, fields: [...definition.fields, added] }));
          const renamed = definition.fields.map((f) => (f.id === `n${i}` ? { ...f, key: `remark_${i}` } : f));
          times.rename.push(await publish({ ...definition, fields: renamed }));
        },
      ];
      for (const side of i % 2 ? sides : sides.reverse()) await side();
    }
    const after = {
      form: await filenode(db, 'app_bench.wide'),
      raw: await filenode(db, 'app_bench.wide_raw'),
    };
    const columns = await sql<{ n: number }>`select count(*)::int as n from information_schema.columns
      where table_schema = 'app_bench' and table_name = 'wide' and column_name like 'remark\\_%'`.execute(db);
    if (Number(columns.rows[0]!.n) !== runs) throw new Error('the renamed columns are not all there');
    const count = await sql<{ n: number }>`select count(*)::int as n from app_bench.wide`.execute(db);
    if (Number(count.rows[0]!.n) !== rows) throw new Error('rows changed');

    const unchanged = (side: 'form' | 'raw') =>
      before[side] === after[side] ? 'yes' : `**no** (${before[side]} → ${after[side]})`;
    const line = (name: string, raw: number[], engine: number[]) => {
      const r = median(raw);
      const e = median(engine);
      return [name, ms(r), ms(e), `${(e / r).toFixed(1)}×`, e < 200 ? 'yes' : '**no**'];
    };
    return [
      `## Publishing a schema change on a ${rows.toLocaleString('en-US')}-row table (${database.label})`,
      '',
      `A text field added, then renamed, ${runs} times each; median ms. The form service's publish is one transaction: lock the form and its table (\`lock_timeout\` 5 s), re-plan and re-check on the locked data, the DDL, the new version with its plan, column bookkeeping. The baseline is the bare \`ALTER TABLE\` on a copy of the table. Seeding took ${seedSeconds.toFixed(1)} s.`,
      '',
      table(
        ['change', 'bare ALTER TABLE (ms)', 'form service publish (ms)', 'ratio', '< 200 ms'],
        [
          line('add a field (ADD COLUMN)', times.rawAdd, times.add),
          line('rename a field (RENAME COLUMN)', times.rawRename, times.rename),
        ],
      ),
      '',
      `No table rewrite: \`pg_relation_filenode\` of the form's table unchanged after ${2 * runs} publishes: ${unchanged('form')}; of the baseline table: ${unchanged('raw')}.`,
      '',
    ].join('\n');
  } finally {
    await database.close();
  }
}

process.stdout.write(`${await main()}\n`);
