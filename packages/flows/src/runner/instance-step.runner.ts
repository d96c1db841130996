import type { FlowDefinition } from '@tessera/schema';
import { type Kysely, sql } from 'kysely';
import type { TimelineEntry } from '../core/flow-command';
import type { FlowEvent } from '../core/flow-event';
import { buildGraph, type FlowGraph } from '../core/flow-graph';
import { step } from '../core/flow-step.core';
import type { InstanceState } from '../core/instance-state';
import { resolveAdmins, resolveAssignees } from './assignee.resolver';
import { executeCommand } from './command.executor';
import { FlowError } from './flow.error';
import type { FlowContext, RecordRef } from './flow-context';

export interface InstanceRow {
  readonly id: string;
  readonly flow_version_id: string;
  readonly app_key: string;
  readonly form_key: string;
  readonly record_id: string | null;
  readonly initiator_id: string | null;
  readonly state: InstanceState;
  readonly steps: number;
}

/** The flow's own messages go in-app and by e-mail unless the flow says otherwise. */
const DEFAULT_CHANNELS = ['in_app', 'email'] as const;

/** Published versions never change, so their graphs are cached by version id. */
const graphs = new Map<string, FlowGraph>();

async function graphOf(trx: Kysely<any>, versionId: string): Promise<FlowGraph> {
  const cached = graphs.get(versionId);
  if (cached) return cached;
  const rows = await sql<{ definition: FlowDefinition }>`
    select definition from tessera.flow_versions where id = ${versionId}`.execute(trx);
  const definition = rows.rows[0]?.definition;
  if (!definition) throw new FlowError('FLOW_NOT_FOUND', `Flow version ${versionId} does not exist.`);
  const graph = buildGraph(definition);
  graphs.set(versionId, graph);
  return graph;
}

/** Locks an instance row for the step (FOR UPDATE): steps of one instance never interleave. */
export async function lockInstance(trx: Kysely<any>, instanceId: string): Promise<InstanceRow> {
  const rows = await sql<InstanceRow>`
    select id, flow_version_id, app_key, form_key, record_id, initiator_id, state, steps
    from tessera.flow_instances where id = ${instanceId} for update`.execute(trx);
  const row = rows.rows[0];
  if (!row) throw new FlowError('INSTANCE_NOT_FOUND', `Flow instance ${instanceId} does not exist.`);
  return row;
}

/**
 * One step, inside the caller's transaction on a locked instance, with the record as loaded just
 * before the transaction: feed the event to the pure core, execute its commands (answering
 * resolve-assignees and reload-record with a follow-up event in the same transaction — after a
 * write the record is read again inside it), then write the state, the tokens and the timeline. A refused event throws a
 * FlowError, so the transaction rolls back and nothing changes.
 */
export async function runStep(
  context: FlowContext,
  trx: Kysely<any>,
  row: InstanceRow,
  event: FlowEvent,
  loaded: Readonly<Record<string, unknown>> | null,
): Promise<InstanceState> {
  const graph = await graphOf(trx, row.flow_version_id);
  const ref: RecordRef = { appKey: row.app_key, formKey: row.form_key, recordId: row.record_id };
  const record: Record<string, unknown> = { ...(loaded ?? {}) };
  const stepNo = Number(row.steps) + 1;
  const at = new Date(event.at);
  let state = row.state;
  const timeline: TimelineEntry[] = [];
  const queue: FlowEvent[] = [event];
  let recordName: Promise<Readonly<Record<string, string>> | null> | undefined;
  const describe = () =>
    ref.recordId && context.records.describe ? context.records.describe(trx, ref) : Promise.resolve(null);
  while (queue.length > 0) {
    const next = queue.shift()!;
    // The writes of the step so far are done: the node goes on with the record as stored.
    if (next.type === 'record-reloaded') await reload(context, trx, ref, record);
    const result = step(graph, state, next, { record, timeZone: context.timeZone ?? 'UTC' });
    if (!result.ok) throw new FlowError(result.refusal.code, result.refusal.message);
    state = result.state;
    timeline.push(...result.timeline);
    const env = {
      trx,
      instanceId: row.id,
      ref,
      initiatorId: state.initiatorId,
      at,
      step: stepNo,
      records: context.records,
      record,
      recordName: () => {
        recordName ??= describe();
        return recordName;
      },
      graph,
      channels: graph.definition.messageChannels ?? DEFAULT_CHANNELS,
      smtpConfigured: context.smtpConfigured ?? false,
      note: (entry: TimelineEntry) => timeline.push(entry),
    };
    for (const command of result.commands) {
      if (command.type === 'resolve-assignees') {
        let userIds = await resolveAssignees(trx, command.assignees, {
          initiatorId: state.initiatorId,
          record,
        });
        if (userIds.length === 0 && command.fallback === 'admin') userIds = await resolveAdmins(trx);
        queue.push({ type: 'assignees-resolved', at: event.at, tokenId: command.tokenId, userIds });
      } else if (command.type === 'reload-record') {
        queue.push({ type: 'record-reloaded', at: event.at, tokenId: command.tokenId });
      } else {
        await executeCommand(env, command);
      }
    }
  }
  await writeState(trx, row.id, state, stepNo, at, timeline);
  return state;
}

