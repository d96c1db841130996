import type { RecordEvent } from '@tessera/forms';
import { findUnstorableText } from '@tessera/schema';
import { type Kysely, sql } from 'kysely';
import type { TaskActionInput } from '../core/flow-event';
import { type InstanceState, initialState } from '../core/instance-state';
import { findPublished } from '../definitions/flow-definition.service';
import { startOnRecordEvent } from '../starts/record-event.starter';
import { assertActiveUsers } from './assignee.resolver';
import { FlowError } from './flow.error';
import type { FlowContext } from './flow-context';
import { type InstanceRow, lockInstance, runStep } from './instance-step.runner';

export interface StartInput {
  readonly appKey: string;
  readonly flowKey: string;
  readonly recordId: string | null;
  readonly initiatorId: string | null;
  /**
   * What started it (a rule action, a record event, a parent step, a job): unique among
   * instances, so a start retried with the same key returns the first instance instead of
   * starting a second one.
   */
  readonly startKey?: string | null;
}

export interface StepOutcome {
  readonly instanceId: string;
  readonly status: InstanceState['status'];
  readonly outcome: string | null;
  /** A start whose key had already started this instance (nothing new was started). */
  readonly existing?: true;
}

/** The actions that hand a task (or a copy of it) to the users they name. */
const HANDS_OVER = new Set<TaskActionInput['action']>([
  'transfer',
  'add_signer_before',
  'add_signer_after',
  'cc',
]);

export type TimerResult = 'fired' | 'not_due' | 'gone';

/** The durable runner: every public call is one transaction around one step of one instance. */
export interface FlowRunner {
  start(input: StartInput): Promise<StepOutcome>;
  /**
   * A person acts on a task (`taskId` is the task row's id). `withdraw` and `remind` are the
   * initiator's and act on the task's instance.
   */
  act(taskId: string, actorId: string, input: TaskActionInput): Promise<StepOutcome>;
  withdraw(instanceId: string, actorId: string, comment?: string): Promise<StepOutcome>;
  remind(instanceId: string, actorId: string, taskId?: string): Promise<StepOutcome>;
  /** The `flows.timer` job: fires the timer if it is due by the clock and still scheduled. */
  fireTimer(timerId: string): Promise<TimerResult>;
  /** Fires every scheduled timer due by the clock (tests, and a sweep after downtime). */
  fireDueTimers(): Promise<number>;
  /** The record changed: instances on it waiting for a condition re-check it. */
  recordChanged(appKey: string, formKey: string, recordId: string): Promise<number>;
  /**
   * A record event of the form engine: a created record starts the flows whose start node says
   * `on: ["record_created"]` (once per flow and record, so a retried job starts nothing twice);
   * any change re-checks waiting conditions. Returns the instances started.
   */
  onRecordEvent(event: RecordEventInput): Promise<readonly string[]>;
  /**
   * The record of an instance returned to its initiator was submitted again: the initiator's
   * resubmit task is done by the system and the instance goes on. False when none is open.
   */
  resubmitReturned(instanceId: string): Promise<boolean>;
}

/**
 * What a flow start reads of the form engine's `record.event` (its one definition is
 * `RecordEvent` of @tessera/forms): the record and who changed it; version, time and changes when known.
 */
export type RecordEventInput = Pick<RecordEvent, 'app' | 'form' | 'recordId' | 'kind' | 'actorId'> &
  Partial<Pick<RecordEvent, 'version' | 'at' | 'changes'>>;

