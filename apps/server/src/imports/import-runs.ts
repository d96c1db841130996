import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { analyzeAppTables, type RecordsAccess } from '@tessera/forms';
import {
  finishImportJob,
  type ImportCounts,
  type ImportOptions,
  ImportOwnerLock,
  importSheet,
  insertImportJob,
  interruptOrphanedImports,
  markImportRunning,
  type SheetFormat,
} from '@tessera/sheets';
import type { Database } from '@tessera/store';
import type { Kysely } from 'kysely';
import type { Clock } from '../config/clock';

/**
 * An import that wrote this many rows refreshes the app's planner statistics before it is done, so
 * plans and the report cost check (EXPLAIN) see the new rows (PGlite has no autovacuum to do it).
 */
const ANALYZE_AFTER_ROWS = 1000;

/** What this process knows of an import it is running (the database has the rest once it ends). */
export interface LiveImport {
  readonly id: string;
  readonly app: string;
  readonly form: string;
  readonly createdBy: string;
  status: 'queued' | 'running';
  counts: Partial<ImportCounts> & { rowsUnchanged?: number };
}

export interface ImportRunRequest {
  readonly id: string;
  readonly app: string;
  readonly form: string;
  readonly path: string;
  readonly format: SheetFormat;
  readonly options: ImportOptions;
  readonly userId: string;
  /** The caller's access as authorize resolved it (row scopes, hidden and read-only fields). */
  readonly access: RecordsAccess | undefined;
}

/**
 * Runs imports in this process, in the background: the request that uploaded the file has ended
 * when it runs. In-process rather than on the job queue because the spooled file is on this
 * server's disk (a worker on another node could not read it) and an all-or-nothing import is one
 * transaction that cannot be resumed by a retry anyway. Imports run one at a time (a second waits
 * its turn), so two big imports never hold two long transactions at once. Live counters are kept
 * here — on the embedded PGlite a second connection waits while the import's transaction is open.
 */
export class ImportRuns {
  private readonly live = new Map<string, LiveImport>();
  private tail: Promise<void> = Promise.resolve();
  /** This process's liveness while it has imports (an import of a dead owner ends `interrupted`). */
  private readonly owner: ImportOwnerLock;

  constructor(
    private readonly deps: { db: Kysely<any>; timeZone: string; clock: Clock; pool?: Database['pool'] },
  ) {
    this.owner = new ImportOwnerLock(deps.db, randomUUID());
  }

  get(id: string): LiveImport | undefined {
    return this.live.get(id);
  }

  /**
   * Records an import (owned by this process, whose lock is taken first) and starts it in the
   * background; returns its id.
   */
  async submit(
    job: Omit<Parameters<typeof insertImportJob>[1], 'owner'>,
    request: Omit<ImportRunRequest, 'id'>,
  ): Promise<string> {
    await this.owner.hold();
    let id: string;
    try {
      id = await insertImportJob(this.deps.db, { ...job, owner: this.owner.owner });
    } catch (error) {
      await this.owner.drop();
      throw error;
    }
    this.start({ ...request, id });
    return id;
  }

  /** Imports of server processes that are gone (crashed, killed) are marked `interrupted`. */
  interruptOrphans(): Promise<string[]> {
    return interruptOrphanedImports(this.deps.db, this.deps.clock.now());
  }

  private start(request: ImportRunRequest): void {
    const state: LiveImport = {
      id: request.id,
      app: request.app,
      form: request.form,
      createdBy: request.userId,
      status: 'queued',
      counts: {},
    };
    this.live.set(request.id, state);
    this.tail = this.tail.then(() => this.run(request, state));
  }

  /** Waits for every import started here (server shutdown). */
  async drain(): Promise<void> {
    await this.tail;
  }

  private async run(request: ImportRunRequest, state: LiveImport): Promise<void> {
    const { db, clock, timeZone } = this.deps;
    try {
      await markImportRunning(db, request.id);
      state.status = 'running';
      const report = await importSheet({
        db,
        actor: { id: request.userId },
        clock,
        timeZone,
        // the caller's access: applied row by row by the records service, and in SQL by the set-based path
        ...(request.access ? { access: request.access } : {}),
        ...(this.deps.pool ? { pool: this.deps.pool } : {}),
        app: request.app,
        form: request.form,
        input: createReadStream(request.path),
        format: request.format,
        options: request.options,
        onProgress: (counts) => {
          state.counts = counts;
        },
      });
      if (report.counts.rowsCreated + report.counts.rowsUpdated >= ANALYZE_AFTER_ROWS)
        await analyzeAppTables(db, request.app).catch(() => undefined); // statistics are best effort
      await finishImportJob(db, request.id, { report, at: clock.now() });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await finishImportJob(db, request.id, { error: message, counts: state.counts, at: clock.now() }).catch(
        () => undefined,
      );
    } finally {
      this.live.delete(request.id);
      await rm(request.path, { force: true });
      await this.owner.drop().catch(() => undefined);
    }
  }
}
