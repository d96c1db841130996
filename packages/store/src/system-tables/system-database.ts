// Generated from the migrations by system-database.test.ts (`pnpm exec vitest run
// packages/store/src/system-tables -u` after a migration); do not edit by hand.
import type { ColumnType, Generated } from 'kysely';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
/** A timestamp: read as a Date, written as a Date or ISO text (`N`: null, `I`: optional on insert). */
export type Timestamp<N = never, I = never> = ColumnType<Date | N, Date | string | N | I, Date | string | N>;

export interface AppRolesTable {
  app_key: string;
  role_key: string;
  position: number;
  definition: JsonValue;
  updated_at: Timestamp;
}

export interface AppsTable {
  id: Generated<string>;
  key: string;
  title: Generated<JsonValue>;
  created_at: Timestamp<never, undefined>;
  created_by: string | null;
  published_stamp: Generated<number>;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp<never, undefined>;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  detail: Generated<JsonValue>;
  ip: string | null;
}

export interface DashboardsTable {
  id: Generated<string>;
  app_id: string;
  key: string;
  version: Generated<number>;
  definition: JsonValue;
  created_at: Timestamp<never, undefined>;
  created_by: string | null;
  updated_at: Timestamp<never, undefined>;
  updated_by: string | null;
}

export interface DepartmentsTable {
  id: Generated<string>;
  code: string;
  name: string;
  parent_id: string | null;
  manager_id: string | null;
}

export interface FilesTable {
  id: string;
  storage_key: string;
  size: number;
  sha256: string;
  content_type: string;
  name: string;
  uploaded_by: string | null;
  form_id: string;
  field: string;
  record_id: string | null;
  created_at: Timestamp;
  attached_at: Timestamp<null>;
  detached_at: Timestamp<null>;
  deleted_at: Timestamp<null>;
  purged_at: Timestamp<null>;
}

export interface FlowCcTable {
  id: Generated<string>;
  instance_id: string;
  node_id: string;
  user_id: string;
  by_user_id: string | null;
  created_at: Timestamp;
  read_at: Timestamp<null>;
}

export interface FlowDefinitionsTable {
  id: Generated<string>;
  app_key: string;
  key: string;
  form_key: string;
  draft: JsonValue | null;
  published_version: number | null;
  created_at: Timestamp<never, undefined>;
  updated_at: Timestamp<never, undefined>;
}

export interface FlowHistoryTable {
  id: Generated<number>;
  instance_id: string;
  step: number;
  at: Timestamp;
  kind: string;
  node_id: string | null;
  task_key: string | null;
  actor_id: string | null;
  detail: Generated<JsonValue>;
}

export interface FlowInstancesTable {
  id: Generated<string>;
  flow_version_id: string;
  app_key: string;
  flow_key: string;
  version: number;
  form_key: string;
  record_id: string | null;
  initiator_id: string | null;
  status: string;
  outcome: string | null;
  state: JsonValue;
  steps: Generated<number>;
  started_at: Timestamp;
  updated_at: Timestamp;
  ended_at: Timestamp<null>;
  start_key: string | null;
}

export interface FlowTasksTable {
  id: Generated<string>;
  instance_id: string;
  task_key: string;
  node_id: string;
  kind: string;
  assignee_id: string;
  status: string;
  created_at: Timestamp;
  due_at: Timestamp<null>;
  completed_at: Timestamp<null>;
  completed_by: string | null;
  comment: string | null;
}

export interface FlowTimersTable {
  id: Generated<string>;
  instance_id: string;
  timer_key: string;
  node_id: string;
  purpose: string;
  run_at: Timestamp;
  status: string;
}

export interface FlowTokensTable {
  instance_id: string;
  token_key: string;
  node_id: string;
  status: string;
  waits_for: string | null;
}

export interface FlowVersionsTable {
  id: Generated<string>;
  flow_id: string;
  version: number;
  definition: JsonValue;
  published_at: Timestamp;
  published_by: string | null;
}

export interface FormColumnsTable {
  form_id: string;
  table_name: string;
  column_name: string;
  field_id: string | null;
  role: string;
  sql_type: string;
  state: string;
  updated_at: Timestamp<never, undefined>;
}

export interface FormVersionsTable {
  id: Generated<string>;
  form_id: string;
  version: number;
  status: string;
  definition: JsonValue;
  plan: JsonValue | null;
  created_at: Timestamp<never, undefined>;
  created_by: string | null;
  updated_at: Timestamp<never, undefined>;
  published_at: Timestamp<null>;
  published_by: string | null;
}

