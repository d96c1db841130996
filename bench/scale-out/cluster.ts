/**
 * N real server processes (`tessera start`, each with its job workers) on one Postgres database,
 * and a load generator that plays the load balancer: requests go round-robin to the nodes that
 * answer; a node that stops answering is taken out. Only loopback addresses are used.
 */
import {
  type ApiSession,
  loginTo,
  type ServerProcess,
  startServerProcess,
} from '../../apps/server/src/__tests__/server-process';
import { median } from '../bench-kit';

export const ADMIN = { user: 'admin', password: 'scale out 42 password' };

export interface Cluster {
  readonly nodes: ServerProcess[];
  readonly session: ApiSession;
  stop(): Promise<void>;
}

/** Starts `n` server processes on `databaseUrl` at once (migrations serialise on kysely's lock). */
export async function startCluster(databaseUrl: string, n: number, workers = 2): Promise<Cluster> {
  const started = await Promise.allSettled(
    Array.from({ length: n }, () =>
      startServerProcess(
        {
          DATABASE_URL: databaseUrl,
          WORKERS: String(workers),
          TESSERA_ADMIN_USER: ADMIN.user,
          TESSERA_ADMIN_PASSWORD: ADMIN.password,
        },
        { timeoutMs: 90_000 },
      ),
    ),
  );
  const nodes = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) {
    await Promise.all(nodes.map((node) => node.stop()));
    throw (failed as PromiseRejectedResult).reason;
  }
  const session = await loginTo(nodes[0]!.url, ADMIN.user, ADMIN.password);
  return {
    nodes,
    session,
    async stop() {
      await Promise.all(nodes.map((node) => node.stop()));
    },
  };
}

export interface LoadResult {
  /** Ids of the tickets the API acknowledged (201). */
  readonly acked: string[];
  /** Requests that got no 201 (refused, or lost with a killed node). */
  readonly failed: number;
  readonly seconds: number;
  readonly p50: number;
  readonly p99: number;
}

export interface LoadOptions {
  readonly requests?: number;
  readonly durationMs?: number;
  readonly concurrency: number;
  /** Called after each acknowledged request with the count so far (e.g. to kill a node). */
  readonly onAck?: (acked: number) => void;
}

/** Creates tickets through the nodes, round-robin, `concurrency` requests in flight. */
export async function createTickets(
  cluster: Cluster,
  path: string,
  options: LoadOptions,
): Promise<LoadResult> {
  const acked: string[] = [];
  const latencies: number[] = [];
  const down = new Set<string>();
  let failed = 0;
  let sent = 0;
  let turn = 0;
  const started = performance.now();
  const more = () =>
    options.requests !== undefined
      ? sent < options.requests
      : performance.now() - started < (options.durationMs ?? 0);
  const lane = async () => {
    while (more()) {
      const i = sent++;
      const live = cluster.nodes.filter((node) => !down.has(node.url));
      if (live.length === 0) throw new Error('no node answers');
      const node = live[turn++ % live.length]!;
      const t = performance.now();
      try {
        const answer = await cluster.session.request(node.url, 'POST', path, {
          title: `ticket ${i}`,
          amount: i % 1000,
        });
        if (answer.status === 201) {
          acked.push(answer.body.id as string);
          latencies.push(performance.now() - t);
          options.onAck?.(acked.length);
        } else failed++;
      } catch {
        // Connection refused or reset: the node is gone. A balancer's health check would take it
        // out; so do we. The write may or may not have committed — it was not acknowledged.
        failed++;
        down.add(node.url);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, lane));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    acked,
    failed,
    seconds,
    p50: median(latencies),
    p99: latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))] ?? Number.NaN,
  };
}
