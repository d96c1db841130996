import { SYSTEM_COLUMNS } from '@tessera/forms';
import type { FlowDefinition, FlowNode } from '@tessera/schema';
import { systemTables } from '@tessera/store';
import { type Kysely, sql } from 'kysely';
import { ALL_ACTIONS } from '../approvals/task-node-context';
import type { ApprovalAction } from '../core/flow-event';
import { nameOf } from '../core/node-name';
import { FlowError } from '../runner/flow.error';
import type { RecordGateway } from '../runner/flow-context';
import { applyFieldAccess, type RecordView } from './field-access';
import { encodeCursor, type InboxBox, type InboxCounts, inboxCounts, inboxPage } from './inbox-page.query';
import { type HistoryRow, nodeNames, nodesNamed, publicDetail, usersNamed } from './timeline-names';

export type { InboxBox, InboxCounts };

/** One page of a box; `nextCursor` fetches the next one (null: this was the last). */
export interface InboxPage {
  readonly items: readonly InboxItem[];
  readonly nextCursor: string | null;
}

export interface InboxItem {
  readonly taskId: string | null;
  readonly instanceId: string;
  readonly appKey: string;
  readonly flowKey: string;
  readonly formKey: string;
  readonly recordId: string | null;
  readonly nodeId: string | null;
  readonly nodeLabel: Record<string, string> | null;
  /** approval | user_task | resubmit (a request returned to its initiator); null for non-tasks. */
  readonly taskKind: string | null;
  readonly status: string;
  readonly instanceStatus: string;
  readonly outcome: string | null;
  readonly at: string;
  readonly dueAt: string | null;
  /** Who started the request, and the name people know them by. */
  readonly initiatorId: string | null;
  readonly initiatorName: string | null;
  /** The flow's title (of the version the instance runs on), to name the request in lists. */
  readonly flowTitle: Record<string, string> | null;
}

/** Which instances a list of them is about; `monitors` widens what a non-admin sees. */
export interface InstanceFilter {
  readonly appKey?: string | undefined;
  readonly flowKey?: string | undefined;
  readonly formKey?: string | undefined;
  readonly recordId?: string | undefined;
  readonly status?: string | undefined;
  readonly limit?: number | undefined;
}

/**
 * Who lists instances: admins see all; others the ones they started or hold a task in, plus
 * every instance of the flows they monitor (`app/flow`, or `app/*` for an app's admin), plus —
 * with `recordReadable` — every instance on the one record the filter names (they may read it).
 */
export interface InstanceViewer {
  readonly id: string;
  readonly isAdmin: boolean;
  readonly monitors?: readonly string[];
  readonly recordReadable?: boolean;
}

export interface TaskDetail {
  readonly task: InboxItem;
  readonly actions: readonly ApprovalAction[];
  readonly record: RecordView | null;
}

