/**
 * Start-up time and idle memory of `pnpm start` (the root package.json's `start` script, run
 * with node directly so pnpm's own start-up is not counted): the first start of a fresh instance
 * (builds the bundle if needed, installs the demo) once, then several restarts of the same
 * instance — each PGlite restart on a fresh copy of the data folder the first start left behind —
 * alternating with the baseline: the same sources started through tsx, the previous start
 * command. Each run polls /api/health every 25 ms until it answers 200, then idles 5 s and reads
 * the resident memory of the process tree. Prints a markdown table of medians and the floor (a
 * bare `node` http server).
 *
 *   pnpm exec tsx bench/startup.bench.ts            # 5 restarts
 *   pnpm exec tsx bench/startup.bench.ts --quick    # 2 restarts, 1 s idle (smoke test)
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres pnpm exec tsx bench/startup.bench.ts
 *
 * With DATABASE_URL the bench creates (and drops) its own database on that server.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const quick = process.argv.includes('--quick');
const RESTARTS = quick ? 2 : 5;
const IDLE_MS = quick ? 1000 : 5000;
const HEALTH_TIMEOUT_MS = 180_000;

/** `node --import tsx/esm apps/server/src/cli/main.ts start` → ['--import', …, 'start']. */
function startArgs(): string[] {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const parts = pkg.scripts.start.split(/\s+/);
  if (parts[0] !== 'node') throw new Error(`the start script does not begin with node: ${pkg.scripts.start}`);
  return parts.slice(1);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Resident memory (MiB) of a process and all its descendants, from /proc. */
function treeRssMiB(pid: number): number {
  let kib = 0;
  const stack = [pid];
  while (stack.length > 0) {
    const p = stack.pop()!;
    try {
      const status = readFileSync(`/proc/${p}/status`, 'utf8');
      kib += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      const children = readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').trim();
      if (children) stack.push(...children.split(/\s+/).map(Number));
    } catch {
      // the process ended meanwhile
    }
  }
  return kib / 1024;
}

/** CPU time (ms) the process tree has used so far: on a shared machine, wall time mostly measures the neighbours. */
function treeCpuMs(pid: number): number {
  let ticks = 0;
  const stack = [pid];
  while (stack.length > 0) {
    const p = stack.pop()!;
    try {
      const fields = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]!.split(' ');
      // utime, stime, cutime, cstime (fields 14-17 of proc(5); the split dropped the first two)
      ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
      const children = readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').trim();
      if (children) stack.push(...children.split(/\s+/).map(Number));
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks * 10; // USER_HZ is 100 on Linux
}

async function waitHealthy(port: number, child: ChildProcess, started: number): Promise<number> {
  while (Date.now() - started < HEALTH_TIMEOUT_MS) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.status === 200) return Date.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('the server did not become healthy in time');
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

interface Run {
  readonly healthyMs: number;
  readonly cpuMs: number;
  readonly rssMiB: number;
}

async function runOnce(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  const port = await freePort();
  const started = Date.now();
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  try {
    const healthyMs = await waitHealthy(port, child, started);
    const cpuMs = treeCpuMs(child.pid!);
    await new Promise((r) => setTimeout(r, IDLE_MS));
    return { healthyMs, cpuMs, rssMiB: treeRssMiB(child.pid!) };
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${stderr}`);
  } finally {
    await stop(child);
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** The floor: a bare node process answering one HTTP request. */
async function bareNode(): Promise<Run> {
  const port = await freePort();
  const code = `require('node:http').createServer((q, s) => s.end('ok')).listen(${port}, '127.0.0.1')`;
  const started = Date.now();
  const child = spawn(process.execPath, ['-e', code], { stdio: 'ignore' });
  try {
    const healthyMs = await waitHealthy(port, child, started);
    const cpuMs = treeCpuMs(child.pid!);
    await new Promise((r) => setTimeout(r, IDLE_MS));
    return { healthyMs, cpuMs, rssMiB: treeRssMiB(child.pid!) };
  } finally {
    await stop(child);
  }
}

/** The start command before the bundle, on the same sources: the baseline measured in the same run. */
const FROM_SOURCE = ['--import', 'tsx/esm', 'apps/server/src/cli/main.ts', 'start'];

async function main(): Promise<void> {
  const args = startArgs();
  const serverUrl = process.env.DATABASE_URL;
  const work = mkdtempSync(join(tmpdir(), 'tessera-startup-'));
  const dbName = `tessera_startup_${process.pid}`;
  const dbUrl = serverUrl
    ? Object.assign(new URL(serverUrl), { pathname: `/${dbName}` }).toString()
    : undefined;
  const psql = (statement: string) =>
    execFileSync('psql', [serverUrl!, '-qc', statement], { stdio: ['ignore', 'ignore', 'inherit'] });
  const base: NodeJS.ProcessEnv = { ...process.env, TESSERA_ADMIN_PASSWORD: 'startup-bench-9x' };
  delete base.DATABASE_URL;
  try {
    if (serverUrl) psql(`create database ${dbName}`);
    const envFor = (dir: string): NodeJS.ProcessEnv =>
      dbUrl ? { ...base, DATABASE_URL: dbUrl } : { ...base, DATA_DIR: dir };
    const firstDir = join(work, 'first');
    const first = await runOnce(args, envFor(firstDir));
    // Alternate the two commands, so a burst of load on this shared machine hits both alike.
    const bundled: Run[] = [];
    const fromSource: Run[] = [];
    for (let i = 0; i < RESTARTS; i++) {
      for (const [runs, command] of [
        [bundled, args],
        [fromSource, FROM_SOURCE],
      ] as const) {
        const dir = join(work, `run-${i}`);
        if (!dbUrl) cpSync(firstDir, dir, { recursive: true });
        // a restart of an unchanged install: rebuild the bundle now if someone edited a source meanwhile
        if (command === args)
          execFileSync(process.execPath, [...args.slice(0, -1), '--version'], { cwd: root });
        runs.push(await runOnce(command, envFor(dir)));
        if (!dbUrl) rmSync(dir, { recursive: true, force: true });
      }
    }
    const floor: Run[] = [];
    for (let i = 0; i < Math.min(RESTARTS, 3); i++) floor.push(await bareNode());

    const target = dbUrl ? 150 : 450;
    const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    const baseMs = median(fromSource.map((r) => r.healthyMs));
    const baseCpu = median(fromSource.map((r) => r.cpuMs));
    const row = (name: string, runs: Run[], goal: string) => {
      const ms = median(runs.map((r) => r.healthyMs));
      const cpu = median(runs.map((r) => r.cpuMs));
      const rss = median(runs.map((r) => r.rssMiB));
      return `| ${name} | ${fmt(ms)} | ${(ms / baseMs).toFixed(2)}× | ${fmt(cpu)} | ${(cpu / baseCpu).toFixed(2)}× | ${rss.toFixed(0)} MiB | ${goal} |`;
    };
    const all = (runs: Run[]) =>
      runs.map((r) => `${fmt(r.healthyMs)} (cpu ${fmt(r.cpuMs)}) / ${r.rssMiB.toFixed(0)} MiB`).join(', ');
    process.stdout.write(
      [
        `## Start-up and idle memory (${dbUrl ? 'Postgres server' : 'embedded PGlite'})`,
        '',
        `\`pnpm start\` is \`node ${args.join(' ')}\`; the baseline is the previous start command on the` +
          ` same sources, \`node ${FROM_SOURCE.join(' ')}\`. Restarts are medians of ${RESTARTS}` +
          `${dbUrl ? '' : ', each on a fresh copy of the data folder the first start created'}; time until` +
          ` /api/health answers 200, and the CPU time the process used until then (on a shared, busy` +
          ` machine the wall time mostly measures the neighbours; the CPU time is what start-up costs);` +
          ` RSS of the process tree after ${IDLE_MS / 1000} s idle. Load average at the end:` +
          ` ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores.`,
        '',
        '| run | healthy after | vs baseline | CPU until healthy | vs baseline | RSS idle | target |',
        '|---|---:|---:|---:|---:|---:|---|',
        row('first start of `pnpm start` (builds the bundle, installs the demo)', [first], '—'),
        row('restart, `pnpm start` (bundle)', bundled, `≤ 3 s, ≤ ${target} MiB`),
        row('restart, sources through tsx (baseline)', fromSource, '—'),
        row('floor: a bare `node` http server', floor, '—'),
        '',
        `bundle: ${all(bundled)}; tsx: ${all(fromSource)}`,
        '',
      ].join('\n'),
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
    if (serverUrl) psql(`drop database if exists ${dbName} with (force)`);
  }
}

await main();
