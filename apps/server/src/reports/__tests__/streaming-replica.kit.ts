import { execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { appendFile, chmod, chown, mkdtemp, rm } from 'node:fs/promises';
import { type AddressInfo, createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type Kysely, sql } from 'kysely';

/**
 * A throwaway PostgreSQL primary and a streaming hot standby of it, made from the server
 * binaries of this machine (initdb → start → pg_basebackup -R → start): for testing that
 * reports really run on a replica. Both live in one /tmp folder that `stop()` removes; a
 * detached reaper stops them and removes it too if this process dies without `stop()`.
 */

const run = promisify(execFile);

/** The binaries to use, or why there are none (the test skips, naming it). */
export type PostgresTools =
  | { readonly ok: true; readonly bin: string; readonly asUser: string | null }
  | { readonly ok: false; readonly reason: string };

const NEEDED = ['initdb', 'pg_ctl', 'pg_basebackup'];

export function findPostgresTools(env: NodeJS.ProcessEnv = process.env): PostgresTools {
  const candidates = env.TESSERA_PG_BIN
    ? [env.TESSERA_PG_BIN]
    : ['15', ...safeList('/usr/lib/postgresql').sort().reverse()].map((v) => `/usr/lib/postgresql/${v}/bin`);
  const bin = candidates.find((dir) => NEEDED.every((tool) => existsSync(join(dir, tool))));
  if (!bin) {
    return {
      ok: false,
      reason: `no PostgreSQL server binaries (${NEEDED.join(', ')}) in ${candidates[0] ?? '/usr/lib/postgresql/*/bin'}; set TESSERA_PG_BIN`,
    };
  }
  // postgres refuses to run as root: run the binaries as the postgres user
  if (process.getuid?.() !== 0) return { ok: true, bin, asUser: null };
  if (!existsSync('/usr/sbin/runuser') && !existsSync('/sbin/runuser') && !existsSync('/usr/bin/runuser'))
    return { ok: false, reason: 'running as root and runuser is missing (postgres refuses to run as root)' };
  if (uidOf('postgres') === null)
    return { ok: false, reason: 'running as root and there is no "postgres" user to run the servers as' };
  return { ok: true, bin, asUser: 'postgres' };
}

export interface StreamingReplica {
  readonly primaryUrl: string;
  readonly replicaUrl: string;
  /** Waits until the replica has replayed everything the primary has written so far. */
  catchUp(primary: Kysely<any>, replica: Kysely<any>, timeoutMs?: number): Promise<void>;
  stopReplica(): Promise<void>;
  startReplica(): Promise<void>;
  /** Stops both servers and removes their folder (safe to call twice). */
  stop(): Promise<void>;
}

export async function startStreamingReplica(
  tools: Extract<PostgresTools, { ok: true }>,
): Promise<StreamingReplica> {
  const dir = await mkdtemp('/tmp/tessera-replica-');
  const primaryDir = join(dir, 'primary');
  const replicaDir = join(dir, 'replica');
  const owner = tools.asUser ? uidOf(tools.asUser) : null;
  if (owner) await chown(dir, owner.uid, owner.gid);
  await chmod(dir, 0o700);
  const pg = (tool: string, args: readonly string[]) =>
    tools.asUser
      ? run('runuser', ['-u', tools.asUser, '--', join(tools.bin, tool), ...args], { cwd: dir })
      : run(join(tools.bin, tool), [...args], { cwd: dir });
  const [primaryPort, replicaPort] = (await freePorts(2)) as [number, number];
  const common = `-c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c fsync=off -c full_page_writes=off -c shared_buffers=16MB -c max_connections=40`;
  const start = (dataDir: string, port: number, extra: string) =>
    pg('pg_ctl', [
      '-D',
      dataDir,
      '-w',
      '-s',
      '-t',
      '30',
      '-l',
      `${dataDir}.log`,
      '-o',
      `-p ${port} ${common} ${extra}`,
      'start',
    ]);
  const stopCluster = (dataDir: string) =>
    pg('pg_ctl', ['-D', dataDir, '-s', '-m', 'immediate', 'stop']).catch(() => {});

  const reaper = startReaper(dir, tools, [primaryDir, replicaDir]);
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await stopCluster(replicaDir);
    await stopCluster(primaryDir);
    await rm(dir, { recursive: true, force: true });
    if (reaper.pid) {
      try {
        process.kill(reaper.pid);
      } catch {
        // already gone
      }
    }
  };
  try {
    await pg('initdb', [
      '-D',
      primaryDir,
      '-A',
      'trust',
      '-U',
      'postgres',
      '-E',
      'UTF8',
      '--no-locale',
      '--no-sync',
    ]);
    await appendFile(join(primaryDir, 'pg_hba.conf'), '\nhost replication all 127.0.0.1/32 trust\n');
    await start(primaryDir, primaryPort, '-c wal_level=replica -c max_wal_senders=4');
    await pg('pg_basebackup', [
      ...['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres'],
      ...['-D', replicaDir, '-R', '-X', 'stream', '-c', 'fast', '--no-sync'],
    ]);
    const startReplica = () =>
      start(replicaDir, replicaPort, '-c hot_standby=on -c hot_standby_feedback=on').then(() => {});
    await startReplica();
    return {
      primaryUrl: `postgres://postgres@127.0.0.1:${primaryPort}/postgres`,
      replicaUrl: `postgres://postgres@127.0.0.1:${replicaPort}/postgres`,
      async catchUp(primary, replica, timeoutMs = 10_000) {
        const target = (await sql<{ lsn: string }>`select pg_current_wal_lsn()::text as lsn`.execute(primary))
          .rows[0]!.lsn;
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const r = await sql<{ done: boolean }>`
            select coalesce(pg_last_wal_replay_lsn() >= ${target}::pg_lsn, false) as done`.execute(replica);
          if (r.rows[0]?.done) return;
          if (Date.now() > deadline)
            throw new Error(`the replica did not replay up to ${target} in ${timeoutMs} ms`);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      },
      stopReplica: () => pg('pg_ctl', ['-D', replicaDir, '-s', '-w', '-m', 'fast', 'stop']).then(() => {}),
      startReplica,
      stop,
    };
  } catch (error) {
    await stop();
    throw new Error(`could not start a primary and a streaming replica: ${describeError(error)}`, {
      cause: error,
    });
  }
}

