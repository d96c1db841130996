import { randomUUID } from 'node:crypto';
import { resolveAttachments, syncAttachments } from '../files/attachment.binder';
import { computeFormulas } from '../formulas/formula.evaluator';
import { type AutoNumberSpec, drawAutoNumbers } from '../numbering/auto-number.runner';
import { checkRecord } from '../validation/record.validator';
import { StaleRuntimeError } from './form-runtime.repository';
import { checkLinkTargets } from './link-target.checker';
import { rowToRecord, type StoredRecord, selectLineItems, selectRows } from './record.repository';
import { runBatch } from './record-batch.runner';
import type { FieldChanges } from './record-change.writer';
import { liveFields } from './record-field';
import { withLinkDefaults } from './record-link-defaults';
import { type RecordChange, updateStatement } from './record-update.statement';
import { type RecordValues, sameValue } from './record-value.mapper';
import {
  normalise,
  refreshRollups,
  requireObject,
  stripIds,
  type WriteEnv,
  withRowDefaults,
} from './record-write.runner';
import { RecordsError } from './records.error';

export interface UpdateItem {
  readonly id: string;
  readonly version: number;
  readonly patch: unknown;
}

/**
 * PATCH semantics for one record or a bulk chunk, inside the caller's transaction (`env.trx`):
 * lock every row with ONE select (FOR UPDATE, id order; it also checks the runtime is current),
 * read their line items with one select per line-items field, validate in memory (version must be
 * the stored one, else STALE_VERSION; every error by path), then write every change with ONE
 * statement (rows, line items, history, events), and recompute the rollups of the linked parents.
 * A PATCH that changes nothing writes nothing (no version bump, no history, no event).
 */
export async function updateRecords(
  env: WriteEnv,
  items: readonly UpdateItem[],
  bulk: boolean,
): Promise<void> {
  const { trx, runtime, user, ctx, at } = env;
  const fail = (i: number, error: RecordsError) => (bulk ? error.atIndex(i) : error);
  if (new Set(items.map((i) => i.id.toLowerCase())).size !== items.length) {
    // The same record twice in one chunk: each change must see the one before it.
    for (const [index, item] of items.entries()) {
      await updateRecords(env, [item], false).catch((error: unknown) => {
        throw error instanceof RecordsError && bulk ? error.atIndex(index) : error;
      });
    }
    return;
  }
  const ids = [...new Set(items.map((i) => i.id))].sort();
  const rows = await selectRows(trx, runtime, ids, { lock: true });
  const byId = new Map(
    rows.map((row) => [String(row.id), rowToRecord(runtime, row) as Record<string, unknown>]),
  );
  for (const key of runtime.lineItems.keys()) {
    const lineItems = await selectLineItems(trx, runtime, key, [...byId.keys()]);
    for (const [id, record] of byId) record[key] = lineItems.get(id) ?? [];
  }
  const patches = await withLinkDefaults(
    env,
    items.map((item) => ({ input: item.patch, current: byId.get(item.id.toLowerCase()) ?? null })),
  );

  const toDraw: Array<{ spec: AutoNumberSpec; row: RecordValues; key: string }> = [];
  const planned: Array<{
    index: number;
    current: StoredRecord;
    computed: RecordValues;
    change: RecordChange;
  }> = [];
  const checked: Array<{ index: number; id: string; current: StoredRecord; computed: RecordValues }> = [];
  const merges: Array<{ values: RecordValues; current: RecordValues }> = [];
  items.forEach((item, index) => {
    const current = byId.get(item.id.toLowerCase()) as StoredRecord | undefined;
    if (!current || current.deleted_at !== null) {
      throw fail(
        index,
        new RecordsError('RECORD_NOT_FOUND', `No record ${item.id} in form ${runtime.definition.key}.`),
      );
    }
    if (current.version !== item.version) {
      throw fail(
        index,
        new RecordsError(
          'STALE_VERSION',
          `The record was changed meanwhile (now version ${current.version}).`,
        ),
      );
    }
    const body = requireObject(patches[index]);
    const merged = withRowDefaults(env, { ...current, ...body }, Object.keys(body));
    const errors = checkRecord(runtime, {
      input: body,
      merged,
      current,
      user,
      ctx,
      systemWrite: env.systemWrite === true,
    });
    if (errors.length > 0) throw fail(index, RecordsError.invalid(errors));
    merges.push({ values: merged, current });
    let computed: RecordValues;
    try {
      computed = computeFormulas(runtime, normalise(runtime, merged), user, ctx);
    } catch (error) {
      throw error instanceof RecordsError ? fail(index, error) : error;
    }
    keepRowNumbers(env, body, current, computed, toDraw);
    checked.push({ index, id: item.id.toLowerCase(), current, computed });
  });
  // New line-item rows get their numbers (one counter advance per field for the whole chunk).
  const bySpec = new Map<string, typeof toDraw>();
  for (const d of toDraw) bySpec.set(d.spec.fieldId, [...(bySpec.get(d.spec.fieldId) ?? []), d]);
  for (const list of bySpec.values()) {
    const numbers = await drawAutoNumbers(trx, list[0]!.spec, list.length, at, ctx.timeZone);
    list.forEach((d, i) => {
      d.row[d.key] = numbers[i];
    });
  }
  const linkErrors = await checkLinkTargets(env, merges);
  const firstBad = [...linkErrors.keys()].sort((a, b) => a - b)[0];
  if (firstBad !== undefined) throw fail(firstBad, RecordsError.invalid(linkErrors.get(firstBad)!));
  const fileErrors = await resolveAttachments(
    trx,
    runtime,
    checked.map((c) => ({ values: c.computed, recordId: c.id })),
    user.id,
  );
  const firstBadFile = [...fileErrors.keys()].sort((a, b) => a - b)[0];
  if (firstBadFile !== undefined)
    throw fail(checked[firstBadFile]!.index, RecordsError.invalid(fileErrors.get(firstBadFile)!));
  for (const c of checked) {
    const change = diff(env, c.id, c.current, c.computed);
    if (change) planned.push({ index: c.index, current: c.current, computed: c.computed, change });
  }
  if (planned.length > 0) await write(planned);

  async function write(list: typeof planned): Promise<void> {
    const run = (handle: typeof trx, part: typeof planned) =>
      updateStatement({
        runtime,
        changes: part.map((p) => p.change),
        actorId: user.id,
        at,
        directEvents: env.directEvents === true,
      })
        .execute(handle)
        .then((r) => r.rows);
    const written = await runBatch(
      trx,
      bulk && list.length > 1,
      runtime,
      () => run(trx, list),
      (handle, i) => run(handle, [list[i]!]),
      list.length,
    ).catch((error: unknown) => {
      throw error instanceof RecordsError && bulk && list.length === 1
        ? error.atIndex(list[0]!.index)
        : error;
    });
    if (written.length !== list.length) throw new StaleRuntimeError(runtime.appKey);
    await syncAttachments(
      trx,
      runtime,
      list.map((p) => ({ recordId: p.change.id, values: p.computed })),
      at,
    );
    await refreshRollups(
      env,
      list.map((p) => p.change.id),
      list.flatMap((p) => [p.current, p.computed]),
      false,
    );
  }
}

