import { linksWithDefaults, valuesFromLink } from '@tessera/schema';
import type { FormRuntime } from './form-runtime';
import { type AnyField, liveFields } from './record-field';
import { readRecords } from './record-read.runner';
import type { RecordValues } from './record-value.mapper';
import type { WriteEnv } from './record-write.runner';

/** One write to fill: what the caller sent, and the stored record (update) or null (create). */
export interface LinkDefaultsItem {
  readonly input: unknown;
  readonly current: RecordValues | null;
}

/** A place of an input whose link may fill fields: the record itself, or a line-items row. */
interface Slot {
  readonly values: RecordValues;
  readonly fields: readonly AnyField[];
  readonly link: AnyField & { type: 'link' };
  readonly id: string;
}

/**
 * `defaultFrom` on the server — a quote line's unit price from its product: a field that a write
 * leaves out (undefined; an explicit null stays null) while its link is set takes the linked
 * record's value, as the browser fills it when the user picks the record (`valuesFromLink`, the
 * same pure rule). On an update the record's own fields fill only when the write changes the
 * link, so re-sending a record never resets a price the user typed; line-item rows are replaced
 * on every write, so a row that leaves the value out is filled. The linked records are read with
 * the writer's access (a field hidden from them fills nothing), ONE read per linked form for the
 * whole batch; the link itself is checked later, as for any write. Returns new inputs (the
 * caller's objects are not touched); a form without `defaultFrom` costs nothing.
 */
export async function withLinkDefaults(
  env: WriteEnv,
  items: readonly LinkDefaultsItem[],
): Promise<unknown[]> {
  const inputs = items.map((i) => i.input);
  const { runtime } = env;
  const mainLinks = linkFields(runtime.definition.fields);
  const rowLinks = [...runtime.lineItems].map(([key, { field }]) => ({
    key,
    fields: field.fields,
    links: linkFields(field.fields),
  }));
  if (mainLinks.length === 0 && rowLinks.every((r) => r.links.length === 0)) return inputs;

  const out = inputs.map((input) => (isObject(input) ? { ...input } : input));
  const slots: Slot[] = [];
  const collect = (
    values: RecordValues,
    fields: readonly AnyField[],
    links: LinkOf[],
    stored: RecordValues | null,
  ) => {
    for (const link of links) {
      const id = values[link.key];
      if (typeof id !== 'string' || (stored && stored[link.key] === id)) continue;
      if (fields.some((f) => f.defaultFrom?.link === link.key && values[f.key] === undefined))
        slots.push({ values, fields, link, id });
    }
  };
  out.forEach((values, index) => {
    if (!isObject(values)) return;
    collect(values, runtime.definition.fields, mainLinks, items[index]!.current);
    for (const { key, fields, links } of rowLinks) {
      const rows = values[key];
      if (links.length === 0 || !Array.isArray(rows)) continue;
      values[key] = rows.map((row) => {
        if (!isObject(row)) return row;
        const copy = { ...row };
        collect(copy, fields, links, null);
        return copy;
      });
    }
  });
  if (slots.length === 0) return out;

  const forms = await env.appForms();
  const linked = new Map<string, RecordValues>(); // "<form>:<id>" → the record as the writer reads it
  for (const form of new Set(slots.map((s) => s.link.form))) {
    const target = forms.find((f) => f.definition.key === form);
    if (!target) continue;
    const ids = [...new Set(slots.filter((s) => s.link.form === form).map((s) => s.id.toLowerCase()))];
    const records = await readLinked(env, target, ids);
    for (const record of records) linked.set(`${form}:${String(record.id)}`, record);
  }
  for (const slot of slots) {
    const record = linked.get(`${slot.link.form}:${slot.id.toLowerCase()}`);
    if (!record || record.deleted_at != null) continue;
    for (const [key, value] of Object.entries(valuesFromLink(slot.fields, slot.link.key, record)))
      if (slot.values[key] === undefined) slot.values[key] = value;
  }
  return out;
}

type LinkOf = AnyField & { type: 'link' };

/** The live link fields some field beside them takes a default from. */
function linkFields(fields: readonly AnyField[]): LinkOf[] {
  const wanted = linksWithDefaults(fields);
  return liveFields(fields).filter((f): f is LinkOf => f.type === 'link' && wanted.has(f.key));
}

function readLinked(env: WriteEnv, target: FormRuntime, ids: readonly string[]) {
  const uuids = ids.filter((id) => UUID.test(id)); // a malformed id is the link check's to report
  return readRecords(env.trx, target, uuids, env.access ? { access: env.access } : {}) as Promise<
    RecordValues[]
  >;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function isObject(value: unknown): value is RecordValues {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