/**
 * A detached shell that outlives this process: once it is gone (a crash, a killed test
 * worker), it stops both servers and removes their folder. `stop()` ends it in the normal case.
 */
function startReaper(dir: string, tools: Extract<PostgresTools, { ok: true }>, dataDirs: readonly string[]) {
  const pgCtl = tools.asUser
    ? `runuser -u ${tools.asUser} -- ${join(tools.bin, 'pg_ctl')}`
    : join(tools.bin, 'pg_ctl');
  const script = [
    `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done`,
    ...dataDirs.map((d) => `${pgCtl} -D ${d} -s -m immediate stop >/dev/null 2>&1`),
    `rm -rf ${dir}`,
  ].join('; ');
  const child = spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' });
  child.unref();
  return child;
}

/** `n` distinct free ports on 127.0.0.1 (all held open at once, so they differ). */
async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<Server>((resolve, reject) => {
          const server = createServer();
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

function uidOf(user: string): { uid: number; gid: number } | null {
  try {
    const line = readFileSync('/etc/passwd', 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`${user}:`));
    if (!line) return null;
    const [, , uid, gid] = line.split(':');
    return { uid: Number(uid), gid: Number(gid) };
  } catch {
    return null;
  }
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function describeError(error: unknown): string {
  const stderr = (error as { stderr?: unknown })?.stderr;
  if (typeof stderr === 'string' && stderr.trim()) return stderr.trim().split('\n').slice(-3).join(' | ');
  return error instanceof Error ? error.message : String(error);
}
