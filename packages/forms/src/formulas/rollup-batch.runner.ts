import { type EvalContext, toSql } from '@tessera/logic';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { fieldResolver } from '../records/field-column.resolver';
import type { FormRuntime } from '../records/form-runtime';
import { liveFields, type RollupField } from '../records/record-field';
import type { RecordValues } from '../records/record-value.mapper';
import { renderColumnType } from '../tables/column-type';
import { valueColumnType } from '../tables/field-columns.mapper';
import { ident, qualified } from '../tables/identifier';
import { type RollupDependency, rollupsOver } from './rollup.runner';
import { readsAnyVar, recomputeFormulasOverRollups } from './rollup-formulas.recompute';

/** Rollups over rollups deeper than this are a cycle of self-links, not a real hierarchy. */
const MAX_LEVELS = 32;

/** A parent form to recompute: the rollups concerned and the parent ids touched. */
interface Pending {
  readonly parent: FormRuntime;
  readonly deps: RollupDependency[];
  readonly ids: Set<string>;
}

/**
 * Recomputes, ONCE for a whole write (a record or a bulk chunk), the stored rollups that the
 * write touched: those of every parent the written `versions` link to (before and after the
 * write, so a re-link updates the old parent too) and, with `ownIds`, the written records' own
 * rollups (a form rolling up over itself). Per parent form: one locked select of the distinct
 * parents (id order, against deadlocks; see recomputeRollups for why the lock comes first), then
 * one set-based UPDATE … FROM (SELECT link, aggregates … GROUP BY link) per child form and link —
 * a constant number of statements however many rows the chunk has. The parents' formulas that
 * read a recomputed rollup follow (recomputeFormulasOverRollups), then rollups of grandparents
 * over either, level by level (dependency order).
 */
export async function refreshRollupsOnce(
  trx: Kysely<any>,
  forms: readonly FormRuntime[],
  child: FormRuntime,
  versions: readonly RecordValues[],
  ownIds: readonly string[],
  /** `now` and the platform's zone (TESSERA_TIME_ZONE) of the parents' formulas that read `today`. */
  ctx: EvalContext,
): Promise<void> {
  let level = new Map<string, Pending>();
  const add = (dep: RollupDependency, ids: Iterable<unknown>) => {
    const entry = level.get(dep.parent.formId) ?? { parent: dep.parent, deps: [], ids: new Set<string>() };
    level.set(dep.parent.formId, entry);
    if (!entry.deps.includes(dep)) entry.deps.push(dep);
    for (const id of ids) if (typeof id === 'string') entry.ids.add(id);
  };
  for (const dep of rollupsOver(child, forms))
    add(
      dep,
      versions.map((v) => v[dep.field.source.link]),
    );
  if (ownIds.length > 0) {
    for (const source of forms) {
      for (const dep of rollupsOver(source, forms)) if (dep.parent.formId === child.formId) add(dep, ownIds);
    }
  }
  for (let depth = 0; level.size > 0 && depth < MAX_LEVELS; depth++) {
    const next = new Map<string, Pending>();
    const current = level;
    level = next;
    for (const entry of current.values()) {
      const ids = [...entry.ids].sort();
      if (ids.length === 0) continue;
      await recomputeParents(trx, entry.parent, entry.deps, ids);
      const changed = new Set(entry.deps.map((d) => d.field.key));
      for (const key of await recomputeFormulasOverRollups(trx, entry.parent, changed, ids, ctx))
        changed.add(key);
      // Grandparents whose rollups aggregate a value just recomputed (or filter on it).
      for (const dep of rollupsOver(entry.parent, forms)) {
        if (!readsAny(dep.field, changed)) continue;
        add(dep, await linkedIds(trx, entry.parent, dep.field.source.link, ids));
      }
    }
  }
}

