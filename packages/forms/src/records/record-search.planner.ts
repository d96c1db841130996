import { titleFieldOf } from '@tessera/schema';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { valueColumnType } from '../tables/field-columns.mapper';
import { ident, qualified } from '../tables/identifier';
import type { FormRuntime } from './form-runtime';
import { loadRuntime } from './form-runtime.repository';
import type { FormGate, RecordsAccess } from './record-access';
import { type AnyField, liveFields } from './record-field';

/** Types searched when a form names no searchFields (own columns, looked-up sources). */
const DEFAULT_SEARCHED = new Set(['text', 'email', 'phone', 'auto_number']);

/**
 * Columns of a linked form searched through one link column of the list's form: an order list
 * searched for "星河" matches the orders whose customer's name (the link's title, or a lookup of
 * it) contains it. Identifiers come from the published definitions only.
 */
export interface LinkedSearch {
  /** The link column of the listed form. */
  readonly link: string;
  /** The linked form's table, schema-qualified and quoted. */
  readonly table: string;
  /** Its searched columns (quoted). */
  readonly columns: readonly string[];
  /** The caller's read scope on the linked form, on alias `t` (null: every row). */
  readonly scope: RawBuilder<unknown> | null;
}

/** The fields a list's text search covers: the form's searchFields, else its textual fields, links and lookups. */
function searchedFields(runtime: FormRuntime, hidden: ReadonlySet<string>): AnyField[] {
  // Hidden fields are never searched: a match would reveal their content.
  const fields = liveFields(runtime.definition.fields).filter((f) => !hidden.has(f.key));
  const ids = runtime.definition.searchFields;
  if (ids?.length) return fields.filter((f) => ids.includes(f.id));
  return fields.filter((f) => DEFAULT_SEARCHED.has(f.type) || f.type === 'link' || f.type === 'lookup');
}

/** The listed form's own searched columns (quoted). */
export function ownSearchColumns(runtime: FormRuntime, hidden: ReadonlySet<string>): string[] {
  return searchedFields(runtime, hidden)
    .filter((f) => f.type !== 'link' && valueColumnType(f) !== null)
    .map((f) => ident(f.key));
}

/**
 * Plans the linked part of a text search (reads the linked forms' published runtimes): per link,
 * the linked form's title field (what a link column shows) and the sources of the searched
 * lookups through it — only what the caller may read there (the form, its unhidden fields, rows
 * in scope), as the list would mask it otherwise.
 */
export async function planLinkedSearch(
  db: Kysely<any>,
  runtime: FormRuntime,
  hidden: ReadonlySet<string>,
  access: RecordsAccess | undefined,
): Promise<LinkedSearch[]> {
  const explicit = (runtime.definition.searchFields?.length ?? 0) > 0;
  const fields = liveFields(runtime.definition.fields);
  const byLink = new Map<string, { target: string; sources: Set<string> }>();
  for (const field of searchedFields(runtime, hidden)) {
    const linkField =
      field.type === 'link'
        ? field
        : field.type === 'lookup'
          ? fields.find((f) => f.key === field.link && f.type === 'link')
          : undefined;
    if (linkField?.type !== 'link') continue;
    const entry = byLink.get(linkField.key) ?? { target: linkField.form, sources: new Set<string>() };
    entry.sources.add(field.type === 'lookup' ? field.field : '');
    byLink.set(linkField.key, entry);
  }
  const out: LinkedSearch[] = [];
  for (const [link, { target, sources }] of byLink) {
    const linked = await loadRuntime(db, runtime.appKey, target);
    const gate: FormGate | undefined = access?.form(linked);
    if (gate && !gate.can('read')) continue;
    const targetFields = liveFields(linked.definition.fields);
    const columns = new Set<string>();
    for (const source of sources) {
      const field =
        source === '' ? titleFieldOf(linked.definition) : targetFields.find((f) => f.key === source);
      if (!field || gate?.hidden.has(field.key) || valueColumnType(field) === null) continue;
      // without searchFields a lookup is searched when its source is textual; a title always is
      if (source !== '' && !explicit && !DEFAULT_SEARCHED.has(field.type)) continue;
      columns.add(ident(field.key));
    }
    if (columns.size === 0) continue;
    const scope = gate?.rows('read', 't') ?? null;
    out.push({
      link: ident(link),
      table: qualified(linked.model.schema, linked.model.name),
      columns: [...columns],
      scope: scope ? sql`${scope}` : null,
    });
  }
  return out;
}

/**
 * The search condition (pure): a case-insensitive substring of the pattern in any own column, or
 * — through each link — `r.link in (select t.id from linked t where t.col ilike $1 …)`, which is
 * not correlated: Postgres runs it once as a hashed subplan (or a semi-join on the link's index)
 * instead of one subquery per listed row. The pattern is a bound value, `%`, `_` and `\` escaped.
 */
export function searchCondition(
  q: string,
  own: readonly string[],
  linked: readonly LinkedSearch[],
): RawBuilder<unknown> {
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const matches = (alias: string, columns: readonly string[]) =>
    columns.map((c) => sql`${sql.raw(`${alias}.${c}`)}::text ilike ${pattern}`);
  const branches = [
    ...matches('r', own),
    ...linked.map((l) => {
      const where = [sql`(${sql.join(matches('t', l.columns), sql` or `)})`, ...(l.scope ? [l.scope] : [])];
      return sql`${sql.raw(`r.${l.link}`)} in (select t.id from ${sql.raw(l.table)} t where ${sql.join(where, sql` and `)})`;
    }),
  ];
  if (branches.length === 0) return sql`false`;
  return sql`(${sql.join(branches, sql` or `)})`;
}