export interface Timeline {
  readonly instance: {
    id: string;
    appKey: string;
    flowKey: string;
    version: number;
    formKey: string;
    recordId: string | null;
    initiatorId: string | null;
    status: string;
    outcome: string | null;
    startedAt: string;
    endedAt: string | null;
  };
  readonly tasks: readonly {
    id: string;
    nodeId: string;
    assigneeId: string;
    status: string;
    createdAt: string;
    completedAt: string | null;
    comment: string | null;
  }[];
  readonly history: readonly {
    at: string;
    kind: string;
    nodeId: string | null;
    /** The task the line is about (the id the inbox gives it), when it is about one. */
    taskId: string | null;
    actorId: string | null;
    detail: unknown;
  }[];
  /** Display names of every user the timeline mentions (initiator, assignees, actors, targets). */
  readonly users: Readonly<Record<string, string>>;
  /** Names of every node the timeline mentions: the label, else the node type's name. */
  readonly nodes: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export interface InboxService {
  /** A page of a box, newest first (keyset: pass the previous page's `nextCursor`). */
  list(userId: string, box: InboxBox, options?: { limit?: number; cursor?: string }): Promise<InboxPage>;
  /** How many items each box holds (the badges). */
  counts(userId: string): Promise<InboxCounts>;
  /** A task with its record as the node lets its assignee see it; only for the assignee or an admin. */
  task(taskId: string, viewer: { id: string; isAdmin: boolean }): Promise<TaskDetail>;
  /**
   * Instances with where they stand (R12: managers follow every flow): admins see all, others
   * the ones they started or have a task in. Newest first.
   */
  instances(filter: InstanceFilter, viewer: InstanceViewer): Promise<readonly InboxItem[]>;
  /**
   * The instance's tasks and history; for the people involved and admins, and for whom
   * `alsoVisibleTo` (the route's check: a monitor of the flow, a reader of the record) allows.
   */
  timeline(
    instanceId: string,
    viewer: { id: string; isAdmin: boolean },
    alsoVisibleTo?: (instance: Timeline['instance']) => Promise<boolean>,
  ): Promise<Timeline>;
}

/** Columns every record has, which nobody edits (the resubmit form leaves them read-only). */
const SYSTEM_KEYS: ReadonlySet<string> = new Set(SYSTEM_COLUMNS);

/** Users by id → the name people know them by (display name, else user name). */
async function displayNames(db: Kysely<any>, ids: readonly string[]): Promise<Record<string, string>> {
  const valid = ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  if (valid.length === 0) return {};
  const rows = await sql<{ id: string; name: string }>`
    select id, coalesce(nullif(display_name, ''), username) as name from tessera.users
    where id = any(${valid}::uuid[])`.execute(db);
  return Object.fromEntries(rows.rows.map((r) => [String(r.id), r.name]));
}

const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).toISOString());

