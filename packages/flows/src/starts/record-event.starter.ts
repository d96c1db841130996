import type { FlowDefinition } from '@tessera/schema';
import { sql } from 'kysely';
import type { FlowRunner, RecordEventInput } from '../runner/flow.runner';
import type { FlowContext } from '../runner/flow-context';
import { recordStartTrigger } from './record-start.plan';

/**
 * A record event of the form engine: flows on the form whose start node listens start — once per
 * flow and record for `record_created`, once per submission (the record's version) for
 * `record_submitted`, both through the instance's unique start key, so a retried event starts
 * nothing twice. A submission while the flow runs on the record only continues an instance
 * returned to its initiator. Any later change re-checks waiting conditions. Returns the instances started.
 */
export async function startOnRecordEvent(
  context: FlowContext,
  runner: FlowRunner,
  event: RecordEventInput,
): Promise<readonly string[]> {
  const { db, clock } = context;
  const started: string[] = [];
  if (event.kind !== 'deleted') {
    const flows = await sql<{ key: string; definition: FlowDefinition }>`
      select d.key, v.definition from tessera.flow_definitions d
      join tessera.flow_versions v on v.flow_id = d.id and v.version = d.published_version
      where d.app_key = ${event.app} and d.form_key = ${event.form} order by d.key`.execute(db);
    let record: Record<string, unknown> | null | undefined;
    const ref = { appKey: event.app, formKey: event.form, recordId: event.recordId };
    for (const flow of flows.rows) {
      const start = flow.definition.nodes.find((n) => n.type === 'start');
      if (start?.type !== 'start') continue;
      const on = start.on ?? [];
      if (!on.includes('record_created') && !on.includes('record_submitted')) continue;
      if (start.submitWhen !== undefined && record === undefined)
        record = await context.records.load(db, ref);
      const ctx = { now: clock.now(), timeZone: context.timeZone ?? 'UTC' };
      const trigger = recordStartTrigger(start, event, record ?? null, ctx);
      if (!trigger) continue;
      if (trigger === 'record_submitted') {
        const running = await sql<{ id: string }>`
          select id from tessera.flow_instances where app_key = ${event.app} and flow_key = ${flow.key}
            and record_id = ${event.recordId} and status = 'running' order by started_at desc limit 1`.execute(
          db,
        );
        const instanceId = running.rows[0]?.id;
        if (instanceId) {
          await runner.resubmitReturned(instanceId);
          continue;
        }
      }
      const occurrence =
        trigger === 'record_created' ? '' : `:${event.version ?? event.at ?? clock.now().toISOString()}`;
      const result = await runner.start({
        appKey: event.app,
        flowKey: flow.key,
        recordId: event.recordId,
        initiatorId: event.actorId,
        startKey: `${trigger}:${event.app}:${flow.key}:${event.recordId}${occurrence}`,
      });
      if (!result.existing) started.push(result.instanceId);
    }
  }
  // Instances on a created record all started after it was written and checked their conditions
  // on its values then; each later change brings its own event.
  if (event.kind !== 'deleted' && event.kind !== 'created')
    await runner.recordChanged(event.app, event.form, event.recordId);
  return started;
}
