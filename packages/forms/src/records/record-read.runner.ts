import type { Kysely } from 'kysely';
import type { FormRuntime } from './form-runtime';
import { loadRuntime } from './form-runtime.repository';
import { type LookupPlan, planLookups } from './lookup.reader';
import { rowToRecord, type StoredRecord, selectLineItems, selectRows } from './record.repository';
import type { RecordsAccess } from './record-access';
import { idsInScope, maskRecord } from './record-access.guard';
import { liveFields } from './record-field';
import { RecordsError } from './records.error';

export interface ReadOptions {
  /** Link and line-items field keys to expand. */
  readonly expand?: readonly string[];
  /** Line items: always included (get) or only when expanded (list). */
  readonly lineItems?: 'always' | 'expanded';
  /**
   * The caller's access: hidden fields are left out (of the record, its line items, its expanded
   * links); a linked record outside the caller's read scope of its form is expanded to `{ id }`
   * only, and lookups through it read null. The caller checked the ids themselves.
   */
  readonly access?: RecordsAccess;
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
  checkExpand(runtime, options.expand ?? [], options.access?.form(runtime).hidden);
  if (ids.length === 0) return [];
  const lookups = await planLookups(db, runtime);
  const rows = await selectRows(db, runtime, ids, { lookups });
  return recordsFromRows(db, runtime, ids, rows, lookups, options);
}

/**
 * Records from rows already read (with `lookups`' selects; freshness checked by the caller), in
 * the order of `ids`: line items, masked lookups and expanded links as readRecords adds them.
 */
export async function recordsFromRows(
  db: Kysely<any>,
  runtime: FormRuntime,
  ids: readonly string[],
  rows: readonly Record<string, unknown>[],
  lookups: LookupPlan,
  options: ReadOptions = {},
): Promise<StoredRecord[]> {
  const gate = options.access?.form(runtime);
  const expand = checkExpand(runtime, options.expand ?? [], gate?.hidden);
  const byId = new Map<string, Record<string, unknown>>();
  for (const row of rows) byId.set(String(row.id), { ...rowToRecord(runtime, row), ...lookups.read(row) });
  const found = [...byId.keys()];

  for (const key of runtime.lineItems.keys()) {
    if (gate?.hidden.has(key)) continue;
    if (options.lineItems !== 'always' && !expand.includes(key)) continue;
    const items = await selectLineItems(db, runtime, key, found);
    for (const [id, record] of byId) record[key] = items.get(id) ?? [];
  }
  const fields = liveFields(runtime.definition.fields);
  const targets = new Map<string, FormRuntime>();
  const target = async (form: string) => {
    const cached = targets.get(form);
    if (cached) return cached;
    const loaded = await loadRuntime(db, runtime.appKey, form);
    targets.set(form, loaded);
    return loaded;
  };
  if (options.access) await maskLookups(db, runtime, byId, options.access, target);
  for (const field of fields) {
    if (field.type !== 'link' || !expand.includes(field.key)) continue;
    const linkedForm = await target(field.form);
    const linkedIds = [
      ...new Set([...byId.values()].map((r) => r[field.key]).filter((v) => typeof v === 'string')),
    ] as string[];
    const linkedGate = options.access?.form(linkedForm);
    const visible = !linkedGate
      ? linkedIds
      : linkedGate.can('read')
        ? [...(await idsInScope(db, linkedForm, linkedGate, 'read', linkedIds))]
        : [];
    const linked = await readRecords(db, linkedForm, visible, {
      lineItems: 'expanded',
      ...(options.access ? { access: options.access } : {}),
    });
    const linkedById = new Map(linked.map((r) => [r.id, r]));
    for (const record of byId.values()) {
      const id = record[field.key];
      if (typeof id === 'string') record[field.key] = linkedById.get(id) ?? { id };
    }
  }
  return ids.flatMap((id) => {
    const record = byId.get(id);
    if (!record) return [];
    return [(gate ? maskRecord(record, gate.hidden) : record) as StoredRecord];
  });
}

/**
 * Lookups read through a link: null when the caller may not read the linked form, when the
 * looked-up field is hidden from them there, or when the linked record is outside their scope.
 */
async function maskLookups(
  db: Kysely<any>,
  runtime: FormRuntime,
  byId: Map<string, Record<string, unknown>>,
  access: RecordsAccess,
  target: (form: string) => Promise<FormRuntime>,
): Promise<void> {
  const fields = liveFields(runtime.definition.fields);
  for (const field of fields) {
    if (field.type !== 'lookup') continue;
    const link = fields.find((f) => f.key === field.link);
    if (link?.type !== 'link') continue;
    const linkedForm = await target(link.form);
    const gate = access.form(linkedForm);
    const linkedIds = [
      ...new Set([...byId.values()].map((r) => r[link.key]).filter((v) => typeof v === 'string')),
    ] as string[];
    const visible =
      gate.can('read') && !gate.hidden.has(field.field)
        ? await idsInScope(db, linkedForm, gate, 'read', linkedIds)
        : new Set<string>();
    for (const record of byId.values()) {
      const id = record[link.key];
      if (typeof id !== 'string' || !visible.has(id)) record[field.key] = null;
    }
  }
}

export function checkExpand(
  runtime: FormRuntime,
  expand: readonly string[],
  hidden: ReadonlySet<string> = new Set(),
): readonly string[] {
  const expandable = new Set(
    liveFields(runtime.definition.fields)
      .filter((f) => f.type === 'link' || f.type === 'line_items')
      .map((f) => f.key),
  );
  const refused = expand.filter((key) => hidden.has(key));
  if (refused.length > 0) {
    throw RecordsError.denied(
      'Hidden fields cannot be expanded.',
      refused.map((key) => ({ path: `expand.${key}`, message: 'is hidden from you' })),
    );
  }
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
