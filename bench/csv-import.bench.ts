/**
 * CSV import of customers through @tessera/sheets vs Postgres `COPY` of the same file into an
 * equivalent plain table (same columns and types, no engine):
 *
 * - import: the Customer ERP's customer form — columns bound by key, every cell converted by type,
 *   owners resolved by user name, names looked up as the duplicate key, each row validated by the
 *   form, an auto-number drawn, history written and the records' events queued (one
 *   `record.events` job per chunk), in chunks of 2000 (the default), all or nothing in one
 *   transaction, through the records service's import path;
 * - COPY: `COPY … FROM STDIN (FORMAT csv, HEADER)` streamed by pg-copy-streams over the same
 *   connection path (the PGlite wire server, which loads it in segments, or the server).
 *
 *   pnpm exec tsx bench/csv-import.bench.ts              # 100 000 rows, 3 runs each
 *   pnpm exec tsx bench/csv-import.bench.ts --quick      # 2 000 rows, 1 run (smoke test)
 *   pnpm exec tsx bench/csv-import.bench.ts --rows 20000 --runs 1
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres pnpm exec tsx bench/csv-import.bench.ts
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { applyPack, ensureDemoOrg, loadPackFolder, planPack } from '@tessera/packs';
import { type ImportPath, importSheet } from '@tessera/sheets';
import { sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import {
  args,
  flag,
  int,
  median,
  ms,
  openBenchDatabase,
  progress,
  quick,
  table,
  timeRuns,
} from './bench-kit';

/** `--per-row`: the import through the per-row path only (as before the set-based one). */
const perRowOnly = args.includes('--per-row');
let path: ImportPath | undefined;
const ROWS = Number(flag('rows') ?? (quick ? 2_000 : 100_000));
const RUNS = Number(flag('runs') ?? (quick ? 1 : 3));
const PACK_DIR = join(import.meta.dirname, '../examples/customer-erp');
const COLUMNS = [
  'name',
  'tier',
  'credit_level',
  'credit_limit',
  'payment_terms_days',
  'industry',
  'city',
  'phone',
  'owner',
  'last_follow_up',
];
const TIERS = ['strategic', 'key', 'normal'];
const LEVELS = ['excellent', 'good', 'general', 'poor'];
const INDUSTRIES = ['manufacturing', 'retail', 'construction', 'it', 'logistics'];

/** One file both can read: option values, plain decimals, ISO dates, user names. */
function customerCsv(rows: number): string {
  const lines = [COLUMNS.join(',')];
  for (let i = 0; i < rows; i++) {
    lines.push(
      [
        `Customer ${String(i).padStart(7, '0')} Ltd`,
        TIERS[i % 3],
        LEVELS[i % 4],
        `${10_000 + (i % 5000) * 10}.50`,
        String(15 + (i % 4) * 15),
        INDUSTRIES[i % 5],
        `City ${i % 50}`,
        `138${String(i).padStart(8, '0')}`,
        i % 2 ? 'sales1' : 'sales2',
        `2026-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

const COPY_TABLE = `create table copy_customer (
  name text not null, tier text, credit_level text, credit_limit numeric(18, 2), payment_terms_days bigint,
  industry text, city text, phone text, owner text, last_follow_up date)`;

/** COPY FROM STDIN through pg-copy-streams, as any tool would load the file into the server. */
async function copyOverWire(connectionString: string, file: string): Promise<number[]> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(COPY_TABLE);
    return await timeRuns(RUNS, async () => {
      await client.query('truncate copy_customer');
      await pipeline(
        createReadStream(file),
        client.query(copyFrom('copy copy_customer from stdin (format csv, header true)')),
      );
      await expectRows(client.query.bind(client));
    });
  } finally {
    await client.end();
  }
}

async function expectRows(query: (text: string) => Promise<{ rows: unknown[] }>): Promise<void> {
  const result = await query('select count(*)::int as n from copy_customer');
  const n = (result.rows[0] as { n: number }).n;
  if (n !== ROWS) throw new Error(`COPY loaded ${n} rows, not ${ROWS}`);
}

const database = await openBenchDatabase({ poolSize: 4 });
const dir = await mkdtemp(join(tmpdir(), 'tessera-csv-bench-'));
try {
  progress(`applying the Customer ERP pack on ${database.label}`);
  const loaded = await loadPackFolder(PACK_DIR);
  const planned = await planPack(database.db, loaded);
  if (!planned.ok) throw new Error(`pack refused: ${JSON.stringify(planned.errors.slice(0, 3))}`);
  await applyPack(database.db, loaded, planned.plan);
  const users = (await ensureDemoOrg(database.db)).users;
  const file = join(dir, 'customers.csv');
  await writeFile(file, customerCsv(ROWS));
  const copyTimes = await copyOverWire(database.connectionString, file);
  progress(`COPY: ${copyTimes.map(ms).join(', ')} ms`);

  const importTimes = await timeRuns(RUNS, async (run) => {
    await sql`truncate app_customer_erp.customer cascade`.execute(database.db);
    const report = await importSheet({
      db: database.db,
      actor: { id: users.get('director1')! },
      timeZone: 'Asia/Shanghai',
      app: 'customer_erp',
      form: 'customer',
      input: createReadStream(file),
      format: 'csv',
      options: { mode: 'all_or_nothing', key: 'name', duplicates: 'skip' },
      pool: database.pool,
      setBased: !perRowOnly,
      onPath: (p) => {
        path = p;
      },
    });
    if (report.outcome !== 'committed' || report.counts.rowsCreated !== ROWS) {
      throw new Error(
        `import run ${run}: ${report.outcome}, ${JSON.stringify(report.counts)}, ${JSON.stringify(report.problems.slice(0, 3))}`,
      );
    }
    progress(`import run ${run + 1}: ${report.counts.rowsCreated} rows, ${JSON.stringify(path)}`);
  });
  progress(`import: ${importTimes.map(ms).join(', ')} ms`);

  const copyRate = ROWS / (median(copyTimes) / 1000);
  const importRate = ROWS / (median(importTimes) / 1000);
  process.stdout.write(
    `## CSV import vs COPY (${database.label})\n\n` +
      `${int(ROWS)} customer rows from one CSV file, median of ${RUNS} run(s). Import: the customer form ` +
      `(mapping, conversion, user look-up, duplicate key, validation, auto-number, history, events; chunks of 2000, ` +
      `all or nothing). Baseline: \`COPY … FROM STDIN\` (pg-copy-streams) into a plain table with the same columns.\n\n` +
      `${table(
        ['path', 'median ms', 'rows/s', 'vs COPY'],
        [
          ['COPY into a plain table', ms(median(copyTimes)), int(copyRate), '1.00×'],
          [
            'import through @tessera/sheets',
            ms(median(importTimes)),
            int(importRate),
            `${(importRate / copyRate).toFixed(2)}×`,
          ],
        ],
      )}\n\nTarget: ≥ 0.5× COPY's rows/s.\n`,
  );
} finally {
  await database.close();
  await rm(dir, { recursive: true, force: true });
}
