export { type Database, type DatabaseKind, type DatabaseOptions, openDatabase, redact } from './database';
export { StoreError, type StoreErrorCode } from './errors';
export { systemMigrations } from './migrations';
export { type MigrationReport, migrateToLatest } from './migrator';
export {
  type EnqueueOptions,
  enqueue,
  type JobHandler,
  type JobWorker,
  type JobWorkerOptions,
  startJobWorker,
} from './queue/job-queue';
