/**
 * Request and response types of the HTTP API, kept here until the shared contracts
 * (`@tessera/api`, packages/api) land on main; then this file is deleted and every import
 * switches to `@tessera/api`. Shapes follow apps/server's route schemas.
 */
import type { FormDefinition } from '@tessera/schema';

export type Locale = 'en' | 'zh-CN';
export type Label = Partial<Record<string, string>>;

export interface FieldProblem {
  readonly path: string;
  readonly message: string;
}
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly code: string;
  readonly detail?: string;
  readonly errors: readonly FieldProblem[];
  /** On 409 STALE_VERSION: who changed the record last, and when (when the server says). */
  readonly current?: {
    readonly version?: number;
    readonly updatedBy?: string | null;
    readonly updatedAt?: string;
  };
}

export interface SessionUser {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly email: string | null;
  readonly isAdmin: boolean;
  readonly locale: string;
}
export interface UserRef {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
}
export interface MeInfo {
  readonly user: SessionUser & {
    readonly department: { id: string; code: string; name: string } | null;
    readonly manager: UserRef | null;
    readonly roles: readonly string[];
  };
  readonly csrfToken: string;
  /** The platform's IANA zone: "today" of defaults and formulas. */
  readonly timeZone: string;
}
export interface SessionInfo {
  readonly user: SessionUser;
  readonly csrfToken: string;
}

export interface AppSummary {
  readonly key: string;
  readonly title: Label;
  readonly createdAt: string;
}
export interface FormSummary {
  readonly key: string;
  readonly title: Label | null;
  readonly publishedVersion: number | null;
  readonly hasDraft: boolean;
}
export interface PublishedForm {
  readonly version: number;
  readonly definition: FormDefinition;
  /** What the caller may do with the form's records (create, read, import, export, design…). */
  readonly actions?: readonly string[];
}

export interface StoredRecord {
  readonly id: string;
  readonly version: number;
  readonly created_at: string;
  readonly created_by: string | null;
  readonly updated_at: string;
  readonly updated_by: string | null;
  readonly deleted_at: string | null;
  readonly [key: string]: unknown;
}
export interface ListPage {
  readonly items: readonly StoredRecord[];
  readonly nextCursor: string | null;
  readonly total?: number;
}
export interface ListParams {
  readonly filter?: unknown;
  readonly sort?: string;
  readonly limit?: number;
  readonly cursor?: string;
  readonly q?: string;
  readonly count?: 'exact' | 'none';
  readonly expand?: readonly string[];
}
export interface HistoryEntry {
  readonly id: number;
  readonly operation: 'created' | 'updated' | 'deleted' | 'restored';
  readonly version: number;
  readonly changes: Record<string, { old: unknown; new: unknown }>;
  readonly actorId: string | null;
  readonly at: string;
}

export interface Notification {
  readonly id: number;
  readonly kind: 'todo' | 'info';
  readonly title: string;
  readonly body: string | null;
  readonly link: { app: string; form: string | null; recordId: string | null } | null;
  readonly dueAt: string | null;
  readonly createdAt: string;
  readonly doneAt: string | null;
}

export interface TaskCounts {
  readonly todo: number;
  readonly done?: number;
  readonly cc?: number;
  readonly started?: number;
}

export interface OrgUser {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
}