export interface FormsTable {
  id: Generated<string>;
  app_id: string;
  key: string;
  published_version: number | null;
  created_at: Timestamp<never, undefined>;
  created_by: string | null;
}

export interface ImportProblemsTable {
  import_id: string;
  seq: number;
  row: number;
  column_name: string | null;
  field: string | null;
  message: string;
}

export interface ImportsTable {
  id: Generated<string>;
  app_key: string;
  form_key: string;
  file_name: string | null;
  format: string;
  options: JsonValue;
  status: string;
  outcome: string | null;
  counts: Generated<JsonValue>;
  columns: Generated<JsonValue>;
  unknown_columns: Generated<JsonValue>;
  problem_count: Generated<number>;
  error: string | null;
  created_by: string | null;
  created_at: Timestamp;
  finished_at: Timestamp<null>;
  owner: string | null;
}

export interface InstalledPacksTable {
  id: Generated<number>;
  app_key: string;
  name: string;
  version: string;
  hash: string;
  manifest: JsonValue;
  files: JsonValue;
  documents: Generated<JsonValue>;
  applied_at: Timestamp;
  applied_by: string | null;
}

export interface KyselyMigrationTable {
  name: string;
  timestamp: string;
}

export interface KyselyMigrationLockTable {
  id: string;
  is_locked: Generated<number>;
}

export interface MailOutboxTable {
  id: Generated<number>;
  to_address: string;
  to_name: string | null;
  locale: string;
  subject: string;
  body: string;
  status: string;
  attempts: Generated<number>;
  last_error: string | null;
  rule_action_id: number | null;
  created_at: Timestamp;
  sent_at: Timestamp<null>;
}

export interface MessageOutboxTable {
  id: Generated<number>;
  app_key: string;
  channel: string;
  messenger_key: string;
  messenger: JsonValue;
  message: JsonValue;
  status: string;
  attempts: Generated<number>;
  last_error: string | null;
  rule_action_id: number | null;
  flow_instance_id: string | null;
  created_at: Timestamp;
  sent_at: Timestamp<null>;
}

export interface NotificationsTable {
  id: Generated<number>;
  user_id: string;
  kind: string;
  title: string;
  body: string | null;
  app_key: string | null;
  form_key: string | null;
  record_id: string | null;
  rule_action_id: number | null;
  due_at: Timestamp<null>;
  created_at: Timestamp;
  done_at: Timestamp<null>;
}

export interface PrintAssetsTable {
  app_id: string;
  name: string;
  content_type: string;
  content: Buffer | null;
  sha256: string;
  updated_at: Timestamp<never, undefined>;
  storage_key: string | null;
  size: Generated<number>;
}

export interface PrintTemplatesTable {
  id: Generated<string>;
  app_id: string;
  key: string;
  form_key: string;
  version: Generated<number>;
  definition: JsonValue;
  created_at: Timestamp<never, undefined>;
  created_by: string | null;
  updated_at: Timestamp<never, undefined>;
  updated_by: string | null;
  draft: JsonValue | null;
  draft_updated_at: Timestamp<null>;
  draft_updated_by: string | null;
}

export interface RecordHistoryTable {
  id: Generated<number>;
  form_id: string;
  record_id: string;
  operation: string;
  version: number;
  changes: JsonValue;
  actor_id: string | null;
  at: Timestamp;
}

export interface RecordNumberOffsetsTable {
  form_id: string;
  field_id: string;
  period: string;
  value_offset: number;
}

export interface RecordSequencesTable {
  form_id: string;
  field_id: string;
  period: string;
  value: number;
  updated_at: Timestamp<never, undefined>;
}

export interface ReportsTable {
  id: Generated<string>;
  app_id: string;
  key: string;
  version: Generated<number>;
  definition: JsonValue;
  created_at: Timestamp<never, undefined>;
  created_by: string | null;
  updated_at: Timestamp<never, undefined>;
  updated_by: string | null;
}

export interface RoleMembersTable {
  role: string;
  user_id: string;
}

export interface RolesTable {
  key: string;
  title: Generated<JsonValue>;
}

export interface RuleActionsTable {
  id: Generated<number>;
  firing_id: number;
  action_index: number;
  type: string;
  status: string;
  attempts: Generated<number>;
  max_attempts: number;
  last_error: string | null;
  next_attempt_at: Timestamp;
  locked_until: Timestamp<null>;
  created_at: Timestamp;
  done_at: Timestamp<null>;
}