/** Locks the parents, then one UPDATE per (child form, link) sets all its rollups at once. */
async function recomputeParents(
  trx: Kysely<any>,
  parent: FormRuntime,
  deps: readonly RollupDependency[],
  ids: readonly string[],
): Promise<void> {
  const parentTable = sql.raw(qualified(parent.model.schema, parent.model.name));
  await sql`select id from ${parentTable} where id = any(${ids}::uuid[]) order by id for update`.execute(trx);
  const groups = new Map<string, RollupDependency[]>();
  for (const dep of deps) {
    const key = `${dep.child.formId}:${dep.field.source.link}`;
    groups.set(key, [...(groups.get(key) ?? []), dep]);
  }
  for (const group of groups.values()) {
    const { child } = group[0]!;
    const link = liveFields(child.definition.fields).find((f) => f.key === group[0]!.field.source.link);
    if (link?.type !== 'link') continue;
    const columns = group.flatMap(({ field }, i) => {
      const target = valueColumnType(field);
      const aggregate = aggregateSql(child, field);
      if (!target || !aggregate) return [];
      const value = sql.raw(`g.v${i}`);
      const outer =
        field.aggregate === 'count' || field.aggregate === 'sum' ? sql`coalesce(${value}, 0)` : value;
      return [
        {
          set: sql`${sql.raw(ident(field.key))} = (${outer})::${sql.raw(renderColumnType(target))}`,
          select: sql`${aggregate} as ${sql.raw(`v${i}`)}`,
        },
      ];
    });
    if (columns.length === 0) continue;
    const childTable = sql.raw(qualified(child.model.schema, child.model.name));
    const linkColumn = sql.raw(`c.${ident(link.key)}`);
    await sql`update ${parentTable} p set ${sql.join(columns.map((c) => c.set))}
      from unnest(${ids}::uuid[]) as t(id)
      left join (
        select ${linkColumn} as pid, ${sql.join(columns.map((c) => c.select))} from ${childTable} c
        where ${linkColumn} = any(${ids}::uuid[]) and c.deleted_at is null group by ${linkColumn}
      ) g on g.pid = t.id
      where p.id = t.id`.execute(trx);
  }
}

/** The aggregate over the child rows (alias `c`), restricted by the rollup's filter if any. */
function aggregateSql(child: FormRuntime, field: RollupField): RawBuilder<unknown> | null {
  let filter: RawBuilder<unknown> | null = null;
  if (field.filter !== undefined) {
    const translated = toSql(field.filter, fieldResolver(child, 'c'));
    filter = translated.ok ? sql`${translated.expression}` : sql`false`;
  }
  const where = filter ? sql` filter (where ${filter})` : sql``;
  if (field.aggregate === 'count') return sql`count(*)${where}`;
  if (field.field === undefined) return null;
  const column = sql.raw(`c.${ident(field.field)}`);
  switch (field.aggregate) {
    case 'sum':
      return sql`coalesce(sum(${column})${where}, 0)`;
    case 'avg':
      return sql`avg(${column})${where}`;
    case 'min':
      return sql`min(${column})${where}`;
    case 'max':
      return sql`max(${column})${where}`;
    default:
      return null;
  }
}

/** Whether a rollup aggregates or filters on one of `keys` of its source form. */
function readsAny(field: RollupField, keys: ReadonlySet<string>): boolean {
  if (field.field !== undefined && keys.has(field.field)) return true;
  return field.filter !== undefined && readsAnyVar(field.filter, keys);
}

/** The distinct ids the `ids` rows of `form` link to through `link`. */
async function linkedIds(
  trx: Kysely<any>,
  form: FormRuntime,
  link: string,
  ids: readonly string[],
): Promise<string[]> {
  if (!liveFields(form.definition.fields).some((f) => f.key === link && f.type === 'link')) return [];
  const table = sql.raw(qualified(form.model.schema, form.model.name));
  const column = sql.raw(ident(link));
  const r = await sql<{ id: string }>`select distinct ${column} as id from ${table}
    where id = any(${ids}::uuid[]) and ${column} is not null`.execute(trx);
  return r.rows.map((row) => String(row.id));
}
