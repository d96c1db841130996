/**
 * Runs every `bench/*.bench.ts` twice — on the embedded PGlite, then on the Postgres server
 * (a fresh database per benchmark, dropped afterwards) — one process per run, and writes the
 * generated part of docs/benchmarks.md: the command, the date, the machine, the databases and
 * each benchmark's section (see bench/bench-kit.ts for the output contract). The hand-written
 * text around the markers is kept.
 *
 *   pnpm bench                      # full sizes → docs/benchmarks.md
 *   pnpm bench --quick              # tiny sizes, proves everything runs → bench/results/benchmarks-quick.md
 *   pnpm bench --only report        # only benchmarks whose file name contains "report"
 *   pnpm bench --no-server          # PGlite only   (--no-pglite: the server only)
 *   pnpm bench --server-url postgres://user@host:5432/postgres   (default: $BENCH_SERVER_URL or
 *                                   postgres://postgres@127.0.0.1:5432/postgres; needs CREATE DATABASE)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, type as osType, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '@tessera/store';
import { sql } from 'kysely';
import { scratchDatabase } from './bench-kit';

const here = import.meta.dirname;
const root = join(here, '..');
const args = process.argv.slice(2);
const has = (name: string) => args.includes(`--${name}`);
const value = (name: string) => (has(name) ? args[args.indexOf(`--${name}`) + 1] : undefined);
const quick = has('quick');
const only = value('only');
const serverUrl =
  value('server-url') ?? process.env.BENCH_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const targets = [
  ...(has('no-pglite') ? [] : [{ kind: 'pglite' as const, label: 'embedded PGlite' }]),
  ...(has('no-server') ? [] : [{ kind: 'server' as const, label: 'Postgres server' }]),
];
const timeoutMs = (quick ? 15 : 120) * 60_000;
export const START =
  '<!-- bench:generated:start — written by bench/run-all.ts (pnpm bench); edit outside the markers -->';
export const END = '<!-- bench:generated:end -->';

const benches = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only)))
  .sort();

/** Runs `body` with a fresh database on the server, dropped afterwards. */
async function withScratchDatabase<T>(name: string, body: (url: string) => T): Promise<T> {
  const scratch = await scratchDatabase(serverUrl, name);
  try {
    return body(scratch.url);
  } finally {
    await scratch.drop().catch(() => {});
  }
}

interface Outcome {
  readonly bench: string;
  readonly target: string;
  readonly ok: boolean;
  readonly seconds: number;
  readonly section: string;
}

function runOne(file: string, target: (typeof targets)[number], databaseUrl?: string): Outcome {
  process.stderr.write(`\n▶ ${file} on ${target.label}${quick ? ' (quick)' : ''}\n`);
  const env = { ...process.env };
  delete env.DATABASE_URL;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  const started = Date.now();
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx/esm', join(here, file), ...(quick ? ['--quick'] : [])],
    {
      cwd: root,
      encoding: 'utf8',
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 * 1024 * 1024,
      timeout: timeoutMs,
    },
  );
  const seconds = (Date.now() - started) / 1000;
  const ok = result.status === 0 && result.stdout.trim().length > 0;
  const why = result.error ? String(result.error.message) : `exit ${result.status ?? result.signal}`;
  // The benchmark's headings move one level down, under the benchmark's own heading.
  const body = result.stdout.trim().replace(/^(#{2,5}) /gm, '#$1 ');
  const section = ok
    ? `${body}\n\n_${target.label}, ${seconds.toFixed(1)} s._`
    : `### ${target.label}: FAILED (${why}) after ${seconds.toFixed(1)} s\n\n${body}`;
  return { bench: file, target: target.label, ok, seconds, section };
}

async function machine(): Promise<string[]> {
  const os = existsSync('/etc/os-release')
    ? (/^PRETTY_NAME="?([^"\n]*)"?/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? osType())
    : osType();
  const pglite = readdirSync(join(root, 'node_modules/.pnpm'), { withFileTypes: true })
    .map((d) => /^@electric-sql\+pglite@([\d.]+)/.exec(d.name)?.[1])
    .find(Boolean);
  const lines = [
    `- machine: ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), ${Math.round(totalmem() / 2 ** 30)} GiB RAM, ${os} (kernel ${release()}), Node ${process.version}`,
  ];
  if (targets.some((t) => t.kind === 'pglite'))
    lines.push(`- embedded: PGlite ${pglite ?? '?'} in a temporary data folder per benchmark`);
  if (targets.some((t) => t.kind === 'server')) {
    const admin = await openDatabase({ url: serverUrl, poolSize: 1 });
    try {
      const v = await sql<{ v: string }>`select current_setting('server_version') as v`.execute(admin.db);
      const where = new URL(serverUrl);
      lines.push(
        `- server: Postgres ${v.rows[0]?.v.split(' ')[0]} at ${where.hostname}:${where.port || 5432} (same machine), a fresh database per benchmark`,
      );
    } finally {
      await admin.close();
    }
  }
  return lines;
}

