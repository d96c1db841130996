import type { Kysely } from 'kysely';
import type { FormRuntime } from './form-runtime';
import { loadRuntime } from './form-runtime.repository';
import { planLookups } from './lookup.reader';
import { rowToRecord, type StoredRecord, selectLineItems, selectRows } from './record.repository';
import { liveFields } from './record-field';
import { RecordsError } from './records.error';

export interface ReadOptions {
  /** Link and line-items field keys to expand. */
  readonly expand?: readonly string[];
  /** Line items: always included (get) or only when expanded (list). */
  readonly lineItems?: 'always' | 'expanded';
}

/**
 * Reads records by id, in the order of `ids` (missing ids are skipped): columns, lookups (joined
 * at read), line items, and expanded links — a link's value becomes the linked record (with its
 * own lookups, without its line items) instead of its id.
 */
export async function readRecords(
  db: Kysely<any>,
  runtime: FormRuntime,
  ids: readonly string[],
  options: ReadOptions = {},
): Promise<StoredRecord[]> {
  const expand = checkExpand(runtime, options.expand ?? []);
  if (ids.length === 0) return [];
  const lookups = await planLookups(db, runtime);
  const rows = await selectRows(db, runtime, ids, { extra: [...lookups.selects] });
  const byId = new Map<string, Record<string, unknown>>();
  for (const row of rows) byId.set(String(row.id), { ...rowToRecord(runtime, row), ...lookups.read(row) });
  const found = [...byId.keys()];

  for (const key of runtime.lineItems.keys()) {
    if (options.lineItems !== 'always' && !expand.includes(key)) continue;
    const items = await selectLineItems(db, runtime, key, found);
    for (const [id, record] of byId) record[key] = items.get(id) ?? [];
  }
  for (const field of liveFields(runtime.definition.fields)) {
    if (field.type !== 'link' || !expand.includes(field.key)) continue;
    const target = await loadRuntime(db, runtime.appKey, field.form);
    const targetIds = [
      ...new Set([...byId.values()].map((r) => r[field.key]).filter((v) => typeof v === 'string')),
    ];
    const linked = await readRecords(db, target, targetIds as string[], { lineItems: 'expanded' });
    const linkedById = new Map(linked.map((r) => [r.id, r]));
    for (const record of byId.values()) {
      const id = record[field.key];
      if (typeof id === 'string') record[field.key] = linkedById.get(id) ?? { id };
    }
  }
  return ids.flatMap((id) => {
    const record = byId.get(id);
    return record ? [record as StoredRecord] : [];
  });
}

function checkExpand(runtime: FormRuntime, expand: readonly string[]): readonly string[] {
  const expandable = new Set(
    liveFields(runtime.definition.fields)
      .filter((f) => f.type === 'link' || f.type === 'line_items')
      .map((f) => f.key),
  );
  const unknown = expand.filter((key) => !expandable.has(key));
  if (unknown.length > 0) {
    throw new RecordsError(
      'INVALID_QUERY',
      'Only link and line-items fields can be expanded.',
      unknown.map((key) => ({
        path: `expand.${key}`,
        message: 'is not a link or line-items field of this form',
      })),
    );
  }
  return expand;
}
