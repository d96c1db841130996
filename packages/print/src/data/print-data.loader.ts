import type { RecordService } from '@tessera/forms';
import { type Kysely, sql } from 'kysely';
import type { PrintRecord } from '../document/value.resolver';
import type { LoadNode } from './load-plan.planner';

/** The most records one list call reads (the records service's page limit). */
const CHUNK = 500;

type Mutable = Record<string, unknown>;

/** Reads records by id through the caller's records service: their row scope and hidden fields apply. */
async function byIds(
  records: RecordService,
  app: string,
  form: string,
  ids: readonly string[],
  expand: readonly string[],
): Promise<Map<string, Mutable>> {
  const found = new Map<string, Mutable>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const page = await records.list(app, form, {
      filter: { in: [{ var: 'id' }, [...chunk]] },
      limit: chunk.length,
      expand,
    });
    for (const item of page.items) found.set(String(item.id), { ...(item as Mutable) });
  }
  return found;
}

const idsOf = (objects: readonly Mutable[], key: string) => [
  ...new Set(objects.map((o) => o[key]).filter((v): v is string => typeof v === 'string')),
];

/** Follows a node's links and line items over `objects` (records or rows of one form), in place. */
async function follow(records: RecordService, app: string, at: LoadNode, objects: Mutable[], users: Set<string>) {
  for (const field of at.fields) {
    if (field.type !== 'user') continue;
    for (const o of objects) {
      const v = o[field.key];
      for (const id of Array.isArray(v) ? v : [v]) if (typeof id === 'string') users.add(id);
    }
  }
  for (const [key, child] of at.links) {
    const linked = await byIds(records, app, child.form, idsOf(objects, key), [...child.lineItems.keys()]);
    // out of the caller's scope: the id stays, and nothing prints through it
    for (const o of objects) {
      const id = o[key];
      if (typeof id === 'string' && linked.has(id)) o[key] = linked.get(id);
    }
    await follow(records, app, child, [...linked.values()], users);
  }
  for (const [key, rows] of at.lineItems) {
    const all = objects.flatMap((o) => {
      const items = Array.isArray(o[key]) ? (o[key] as Mutable[]).map((r) => ({ ...r })) : [];
      o[key] = items;
      return items;
    });
    await follow(records, app, rows, all, users);
  }
}

/**
 * The records to print, in the order of `ids`, with what the template reads through links, and
 * the display names of every user they name. Ids the caller cannot read are `missing`.
 */
export async function loadPrintData(
  db: Kysely<any>,
  records: RecordService,
  app: string,
  plan: LoadNode,
  ids: readonly string[],
): Promise<{ records: PrintRecord[]; missing: string[]; users: Map<string, string> }> {
  const roots = await byIds(records, app, plan.form, [...new Set(ids)], [...plan.lineItems.keys()]);
  const users = new Set<string>();
  await follow(records, app, plan, [...roots.values()], users);
  const names = new Map<string, string>();
  if (users.size > 0) {
    const rows = await sql<{ id: string; display_name: string }>`
      select id, display_name from tessera.users where id = any(${[...users]}::uuid[])`.execute(db);
    for (const r of rows.rows) names.set(String(r.id), r.display_name);
  }
  return {
    records: ids.flatMap((id) => (roots.has(id) ? [roots.get(id)!] : [])),
    missing: ids.filter((id) => !roots.has(id)),
    users: names,
  };
}
