import type { Assignee, Recipient } from '@tessera/schema';
import type { TaskStatus, TimerPurpose } from './instance-state';

/**
 * What the core asks the runner to do. The runner executes them in the step's transaction
 * (rows) or enqueues them as jobs (messages, webhooks); `resolve-assignees` is answered with an
 * `assignees-resolved` event, `reload-record` with `record-reloaded`, inside the same transaction.
 */
export type FlowCommand =
  | {
      readonly type: 'resolve-assignees';
      readonly tokenId: string;
      readonly nodeId: string;
      readonly assignees: readonly Assignee[];
      /** 'admin': the runner answers with the admins when nobody resolves. */
      readonly fallback: 'admin' | 'auto_pass' | 'error';
    }
  | {
      readonly type: 'create-task';
      readonly taskId: string;
      readonly nodeId: string;
      readonly userId: string;
      readonly kind: 'approval' | 'user_task' | 'resubmit';
      readonly status: 'open' | 'waiting';
      readonly dueAt?: string;
    }
  | { readonly type: 'activate-task'; readonly taskId: string }
  | { readonly type: 'suspend-task'; readonly taskId: string }
  | {
      readonly type: 'complete-task';
      readonly taskId: string;
      readonly status: TaskStatus;
      readonly actorId: string | null;
      readonly comment?: string;
    }
  | { readonly type: 'cancel-task'; readonly taskId: string; readonly status: 'cancelled' }
  | {
      readonly type: 'schedule-timer';
      readonly timerId: string;
      readonly nodeId: string;
      readonly purpose: TimerPurpose;
      readonly runAt: string;
    }
  | { readonly type: 'cancel-timer'; readonly timerId: string }
  | {
      readonly type: 'update-record';
      /** Another form's records (with `where`), or the instance's own record. */
      readonly form?: string;
      readonly where?: unknown;
      readonly set: Readonly<Record<string, unknown>>;
      /** Who wrote the values (a task's actor: the record's history names them); else the system. */
      readonly actorId?: string | null;
    }
  /**
   * The node wrote records: read the instance's record again as the records service stored it
   * (formulas, rollups, lookups recomputed) and answer `record-reloaded` in the same step, so
   * what comes next — a gateway above all — sees exactly what is stored.
   */
  | { readonly type: 'reload-record'; readonly tokenId: string }
  | {
      readonly type: 'create-record';
      readonly form: string;
      readonly values: Readonly<Record<string, unknown>>;
      readonly lineItems: Readonly<Record<string, readonly Readonly<Record<string, unknown>>[]>>;
      readonly linkBack?: string;
    }
  | {
      readonly type: 'notify';
      readonly reason: 'action' | 'remind' | 'due';
      readonly channels: readonly string[];
      /** Recipients to resolve, and/or users already known. */
      readonly to: readonly Recipient[];
      readonly userIds: readonly string[];
      readonly subject: Readonly<Record<string, string>> | null;
      readonly body: Readonly<Record<string, string>>;
      readonly nodeId: string;
      /** IM / SMS through a messenger of the app's pack.json (`messaging`), rendered. */
      readonly via?: { readonly im?: string; readonly sms?: string };
      readonly im?: {
        readonly format: 'text' | 'markdown' | 'card';
        readonly buttons: readonly {
          readonly title: Readonly<Record<string, string>>;
          readonly url: string;
        }[];
        readonly mentionUserIds: readonly string[];
        readonly mentionAll: boolean;
      };
      readonly sms?: { readonly templateCode?: string; readonly params?: Readonly<Record<string, string>> };
    }
  | {
      readonly type: 'cc';
      readonly nodeId: string;
      readonly byUserId: string | null;
      readonly to: readonly Assignee[];
      readonly userIds: readonly string[];
    }
  | {
      readonly type: 'call-webhook';
      readonly nodeId: string;
      readonly url: string;
      readonly method: 'POST' | 'PUT' | 'PATCH';
      readonly headers: Readonly<Record<string, string>>;
      readonly body: unknown;
      readonly secretEnv?: string;
      readonly retries: number;
    }
  | { readonly type: 'start-flow'; readonly nodeId: string; readonly flow: string }
  | {
      readonly type: 'complete-instance';
      readonly status: 'completed' | 'withdrawn' | 'failed';
      readonly outcome: string;
    };

export type FlowCommandType = FlowCommand['type'];

/** One line of the instance's timeline (`tessera.flow_history`). */
export interface TimelineEntry {
  readonly at: string;
  readonly kind: string;
  readonly nodeId?: string;
  readonly taskId?: string;
  readonly actorId?: string | null;
  readonly detail?: Readonly<Record<string, unknown>>;
}
