import { openPool, redact } from '@tessera/store';
import type { FastifyInstance } from 'fastify';
import { type Kysely, sql } from 'kysely';
import type { Config } from '../config/config';

/** What `/api/health` says about the reports database. */
export interface ReportsDatabaseHealth {
  readonly status: 'ok' | 'unavailable';
  /** Whether it is a standby (`pg_is_in_recovery()`); absent when it could not be asked. */
  readonly standby?: boolean;
}

/** The report engine's own pool on REPORTS_DATABASE_URL (a streaming read replica). */
export interface ReportsDatabase {
  readonly db: Kysely<any>;
  /** The URL without its password, for logs. */
  readonly url: string;
  /** Asks the replica whether it answers, and whether it is a standby; never throws. */
  probe(timeoutMs?: number): Promise<ReportsDatabaseHealth>;
  close(): Promise<void>;
}

/**
 * A new connection to the replica gives up after this long: a report then answers 503
 * REPORTS_UNREACHABLE instead of hanging on a host that drops packets.
 */
const CONNECT_TIMEOUT_MS = 5_000;
const PROBE_TIMEOUT_MS = 3_000;
/** The replica's `pg_stat_activity.application_name` of report sessions. */
export const REPORTS_APPLICATION_NAME = 'tessera-reports';

/**
 * Opens the reports pool when REPORTS_DATABASE_URL is set (else undefined: reports use the
 * primary). It connects lazily — a replica that is down when the node starts must not stop the
 * node, only its reports — and closes with the app.
 */
export function registerReportsDatabase(
  app: FastifyInstance,
  config: Pick<Config, 'REPORTS_DATABASE_URL'>,
): ReportsDatabase | undefined {
  if (!config.REPORTS_DATABASE_URL) return undefined;
  const reports = openReportsDatabase(config.REPORTS_DATABASE_URL);
  app.addHook('onClose', () => reports.close());
  app.addHook('onReady', async () => {
    // not awaited: a slow replica must not delay the node's start
    void reports.probe().then((health) => {
      if (health.status === 'unavailable')
        app.log.warn(`reports database ${reports.url} cannot be reached: reports answer 503 until it can`);
      else if (health.standby === false)
        app.log.warn(`reports database ${reports.url} is not a standby (pg_is_in_recovery() is false)`);
    });
  });
  return reports;
}

export function openReportsDatabase(url: string, poolSize = 10): ReportsDatabase {
  const { db } = openPool(url, {
    poolSize,
    connectionTimeoutMs: CONNECT_TIMEOUT_MS,
    applicationName: REPORTS_APPLICATION_NAME,
  });
  let closed = false;
  return {
    db,
    url: redact(url),
    async probe(timeoutMs = PROBE_TIMEOUT_MS) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const asked = sql<{ standby: boolean }>`select pg_is_in_recovery() as standby`
        .execute(db)
        .then((r): ReportsDatabaseHealth => ({ status: 'ok', standby: r.rows[0]?.standby === true }))
        .catch((): ReportsDatabaseHealth => ({ status: 'unavailable' }));
      const late = new Promise<ReportsDatabaseHealth>((resolve) => {
        timer = setTimeout(() => resolve({ status: 'unavailable' }), timeoutMs);
      });
      try {
        return await Promise.race([asked, late]);
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}
