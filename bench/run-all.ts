/**
 * Runs every `*.bench.ts` in this folder, one process each, and writes docs/benchmarks.md.
 * Each benchmark prints a markdown section (a table of medians and ratios against a baseline it
 * measured in the same run) on stdout; this runner adds the machine, the date and the command.
 *
 *   pnpm bench            # full sizes
 *   pnpm bench --quick    # tiny sizes: proves the benchmarks run, says nothing about speed
 *   pnpm bench --only report   # only benchmarks whose file name contains "report"
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

const here = import.meta.dirname;
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const benches = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only)))
  .sort();

const sections: string[] = [];
let failed = 0;
for (const file of benches) {
  process.stderr.write(`running ${file}${quick ? ' (quick)' : ''}…\n`);
  const started = Date.now();
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx/esm', join(here, file), ...(quick ? ['--quick'] : [])],
    {
      cwd: join(here, '..'),
      encoding: 'utf8',
      env: process.env,
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    failed++;
    sections.push(`## ${file}\n\nFAILED (exit ${result.status}) after ${seconds} s.\n`);
    continue;
  }
  sections.push(`${result.stdout.trim()}\n\n_${file}, ${seconds} s._\n`);
}

const cpu = cpus()[0]?.model ?? 'unknown CPU';
const header = `# Benchmarks

Ratios against baselines measured in the same run on the same machine and database (see
\`../shared/PERFORMANCE.md\` for the targets). Reproduce every figure with:

\`\`\`sh
pnpm bench${quick ? ' --quick' : ''}
\`\`\`

- machine: ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}
- date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC
- database: ${process.env.DATABASE_URL ? 'Postgres server (DATABASE_URL)' : 'embedded PGlite unless a section says otherwise'}
${quick ? '\n**Quick run: tiny sizes, for checking that the benchmarks work — not a measurement.**\n' : ''}`;

const out = quick ? join(here, 'results', 'benchmarks-quick.md') : join(here, '..', 'docs', 'benchmarks.md');
writeFileSync(out, `${header}\n${sections.join('\n')}`);
process.stderr.write(`wrote ${out}\n`);
process.exit(failed > 0 ? 1 : 0);
