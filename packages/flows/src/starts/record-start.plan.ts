import { compile } from '@tessera/logic';
import type { NodeOfType } from '../nodes/node-behavior';

export type RecordStartTrigger = 'record_created' | 'record_submitted';

export interface RecordChange {
  readonly kind: string;
  /** Changed fields with their old and new values (the form engine's record event). */
  readonly changes?: Readonly<Record<string, { readonly old: unknown; readonly new: unknown }>>;
}

/**
 * Does a record event start the flow? `record_created`: the record was created.
 * `record_submitted`: without `submitWhen`, creating the record submits it (a form's submit
 * button); with it, a create or an update that makes the condition true — it held for the new
 * values and not for the old ones (the record now, with the changed fields put back) — submits
 * it, e.g. `{"==": [{"var": "status"}, "pending_approval"]}`. Pure: the runner loads the record.
 */
export function recordStartTrigger(
  start: NodeOfType<'start'>,
  event: RecordChange,
  record: Readonly<Record<string, unknown>> | null,
  ctx: { now: Date; timeZone: string },
): RecordStartTrigger | null {
  const on = start.on ?? ['manual'];
  if (event.kind === 'created' && on.includes('record_created')) return 'record_created';
  if (!on.includes('record_submitted') || event.kind === 'deleted') return null;
  if (start.submitWhen === undefined) return event.kind === 'created' ? 'record_submitted' : null;
  if (!record) return null;
  const holds = compile(start.submitWhen);
  const after = { ...record };
  const before = { ...record };
  for (const [key, change] of Object.entries(event.changes ?? {})) {
    after[key] = change.new;
    before[key] = change.old;
  }
  if (!holds(after, ctx)) return null;
  return event.kind === 'created' || !holds(before, ctx) ? 'record_submitted' : null;
}