export function createFlowRunner(context: FlowContext): FlowRunner {
  const { db, clock } = context;
  const at = () => clock.now().toISOString();
  const outcome = (instanceId: string, state: InstanceState): StepOutcome => ({
    instanceId,
    status: state.status,
    outcome: state.outcome,
  });

  /**
   * The instance's record, read before the step's transaction opens (see RecordGateway.load);
   * `known`: the instance's record reference when the caller already read it.
   */
  async function recordOf(
    instanceId: string,
    known?: InstanceRecord,
  ): Promise<Record<string, unknown> | null> {
    let row = known;
    if (!row) {
      const rows = await sql<InstanceRecord>`
        select app_key, form_key, record_id from tessera.flow_instances where id = ${instanceId}`.execute(db);
      row = rows.rows[0];
    }
    if (!row?.record_id) return null;
    return context.records.load(db, { appKey: row.app_key, formKey: row.form_key, recordId: row.record_id });
  }

  async function onInstance(
    instanceId: string,
    run: (trx: Kysely<any>) => Promise<Parameters<typeof runStep>[3] | null>,
    known?: InstanceRecord,
  ): Promise<StepOutcome> {
    const record = await recordOf(instanceId, known);
    return db.transaction().execute(async (trx) => {
      const row = await lockInstance(trx, instanceId);
      const event = await run(trx);
      if (!event) return outcome(instanceId, row.state);
      return outcome(instanceId, await runStep(context, trx, row, event, record));
    });
  }

  const runner: FlowRunner = {
    async start(input) {
      const current = await findPublished(db, input.appKey, input.flowKey);
      if (!current)
        throw new FlowError(
          'FLOW_NOT_PUBLISHED',
          `Flow ${input.appKey}/${input.flowKey} has no published version.`,
        );
      let record: Record<string, unknown> | null = null;
      if (input.recordId !== null) {
        record = await context.records.load(db, {
          appKey: input.appKey,
          formKey: current.definition.form,
          recordId: input.recordId,
        });
        if (!record) throw new FlowError('RECORD_NOT_FOUND', `Record ${input.recordId} does not exist.`);
      }
      const startKey = input.startKey ?? null;
      if (startKey) {
        const earlier = await startedBy(db, startKey);
        if (earlier) return earlier;
      }
      return db.transaction().execute(async (trx) => {
        const published = (await findPublished(trx, input.appKey, input.flowKey)) ?? current;
        const now = clock.now();
        // A concurrent start with the same key waits on the unique index, then inserts nothing.
        const inserted = await sql<InstanceRow>`
          insert into tessera.flow_instances (flow_version_id, app_key, flow_key, version, form_key, record_id,
            initiator_id, status, state, started_at, updated_at, start_key)
          values (${published.versionId}, ${input.appKey}, ${input.flowKey}, ${published.version}, ${published.definition.form},
            ${input.recordId}, ${input.initiatorId}, 'running', ${JSON.stringify(initialState())}::jsonb, ${now}, ${now}, ${startKey})
          on conflict (start_key) where start_key is not null do nothing
          returning id, flow_version_id, app_key, form_key, record_id, initiator_id, state, steps`.execute(
          trx,
        );
        // The new row, locked by its insert: no second read before the first step.
        const row = inserted.rows[0];
        if (!row) return (await startedBy(trx, startKey!))!;
        const id = row.id;
        const state = await runStep(
          context,
          trx,
          row,
          { type: 'started', at: now.toISOString(), initiatorId: input.initiatorId },
          record,
        );
        return outcome(id, state);
      });
    },

    async act(taskId, actorId, input) {
      assertStorableInput(input);
      const task = await findTask(db, taskId);
      return onInstance(task.instance_id, async (trx) => {
        if (input.userIds && HANDS_OVER.has(input.action)) await assertActiveUsers(trx, input.userIds);
        // The initiator's actions on someone's task act on the instance.
        if (input.action === 'withdraw')
          return {
            type: 'withdrawn',
            at: at(),
            actorId,
            ...(input.comment ? { comment: input.comment } : {}),
          };
        if (input.action === 'remind') return { type: 'remind', at: at(), actorId, taskId: task.task_key };
        return { type: 'task-action', at: at(), taskId: task.task_key, actorId, ...input };
      });
    },

    withdraw: (instanceId, actorId, comment) => {
      if (comment !== undefined) assertStorableInput({ comment });
      return onInstance(instanceId, async () => ({
        type: 'withdrawn',
        at: at(),
        actorId,
        ...(comment ? { comment } : {}),
      }));
    },

    async remind(instanceId, actorId, taskId) {
      const taskKey = taskId ? (await findTask(db, taskId)).task_key : undefined;
      return onInstance(instanceId, async () => ({
        type: 'remind',
        at: at(),
        actorId,
        ...(taskKey ? { taskId: taskKey } : {}),
      }));
    },

    async fireTimer(timerId) {
      // The timer with its instance's record in one read; a fired or cancelled one is gone.
      const found = await sql<InstanceRecord & { instance_id: string }>`
        select t.instance_id, i.app_key, i.form_key, i.record_id from tessera.flow_timers t
        join tessera.flow_instances i on i.id = t.instance_id
        where t.id = ${timerId} and t.status = 'scheduled'`.execute(db);
      const timer = found.rows[0];
      if (!timer) return 'gone';
      let result: TimerResult = 'gone';
      await onInstance(
        timer.instance_id,
        async (trx) => {
          // Checked again on the locked instance: a concurrent step may have fired or cancelled it.
          const fired = await sql<{ timer_key: string }>`
            update tessera.flow_timers set status = 'fired'
            where id = ${timerId} and status = 'scheduled' and run_at <= ${clock.now()}
            returning timer_key`.execute(trx);
          const key = fired.rows[0]?.timer_key;
          if (key) {
            result = 'fired';
            return { type: 'timer-fired', at: at(), timerId: key };
          }
          const rows = await sql<{ status: string }>`
            select status from tessera.flow_timers where id = ${timerId}`.execute(trx);
          if (rows.rows[0]?.status === 'scheduled') result = 'not_due';
          return null;
        },
        timer,
      );
      return result;
    },

    async fireDueTimers() {
      let fired = 0;
      for (;;) {
        const due = await sql<{ id: string }>`
          select id from tessera.flow_timers where status = 'scheduled' and run_at <= ${clock.now()}
          order by run_at, id limit 100`.execute(db);
        if (due.rows.length === 0) return fired;
        for (const timer of due.rows) if ((await runner.fireTimer(timer.id)) === 'fired') fired += 1;
      }
    },

    async recordChanged(appKey, formKey, recordId) {
      const rows = await sql<{ id: string }>`
        select distinct i.id from tessera.flow_instances i join tessera.flow_tokens t on t.instance_id = i.id
        where i.app_key = ${appKey} and i.form_key = ${formKey} and i.record_id = ${recordId}
          and i.status = 'running' and t.waits_for = 'condition'`.execute(db);
      for (const row of rows.rows)
        await onInstance(row.id, async () => ({ type: 'record-changed', at: at() }));
      return rows.rows.length;
    },

    onRecordEvent: (event) => startOnRecordEvent(context, runner, event),

    async resubmitReturned(instanceId) {
      const open = await sql<{ task_key: string }>`
        select task_key from tessera.flow_tasks
        where instance_id = ${instanceId} and kind = 'resubmit' and status = 'open' limit 1`.execute(db);
      const taskKey = open.rows[0]?.task_key;
      if (!taskKey) return false;
      await onInstance(instanceId, async () => ({
        type: 'task-action',
        at: at(),
        taskId: taskKey,
        actorId: null,
        action: 'resubmit',
      }));
      return true;
    },
  };
  return runner;
}

