import type { FileStorage } from '@tessera/files';
import { createFlowRunner, flowJobTasks } from '@tessera/flows';
import {
  expandRecordEvents,
  RECOMPUTE_TASK,
  RECORD_EVENT_BATCH_TASK,
  RECORD_EVENT_TASK,
  type RecordEvent,
  type RecordEventBatch,
  runRecomputeJob,
} from '@tessera/forms';
import { handleRecordEvent, ruleJobTasks } from '@tessera/rules';
import type { JobHandler } from '@tessera/store';
import type { Kysely } from 'kysely';
import type { Clock } from '../config/clock';
import { FILE_SWEEP_TASK, fileSweepTask } from '../files/file-sweep.job';
import { formsRecordGateway } from '../flows/forms-record.gateway';
import { type RulesConfig, rulesDeps } from '../rules/rules-deps';

type RecordEventHandler = (event: RecordEvent) => Promise<unknown>;

/**
 * Runs every engine's handler of a `record.event`. Each handler must be idempotent (a failed
 * job is retried whole): the rule engine is, through its (rule, record, occurrence) key.
 */
export function recordEventDispatcher(handlers: readonly RecordEventHandler[]): JobHandler {
  return async (payload) => {
    const errors: unknown[] = [];
    for (const handle of handlers) {
      try {
        await handle(payload as RecordEvent);
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, 'record.event handlers failed');
  };
}

/**
 * The job-queue tasks this process runs. Engines never call each other directly: a record event,
 * a rule firing or a flow step is a job enqueued in the transaction that caused it, dispatched here.
 */
export function jobTasks(deps: {
  db: Kysely<any>;
  config?: Partial<RulesConfig>;
  /** Default: the system clock; tests move their own. */
  clock?: Clock;
  /** Where secrets named by rules and messengers are read (default: process.env). */
  env?: Readonly<Record<string, string | undefined>>;
  /** The attachment storage and the orphans' grace period: runs the file sweep (else not registered). */
  files?: { readonly storage: FileStorage; readonly graceMs: number };
}): Record<string, JobHandler> {
  const rules = rulesDeps(deps);
  const flows = {
    db: deps.db,
    clock: rules.clock,
    records: formsRecordGateway({ timeZone: rules.timeZone, clock: rules.clock }),
    timeZone: rules.timeZone,
    // Flow messages use the same mail outbox: queued for SMTP when configured, else held.
    smtpConfigured: Boolean(rules.smtpUrl),
  };
  const flowRunner = createFlowRunner(flows);
  const onRecordEvent = recordEventDispatcher([
    (event) => handleRecordEvent(rules, event),
    // Flows started by a new record; flows waiting for a condition on the record re-check it.
    (event) => flowRunner.onRecordEvent(event),
  ]);
  const files = deps.files;
  return {
    ...(files
      ? { [FILE_SWEEP_TASK]: () => fileSweepTask({ db: deps.db, clock: rules.clock, ...files }) }
      : {}),
    ...ruleJobTasks(rules),
    ...flowJobTasks(flows),
    // A publish that changed formulas/rollups of a big table recomputes their stored values in chunks.
    [RECOMPUTE_TASK]: (payload) =>
      runRecomputeJob(deps.db, payload, { clock: rules.clock, timeZone: rules.timeZone }),
    // A rule's start_flow action (packages/rules enqueues `flow.start`).
    // Keyed by the rule action (exactly once per firing), else by the job: a job retried after a
    // crash finds the instance its first run started instead of starting a second one.
    'flow.start': async (payload, helpers) => {
      const p = payload as {
        app: string;
        flow: string;
        recordId: string | null;
        initiatorId: string | null;
        ruleActionId?: number;
      };
      await flowRunner.start({
        appKey: p.app,
        flowKey: p.flow,
        recordId: p.recordId,
        initiatorId: p.initiatorId,
        startKey:
          p.ruleActionId !== undefined ? `rule-action:${p.ruleActionId}` : `job:flow.start:${helpers.jobId}`,
      });
    },
    [RECORD_EVENT_TASK]: onRecordEvent,
    // A bulk import chunk's `created` events as one job: each handled as its own `record.event`
    // (in order; a failure retries the batch, which the idempotent handlers allow).
    [RECORD_EVENT_BATCH_TASK]: async (payload, helpers) => {
      const errors: unknown[] = [];
      for (const event of await expandRecordEvents(deps.db, payload as RecordEventBatch)) {
        await onRecordEvent(event, helpers).catch((error: unknown) => errors.push(error));
      }
      if (errors.length === 1) throw errors[0];
      if (errors.length > 1) throw new AggregateError(errors, 'record.events handlers failed');
    },
  };
}
