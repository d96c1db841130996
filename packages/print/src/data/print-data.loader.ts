import type { RecordService } from '@tessera/forms';
import type { Label } from '@tessera/schema';
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

/** The field types whose values are ids or codes printed by name. */
type NamedType = 'user' | 'department' | 'role';
type Named = Record<NamedType, Set<string>>;
const isNamed = (type: string): type is NamedType => type === 'user' || type === 'department' || type === 'role';

/** Follows a node's links and line items over `objects` (records or rows of one form), in place. */
async function follow(records: RecordService, app: string, at: LoadNode, objects: Mutable[], named: Named) {
  for (const field of at.fields) {
    if (!isNamed(field.type)) continue;
    for (const o of objects) {
      const v = o[field.key];
      for (const id of Array.isArray(v) ? v : [v]) if (typeof id === 'string') named[field.type].add(id);
    }
  }
  for (const [key, child] of at.links) {
    const linked = await byIds(records, app, child.form, idsOf(objects, key), [...child.lineItems.keys()]);
    // out of the caller's scope: the id stays, and nothing prints through it
    for (const o of objects) {
      const id = o[key];
      if (typeof id === 'string' && linked.has(id)) o[key] = linked.get(id);
    }
    await follow(records, app, child, [...linked.values()], named);
  }
  for (const [key, rows] of at.lineItems) {
    const all = objects.flatMap((o) => {
      const items = Array.isArray(o[key]) ? (o[key] as Mutable[]).map((r) => ({ ...r })) : [];
      o[key] = items;
      return items;
    });
    await follow(records, app, rows, all, named);
  }
}

/** What the printed values name: users' display names, departments' names, roles' titles. */
export interface PrintNames {
  readonly users: Map<string, string>;
  readonly departments: Map<string, string>;
  readonly roles: Map<string, Label>;
}

/** One bound statement per kind, only for the values the records hold. */
async function loadNames(db: Kysely<any>, named: Named): Promise<PrintNames> {
  const out: PrintNames = { users: new Map(), departments: new Map(), roles: new Map() };
  if (named.user.size > 0) {
    const rows = await sql<{ id: string; display_name: string }>`
      select id, display_name from tessera.users where id = any(${[...named.user]}::uuid[])`.execute(db);
    for (const r of rows.rows) out.users.set(String(r.id), r.display_name);
  }
  if (named.department.size > 0) {
    const rows = await sql<{ code: string; name: string }>`
      select code, name from tessera.departments where code = any(${[...named.department]}::text[])`.execute(db);
    for (const r of rows.rows) out.departments.set(r.code, r.name);
  }
  if (named.role.size > 0) {
    const rows = await sql<{ key: string; title: Label | string }>`
      select key, title from tessera.roles where key = any(${[...named.role]}::text[])`.execute(db);
    // PGlite and pg both parse jsonb; a driver that hands back text is parsed here
    for (const r of rows.rows) out.roles.set(r.key, typeof r.title === 'string' ? JSON.parse(r.title) : r.title);
  }
  return out;
}

/**
 * The records to print, in the order of `ids`, with what the template reads through links, and
 * the names of every user, department and role they hold. Ids the caller cannot read are `missing`.
 */
export async function loadPrintData(
  db: Kysely<any>,
  records: RecordService,
  app: string,
  plan: LoadNode,
  ids: readonly string[],
): Promise<{ records: PrintRecord[]; missing: string[]; names: PrintNames }> {
  const roots = await byIds(records, app, plan.form, [...new Set(ids)], [...plan.lineItems.keys()]);
  const named: Named = { user: new Set(), department: new Set(), role: new Set() };
  await follow(records, app, plan, [...roots.values()], named);
  return {
    records: ids.flatMap((id) => (roots.has(id) ? [roots.get(id)!] : [])),
    missing: ids.filter((id) => !roots.has(id)),
    names: await loadNames(db, named),
  };
}