export interface RuleFiringsTable {
  id: Generated<number>;
  rule_id: string;
  rule_version: number;
  record_id: string;
  occurrence: string;
  context: JsonValue;
  fired_at: Timestamp;
}

export interface RuleRunsTable {
  id: Generated<number>;
  rule_id: string;
  record_id: string | null;
  occurrence: string | null;
  outcome: string;
  reason: string;
  at: Timestamp;
}

export interface RuleVersionsTable {
  id: Generated<string>;
  rule_id: string;
  version: number;
  status: string;
  definition: JsonValue;
  created_at: Timestamp<never, undefined>;
  created_by: string | null;
  updated_at: Timestamp<never, undefined>;
  published_at: Timestamp<null>;
  published_by: string | null;
}

export interface RulesTable {
  id: Generated<string>;
  app_key: string;
  key: string;
  published_version: number | null;
  enabled: Generated<boolean>;
  schedule_cursor: Timestamp<null>;
  created_at: Timestamp<never, undefined>;
  created_by: string | null;
  updated_at: Timestamp<never, undefined>;
}

export interface SavedViewsTable {
  id: Generated<string>;
  app_id: string;
  form_key: string;
  owner_id: string;
  name: string;
  shared: Generated<boolean>;
  settings: JsonValue;
  version: Generated<number>;
  created_at: Timestamp<never, undefined>;
  updated_at: Timestamp<never, undefined>;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp<never, undefined>;
  last_seen_at: Timestamp<never, undefined>;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface SettingsTable {
  key: string;
  value: JsonValue;
  updated_at: Timestamp<never, undefined>;
}

export interface UserOrgTable {
  user_id: string;
  department_id: string | null;
  manager_id: string | null;
}

export interface UsersTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  email: string | null;
  password_hash: string;
  is_admin: Generated<boolean>;
  status: Generated<string>;
  locale: Generated<string>;
  created_at: Timestamp<never, undefined>;
  updated_at: Timestamp<never, undefined>;
  last_login_at: Timestamp<null>;
  mobile: string | null;
  im_ids: Generated<JsonValue>;
}

/** The `tessera.*` system tables, for `Kysely<SystemDatabase>` (see `systemTables`). */
export interface SystemDatabase {
  'tessera.app_roles': AppRolesTable;
  'tessera.apps': AppsTable;
  'tessera.audit_log': AuditLogTable;
  'tessera.dashboards': DashboardsTable;
  'tessera.departments': DepartmentsTable;
  'tessera.files': FilesTable;
  'tessera.flow_cc': FlowCcTable;
  'tessera.flow_definitions': FlowDefinitionsTable;
  'tessera.flow_history': FlowHistoryTable;
  'tessera.flow_instances': FlowInstancesTable;
  'tessera.flow_tasks': FlowTasksTable;
  'tessera.flow_timers': FlowTimersTable;
  'tessera.flow_tokens': FlowTokensTable;
  'tessera.flow_versions': FlowVersionsTable;
  'tessera.form_columns': FormColumnsTable;
  'tessera.form_versions': FormVersionsTable;
  'tessera.forms': FormsTable;
  'tessera.import_problems': ImportProblemsTable;
  'tessera.imports': ImportsTable;
  'tessera.installed_packs': InstalledPacksTable;
  'tessera.kysely_migration': KyselyMigrationTable;
  'tessera.kysely_migration_lock': KyselyMigrationLockTable;
  'tessera.mail_outbox': MailOutboxTable;
  'tessera.message_outbox': MessageOutboxTable;
  'tessera.notifications': NotificationsTable;
  'tessera.print_assets': PrintAssetsTable;
  'tessera.print_templates': PrintTemplatesTable;
  'tessera.record_history': RecordHistoryTable;
  'tessera.record_number_offsets': RecordNumberOffsetsTable;
  'tessera.record_sequences': RecordSequencesTable;
  'tessera.reports': ReportsTable;
  'tessera.role_members': RoleMembersTable;
  'tessera.roles': RolesTable;
  'tessera.rule_actions': RuleActionsTable;
  'tessera.rule_firings': RuleFiringsTable;
  'tessera.rule_runs': RuleRunsTable;
  'tessera.rule_versions': RuleVersionsTable;
  'tessera.rules': RulesTable;
  'tessera.saved_views': SavedViewsTable;
  'tessera.sessions': SessionsTable;
  'tessera.settings': SettingsTable;
  'tessera.user_org': UserOrgTable;
  'tessera.users': UsersTable;
}