export function createInboxService(context: { db: Kysely<any>; records: RecordGateway }): InboxService {
  const { db } = context;
  const definitions = new Map<string, FlowDefinition>();
  async function definitionOf(versionId: string): Promise<FlowDefinition | undefined> {
    let definition = definitions.get(versionId);
    if (!definition) {
      const rows = await sql<{
        definition: FlowDefinition;
      }>`select definition from tessera.flow_versions where id = ${versionId}`.execute(db);
      definition = rows.rows[0]?.definition;
      if (definition) definitions.set(versionId, definition);
    }
    return definition;
  }

  async function nodeOf(versionId: string, nodeId: string | null): Promise<FlowNode | undefined> {
    if (!nodeId) return undefined;
    return (await definitionOf(versionId))?.nodes.find((n) => n.id === nodeId);
  }

  async function allowsWithdraw(versionId: string): Promise<boolean> {
    return (await definitionOf(versionId))?.allowWithdraw !== false;
  }

  async function toItem(row: Record<string, any>, names: Record<string, string> = {}): Promise<InboxItem> {
    const node = await nodeOf(row.flow_version_id, row.node_id ?? null);
    const title = (await definitionOf(row.flow_version_id))?.title;
    const initiatorId = row.initiator_id ? String(row.initiator_id) : null;
    return {
      taskId: row.task_id ?? null,
      instanceId: row.instance_id,
      appKey: row.app_key,
      flowKey: row.flow_key,
      formKey: row.form_key,
      recordId: row.record_id,
      nodeId: row.node_id ?? null,
      nodeLabel: node ? nameOf(node) : null,
      taskKind: row.task_kind ?? null,
      status: row.status,
      instanceStatus: row.instance_status,
      outcome: row.outcome,
      at: iso(row.at)!,
      dueAt: iso(row.due_at),
      initiatorId,
      initiatorName: initiatorId ? (names[initiatorId] ?? null) : null,
      flowTitle: title ? { ...title } : null,
    };
  }

  /** Rows as items, the initiators' names read in one query. */
  async function toItems(rows: readonly Record<string, any>[]): Promise<InboxItem[]> {
    const ids = [
      ...new Set(
        rows
          .map((r) => r.initiator_id)
          .filter(Boolean)
          .map(String),
      ),
    ];
    const names = await displayNames(db, ids);
    return Promise.all(rows.map((r) => toItem(r, names)));
  }

  const instanceCols = sql`i.id as instance_id, i.flow_version_id, i.app_key, i.flow_key, i.form_key, i.record_id,
    i.status as instance_status, i.outcome, i.initiator_id`;

  return {
    async list(userId, box, options = {}) {
      const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
      const rows = await inboxPage(db, userId, box, instanceCols, { limit, cursor: options.cursor });
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        items: await toItems(page),
        nextCursor: rows.length > limit && last ? encodeCursor(last.page_at, last.page_id) : null,
      };
    },

    counts: (userId) => inboxCounts(db, userId),

    async task(taskId, viewer) {
      if (!/^[0-9a-f-]{36}$/i.test(taskId))
        throw new FlowError('TASK_NOT_FOUND', `Task ${taskId} does not exist.`);
      const rows = await sql<Record<string, any>>`
        select t.id as task_id, t.node_id, t.kind as task_kind, t.status, t.due_at, t.created_at as at, t.assignee_id,
               ${instanceCols}
        from tessera.flow_tasks t join tessera.flow_instances i on i.id = t.instance_id where t.id = ${taskId}`.execute(
        db,
      );
      const row = rows.rows[0];
      if (!row || (row.assignee_id !== viewer.id && !viewer.isAdmin))
        throw new FlowError('TASK_NOT_FOUND', `Task ${taskId} does not exist.`);
      const node = await nodeOf(row.flow_version_id, row.node_id);
      const taskNode = node && (node.type === 'approval' || node.type === 'user_task') ? node : undefined;
      const record = row.record_id
        ? await context.records.load(db, {
            appKey: row.app_key,
            formKey: row.form_key,
            recordId: row.record_id,
          })
        : null;
      if (node?.type === 'start') {
        // A request returned to its initiator: edit (the start node's `fields`, default all) and resubmit.
        const fields =
          node.fields ??
          Object.fromEntries(
            Object.keys(record ?? {})
              .filter((k) => !SYSTEM_KEYS.has(k))
              .map((k) => [k, 'edit' as const]),
          );
        const actions: ApprovalAction[] = ['resubmit', 'comment'];
        if (row.status === 'open' && (await allowsWithdraw(row.flow_version_id))) actions.push('withdraw');
        return { task: (await toItems([row]))[0]!, actions, record: applyFieldAccess(record, fields) };
      }
      const actions = (taskNode?.actions ?? ALL_ACTIONS).filter((a) => a !== 'withdraw' && a !== 'remind');
      return {
        task: (await toItems([row]))[0]!,
        actions,
        record: applyFieldAccess(record, taskNode?.fields),
      };
    },

    async instances(filter, viewer) {
      const limit = Math.min(Math.max(filter.limit ?? 50, 1), 200);
      const monitors = [...(viewer.monitors ?? [])];
      const wholeRecord = viewer.recordReadable === true && Boolean(filter.recordId && filter.formKey);
      const rows = await sql<Record<string, unknown>>`
        select null as task_id, t.node_id, i.status, null as due_at, i.started_at as at, ${instanceCols}
        from tessera.flow_instances i
        left join lateral (select string_agg(distinct k.node_id, ',') as node_id from tessera.flow_tokens k
                           where k.instance_id = i.id) t on true
        where (${filter.appKey ?? null}::text is null or i.app_key = ${filter.appKey ?? null})
          and (${filter.flowKey ?? null}::text is null or i.flow_key = ${filter.flowKey ?? null})
          and (${filter.formKey ?? null}::text is null or i.form_key = ${filter.formKey ?? null})
          and (${filter.recordId ?? null}::text is null or i.record_id = ${filter.recordId ?? null})
          and (${filter.status ?? null}::text is null or i.status = ${filter.status ?? null})
          and (${viewer.isAdmin} or ${wholeRecord} or i.initiator_id = ${viewer.id}
               or (i.app_key || '/' || i.flow_key) = any(${monitors}::text[])
               or (i.app_key || '/*') = any(${monitors}::text[])
               or exists (select 1 from tessera.flow_tasks x where x.instance_id = i.id and x.assignee_id = ${viewer.id}))
        order by i.started_at desc, i.id limit ${limit}`.execute(db);
      return toItems(rows.rows);
    },

    async timeline(instanceId, viewer, alsoVisibleTo) {
      if (!/^[0-9a-f-]{36}$/i.test(instanceId))
        throw new FlowError('INSTANCE_NOT_FOUND', `Instance ${instanceId} does not exist.`);
      const i = await systemTables(db)
        .selectFrom('tessera.flow_instances')
        .select([
          'id',
          'app_key',
          'flow_key',
          'flow_version_id',
          'version',
          'form_key',
          'record_id',
          'initiator_id',
          'status',
          'outcome',
          'started_at',
          'ended_at',
        ])
        .where('id', '=', instanceId)
        .executeTakeFirst();
      const involved = await sql`
        select 1 from tessera.flow_tasks where instance_id = ${instanceId} and assignee_id = ${viewer.id}
        union all select 1 from tessera.flow_cc where instance_id = ${instanceId} and user_id = ${viewer.id} limit 1`.execute(
        db,
      );
      if (!i) throw new FlowError('INSTANCE_NOT_FOUND', `Instance ${instanceId} does not exist.`);
      const instance: Timeline['instance'] = {
        id: i.id,
        appKey: i.app_key,
        flowKey: i.flow_key,
        version: Number(i.version),
        formKey: i.form_key,
        recordId: i.record_id,
        initiatorId: i.initiator_id,
        status: i.status,
        outcome: i.outcome,
        startedAt: iso(i.started_at)!,
        endedAt: iso(i.ended_at),
      };
      const visible =
        viewer.isAdmin ||
        i.initiator_id === viewer.id ||
        involved.rows.length > 0 ||
        (alsoVisibleTo ? await alsoVisibleTo(instance) : false);
      if (!visible) throw new FlowError('INSTANCE_NOT_FOUND', `Instance ${instanceId} does not exist.`);
      const tasks = await sql<Record<string, any>>`
        select id, task_key, node_id, assignee_id, status, created_at, completed_at, comment from tessera.flow_tasks
        where instance_id = ${instanceId} order by created_at, task_key`.execute(db);
      const history = await sql<Record<string, any>>`
        select at, kind, node_id, task_key, actor_id, detail from tessera.flow_history where instance_id = ${instanceId} order by id`.execute(
        db,
      );
      // The flow core's task keys (t5) are internal: the timeline speaks of task ids and names.
      const taskIds = new Map<string, string>(tasks.rows.map((t) => [t.task_key, t.id]));
      const rows: HistoryRow[] = history.rows.map((h) => ({
        kind: h.kind,
        nodeId: h.node_id,
        actorId: h.actor_id,
        detail: h.detail,
      }));
      const userIds = new Set<string>([
        ...(i.initiator_id ? [i.initiator_id as string] : []),
        ...tasks.rows.map((t) => t.assignee_id as string),
        ...rows.flatMap(usersNamed),
      ]);
      const nodeIds = new Set<string>([
        ...tasks.rows.map((t) => t.node_id as string),
        ...rows.flatMap(nodesNamed),
      ]);
      return {
        instance,
        tasks: tasks.rows.map((t) => ({
          id: t.id,
          nodeId: t.node_id,
          assigneeId: t.assignee_id,
          status: t.status,
          createdAt: iso(t.created_at)!,
          completedAt: iso(t.completed_at),
          comment: t.comment,
        })),
        history: history.rows.map((h) => ({
          at: iso(h.at)!,
          kind: h.kind,
          nodeId: h.node_id,
          taskId: h.task_key ? (taskIds.get(h.task_key) ?? null) : null,
          actorId: h.actor_id,
          detail: publicDetail(h.detail, taskIds),
        })),
        users: await displayNames(db, [...userIds]),
        nodes: nodeNames(await definitionOf(i.flow_version_id), nodeIds),
      };
    },
  };
}