/** Where an instance's record is. */
interface InstanceRecord {
  readonly app_key: string;
  readonly form_key: string;
  readonly record_id: string | null;
}

/** The instance a start key already started, as a step outcome. */
async function startedBy(executor: Kysely<any>, startKey: string): Promise<StepOutcome | null> {
  const rows = await sql<{ id: string; status: InstanceState['status']; outcome: string | null }>`
    select id, status, outcome from tessera.flow_instances where start_key = ${startKey}`.execute(executor);
  const row = rows.rows[0];
  return row ? { instanceId: row.id, status: row.status, outcome: row.outcome, existing: true } : null;
}

async function findTask(executor: Kysely<any>, taskId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(taskId))
    throw new FlowError('TASK_NOT_FOUND', `Task ${taskId} does not exist.`);
  const rows = await sql<{ instance_id: string; task_key: string }>`
    select instance_id, task_key from tessera.flow_tasks where id = ${taskId}`.execute(executor);
  const task = rows.rows[0];
  if (!task) throw new FlowError('TASK_NOT_FOUND', `Task ${taskId} does not exist.`);
  return task;
}

/**
 * A comment, return target or task value the database cannot store (NUL, an unpaired surrogate)
 * is refused before the instance is touched: a 400 naming the path, never a failed step.
 */
function assertStorableInput(input: object): void {
  const problem = findUnstorableText(input);
  if (problem) throw new FlowError('INVALID_ACTION_INPUT', 'The action input is invalid.', [problem]);
}
