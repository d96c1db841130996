export { copyFromStream } from './copy/copy-from';
export {
  type Database,
  type DatabaseKind,
  type DatabaseOptions,
  openDatabase,
  openPool,
  type PoolOptions,
  redact,
} from './database';
export { StoreError, type StoreErrorCode } from './errors';
export { UUID_V7 } from './ids/uuid-v7';
export { MAIL_SEND_TASK, type MailInput, queueMail } from './messages/mail-outbox.writer';
export {
  MESSAGE_SEND_TASK,
  type MessageInput,
  type OutboxMessage,
  phoneNumbersOf,
  queueMessage,
  readAppMessaging,
  readAppMessenger,
  titleOf,
} from './messages/message-outbox.writer';
export { insertNotification, type NotificationInput } from './messages/notification.writer';
export { type UserContacts, userContactsFor } from './messages/user-contacts.reader';
export { systemMigrations } from './migrations';
export { type MigrationReport, migrateToLatest } from './migrator';
export { prepared } from './prepared/prepared-statements';
export { orphanedJobs } from './queue/dead-worker.reclaimer';
export { releaseJobsDueBy } from './queue/due-jobs.release';
export {
  type EnqueueOptions,
  enqueue,
  type JobHandler,
  type JobWorker,
  type JobWorkerOptions,
  startJobWorker,
} from './queue/job-queue';
export { jobRowsCtes } from './queue/job-rows.sql';
export { wakeJobWorkers } from './queue/job-wakeup';
export type { JsonValue, SystemDatabase } from './system-tables/system-database';
export { systemTables } from './system-tables/system-tables';