/**
 * Line-item rows are replaced on write, but a row sent back with its `id` keeps its auto-numbers;
 * a new row is queued for a fresh number (drawn for the whole chunk at once).
 */
function keepRowNumbers(
  env: WriteEnv,
  body: RecordValues,
  current: StoredRecord,
  computed: RecordValues,
  toDraw: Array<{ spec: AutoNumberSpec; row: RecordValues; key: string }>,
): void {
  for (const [key, { field }] of env.runtime.lineItems) {
    const numbered = liveFields(field.fields).filter((f) => f.type === 'auto_number');
    const sent = body[key];
    if (numbered.length === 0 || !Array.isArray(sent)) continue;
    const stored = new Map(((current[key] as RecordValues[]) ?? []).map((row) => [String(row.id), row]));
    ((computed[key] as RecordValues[]) ?? []).forEach((row, i) => {
      const before = stored.get(String((sent[i] as RecordValues | null)?.id));
      for (const f of numbered) {
        if (f.type !== 'auto_number') continue;
        if (before?.[f.key]) row[f.key] = before[f.key];
        else {
          const spec = {
            formId: env.runtime.formId,
            fieldId: `${field.id}.${f.id}`,
            pattern: f.pattern,
            resetEvery: f.resetEvery,
            gaps: f.gaps,
            versionId: env.runtime.versionId,
          };
          toDraw.push({ spec, row, key: f.key });
        }
      }
    });
  }
}

/** What a PATCH changes: column values, replaced line items, and the history/event changes. */
function diff(env: WriteEnv, id: string, current: StoredRecord, computed: RecordValues): RecordChange | null {
  const changes: FieldChanges = {};
  const set: RecordValues = {};
  const lineItems = new Map<string, RecordValues[]>();
  for (const field of liveFields(env.runtime.definition.fields)) {
    const key = field.key;
    if (field.type === 'lookup' || field.type === 'rollup' || field.type === 'auto_number') continue;
    const before = field.type === 'line_items' ? stripIds(current[key]) : current[key];
    const after = field.type === 'line_items' ? stripIds(computed[key]) : computed[key];
    if (sameValue(before, after)) continue;
    changes[key] = { old: before ?? null, new: after ?? null };
    if (field.type !== 'line_items') set[key] = computed[key];
    else {
      const rows = (computed[key] as RecordValues[] | undefined) ?? [];
      lineItems.set(
        key,
        rows.map((row) => ({ ...row, id: randomUUID() })),
      );
    }
  }
  return Object.keys(changes).length === 0 ? null : { id, set, lineItems, changes };
}