/**
 * Reads the instance's record again inside the step's transaction, through the records service
 * (as `load` reads it: formulas, rollups and lookups, line items with their row lookups), and
 * makes it the step's record.
 */
async function reload(
  context: FlowContext,
  trx: Kysely<any>,
  ref: RecordRef,
  record: Record<string, unknown>,
): Promise<void> {
  if (!ref.recordId) return;
  const stored = await context.records.load(trx, ref);
  if (!stored) throw new FlowError('RECORD_NOT_FOUND', `Record ${ref.recordId} does not exist.`);
  for (const key of Object.keys(record)) delete record[key];
  Object.assign(record, stored);
}

/**
 * The step's writes in ONE statement (a round trip per token and timeline line made the state
 * write most of a step's cost): the instance row, the tokens (upserted; the ones gone deleted —
 * disjoint rows, so the two parts never touch the same row) and the timeline, in order.
 */
async function writeState(
  trx: Kysely<any>,
  instanceId: string,
  state: InstanceState,
  stepNo: number,
  at: Date,
  timeline: readonly TimelineEntry[],
): Promise<void> {
  const ended = state.status === 'running' ? null : at;
  const tokens = state.tokens.map((t) => ({
    key: t.id,
    node: t.nodeId,
    status: t.status,
    waits: t.waitsFor ?? null,
  }));
  const lines = timeline.map((entry) => ({
    at: entry.at,
    kind: entry.kind,
    node: entry.nodeId ?? null,
    task: entry.taskId ?? null,
    actor: entry.actorId && /^[0-9a-f-]{36}$/i.test(entry.actorId) ? entry.actorId : null,
    detail: entry.detail ?? {},
  }));
  await sql`with i as (
      update tessera.flow_instances
      set state = ${JSON.stringify(state)}::jsonb, status = ${state.status}, outcome = ${state.outcome},
          steps = ${stepNo}, updated_at = ${at}, ended_at = coalesce(ended_at, ${ended})
      where id = ${instanceId}),
    gone as (
      delete from tessera.flow_tokens where instance_id = ${instanceId}
        and not (token_key = any(${tokens.map((t) => t.key)}::text[]))),
    t as (
      insert into tessera.flow_tokens (instance_id, token_key, node_id, status, waits_for)
      select ${instanceId}, e->>'key', e->>'node', e->>'status', e->>'waits'
      from jsonb_array_elements(${JSON.stringify(tokens)}::jsonb) e
      on conflict (instance_id, token_key) do update
        set node_id = excluded.node_id, status = excluded.status, waits_for = excluded.waits_for),
    h as (
      insert into tessera.flow_history (instance_id, step, at, kind, node_id, task_key, actor_id, detail)
      select ${instanceId}, ${stepNo}, (e->>'at')::timestamptz, e->>'kind', e->>'node', e->>'task',
        (e->>'actor')::uuid, e->'detail'
      from jsonb_array_elements(${JSON.stringify(lines)}::jsonb) with ordinality as x(e, n) order by n)
    select 1`.execute(trx);
}
