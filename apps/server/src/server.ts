import { scheduleRuleTick } from '@tessera/rules';
import { type Database, type JobWorker, migrateToLatest, openDatabase, startJobWorker } from '@tessera/store';
import type { FastifyInstance } from 'fastify';
import { type DemoOutcome, ensureDemo } from './bootstrap/demo';
import { ensureFirstAdmin, type FirstAdmin } from './bootstrap/first-admin';
import type { Config } from './config/config';
import { buildApp } from './http/app';
import { jobTasks } from './jobs/job-tasks';

export interface RunningServer {
  readonly app: FastifyInstance;
  readonly database: Database;
  readonly url: string;
  readonly firstAdmin: FirstAdmin;
  readonly demo: DemoOutcome;
  stop(): Promise<void>;
}

/** Opens the database, migrates it, makes sure someone can log in, serves the API and runs the workers. */
export async function startServer(
  config: Config,
  options: { logger?: boolean | object } = {},
): Promise<RunningServer> {
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
  let app: FastifyInstance | undefined;
  let worker: JobWorker | undefined;
  const stop = async () => {
    await app?.close();
    await worker?.stop();
    await database.close();
  };
  try {
    await migrateToLatest(database.db, database.connectionString);
    const firstAdmin = await ensureFirstAdmin(database.db, {
      username: config.TESSERA_ADMIN_USER,
      password: config.TESSERA_ADMIN_PASSWORD,
    });
    const demo = await ensureDemo(database.db, {
      enabled: config.TESSERA_DEMO,
      dir: config.TESSERA_DEMO_PACK,
    });
    app = await buildApp({ config, db: database.db, databaseKind: database.kind, logger: options.logger });
    await app.listen({ port: config.PORT, host: config.HOST });
    if (config.WORKERS > 0) {
      await scheduleRuleTick(database.db);
      worker = await startJobWorker({
        connectionString: database.connectionString,
        concurrency: config.WORKERS,
        tasks: jobTasks({ db: database.db, config }),
      });
    }
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
    return { app, database, url: `http://${host}:${port}`, firstAdmin, demo, stop };
  } catch (error) {
    await stop().catch(() => {});
    throw error;
  }
}