async function main(): Promise<number> {
  const started = Date.now();
  const about = await machine();
  const outcomes: Outcome[] = [];
  for (const [i, file] of benches.entries()) {
    for (const target of targets) {
      outcomes.push(
        target.kind === 'pglite'
          ? runOne(file, target)
          : await withScratchDatabase(`tessera_bench_${process.pid}_${i}`, (url) =>
              runOne(file, target, url),
            ),
      );
    }
  }
  const command = `pnpm bench${args.length ? ` ${args.join(' ')}` : ''}`;
  const summary = [
    `| benchmark | ${targets.map((t) => t.label).join(' | ')} |`,
    `|---|${targets.map(() => '---').join('|')}|`,
    ...benches.map((b) => {
      const cells = targets.map((t) => {
        const o = outcomes.find((x) => x.bench === b && x.target === t.label)!;
        return `${o.ok ? 'ok' : '**FAILED**'}, ${o.seconds.toFixed(0)} s`;
      });
      return `| [${b}](#${b.replace(/\./g, '')}) | ${cells.join(' | ')} |`;
    }),
  ].join('\n');
  const generated = [
    START,
    '',
    '## The run',
    '',
    `- command: \`${command}\`${quick ? ' — **quick: tiny sizes, proof that everything runs, not a measurement**' : ''}`,
    `- date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${((Date.now() - started) / 60_000).toFixed(1)} min in all`,
    ...about,
    '',
    summary,
    '',
    ...benches.flatMap((b) => [
      `## ${b}`,
      '',
      ...outcomes.filter((o) => o.bench === b).flatMap((o) => [o.section, '']),
    ]),
    END,
  ].join('\n');

  const out =
    value('out') ??
    (quick ? join(here, 'results', 'benchmarks-quick.md') : join(root, 'docs', 'benchmarks.md'));
  const previous = existsSync(out) ? readFileSync(out, 'utf8') : '';
  const from = previous.indexOf(START.slice(0, 30));
  const to = previous.indexOf(END);
  const text =
    from >= 0 && to > from
      ? `${previous.slice(0, from)}${generated}${previous.slice(to + END.length)}`
      : quick || !previous
        ? `# Benchmarks (quick run)\n\nWritten by \`pnpm bench --quick\`; the real figures are in docs/benchmarks.md.\n\n${generated}\n`
        : `${previous.trimEnd()}\n\n${generated}\n`;
  writeFileSync(out, text);
  // The repository's formatter owns markdown layout (tables are padded): keep `pnpm lint` clean.
  spawnSync(join(root, 'node_modules/.bin/biome'), ['format', '--write', out], {
    cwd: root,
    stdio: 'ignore',
  });
  const failed = outcomes.filter((o) => !o.ok);
  process.stderr.write(
    `\nwrote ${out}: ${outcomes.length - failed.length} runs ok, ${failed.length} failed` +
      `${failed.length ? ` (${failed.map((f) => `${f.bench} on ${f.target}`).join(', ')})` : ''}\n`,
  );
  return failed.length > 0 ? 1 : 0;
}

process.exit(await main());
