import { type Database, type JobWorker, migrateToLatest, openDatabase, startJobWorker } from '@tessera/store';
import type { FastifyInstance } from 'fastify';
import type { DemoDataRun, DemoOutcome } from './bootstrap/demo';
import { ensureFirstAdmin, type FirstAdmin } from './bootstrap/first-admin';
import { schemaIsCurrent } from './bootstrap/schema-current.check';
import { followClock, isShifted, openServerClock } from './clock/server-clock';
import type { Clock } from './config/clock';
import { type Config, diagnostics, platformTimeZone } from './config/config';

export interface RunningServer {
  readonly app: FastifyInstance;
  readonly database: Database;
  readonly url: string;
  readonly firstAdmin: FirstAdmin;
  readonly demo: DemoOutcome;
  /** The demo data being generated in the background after the first start (else undefined). */
  readonly demoData: DemoDataRun | undefined;
  stop(): Promise<void>;
}

/** Waits for `step` at most `ms` (its failure is left to whoever else awaits it). */
const bounded = (step: Promise<unknown>, ms: number) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    step.then(
      () => {
        clearTimeout(timer);
        resolve();
      },
      () => {
        clearTimeout(timer);
        resolve();
      },
    );
  });

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
/** TESSERA_TRACE_STARTUP=1 prints when each start-up phase ended (wall and CPU ms since the process began). */
const trace = (phase: string) => {
  if (!diagnostics().traceStartup) return;
  const cpu = process.cpuUsage();
  process.stderr.write(
    `start-up: ${phase} at ${performance.now().toFixed(0)} ms (cpu ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms, ` +
      `rss ${mib(process.memoryUsage().rss)}, heap ${mib(process.memoryUsage().heapUsed)})\n`,
  );
};

/** The HTTP app, the engines and the demo installer: loaded while the database opens. */
const loadModules = () =>
  Promise.all([
    import('./http/app'),
    import('./bootstrap/demo'),
    import('@tessera/rules'),
    import('./jobs/job-tasks'),
    import('./files/file-sweep.job'),
    import('./files/file-storage.config'),
  ]);

/** Opens the database, migrates it, makes sure someone can log in, serves the API and runs the workers. */
export async function startServer(
  config: Config,
  options: {
    logger?: boolean | object;
    /** The clock of every engine, route and job (default: the one TESSERA_CLOCK selects). */
    clock?: Clock;
  } = {},
): Promise<RunningServer> {
  // Start-up time: the embedded database opens (file reads, WebAssembly compilation) while the
  // rest of the server's modules load, instead of one after the other.
  trace('begin');
  const loading = loadModules();
  loading.then(() => trace('modules loaded')).catch(() => {}); // failures are reported below
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
  trace('database open');
  let app: FastifyInstance | undefined;
  let worker: JobWorker | undefined;
  let demoData: DemoDataRun | undefined;
  let unfollowClock: (() => Promise<void>) | undefined;
  // Within TESSERA_SHUTDOWN_TIMEOUT_MS whatever runs: requests, jobs and statements get what is
  // left of it, then the database is closed anyway (a statement still running on the embedded
  // one is ended; its data recovers at the next start).
  const stop = async () => {
    const deadline = Date.now() + config.TESSERA_SHUTDOWN_TIMEOUT_MS;
    const left = () => Math.max(0, deadline - Date.now());
    const within = (step: Promise<unknown> | undefined) => (step ? bounded(step, left()) : undefined);
    await within(demoData?.stop());
    await within(app?.close());
    await within(worker?.stop());
    await within(unfollowClock?.());
    await database.close({ graceMs: left() });
  };
  try {
    // The job worker migrates the queue's own schema when it starts; without one, migrate it here.
    if (!(await schemaIsCurrent(database.db)) || config.WORKERS === 0)
      await migrateToLatest(database.db, database.connectionString);
    trace('schema current');
    const [
      { buildApp },
      { ensureDemo, generateDemoInBackground },
      { scheduleRuleTick },
      { jobTasks },
      { scheduleFileSweep },
      { fileStorageFrom },
    ] = await loading;
    const firstAdmin = await ensureFirstAdmin(database.db, {
      username: config.TESSERA_ADMIN_USER,
      password: config.TESSERA_ADMIN_PASSWORD,
    });
    const timeZone = platformTimeZone(config);
    const clock = options.clock ?? (await openServerClock(database.db, config));
    if (config.TESSERA_CLOCK === 'movable' && isShifted(clock))
      unfollowClock = followClock(database.db, clock);
    const demo = await ensureDemo(database.db, {
      enabled: config.TESSERA_DEMO,
      dir: config.TESSERA_DEMO_PACK,
      timeZone,
      clock,
      files: fileStorageFrom(config),
    });
    trace('first admin and demo checked');
    app = await buildApp({
      config,
      db: database.db,
      pool: database.pool,
      databaseKind: database.kind,
      ...(database.busyForMs ? { databaseBusyForMs: () => database.busyForMs?.() } : {}),
      logger: options.logger,
      clock,
    });
    trace('app built');
    await app.listen({ port: config.PORT, host: config.HOST });
    trace('listening');
    if (config.WORKERS > 0) {
      await scheduleRuleTick(database.db);
      await scheduleFileSweep(database.db);
      worker = await startJobWorker({
        connectionString: database.connectionString,
        concurrency: config.WORKERS,
        tasks: jobTasks({
          db: database.db,
          config,
          clock,
          files: {
            storage: fileStorageFrom(config),
            graceMs: config.TESSERA_FILE_ORPHAN_HOURS * 3_600_000,
          },
        }),
      });
    }
    trace('workers started');
    // last: on the embedded database its batches queue with every other transaction
    if (demo.installed)
      demoData = generateDemoInBackground(database.db, demo, app.log, {
        databaseKind: database.kind,
        timeZone,
        clock,
        customers: config.TESSERA_DEMO_CUSTOMERS,
        whenQuiet: () => app!.requestActivity.whenQuiet(),
      });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
    return { app, database, url: `http://${host}:${port}`, firstAdmin, demo, demoData, stop };
  } catch (error) {
    await stop().catch(() => {});
    throw error;
  }
}
