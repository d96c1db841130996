import { toSql } from '@tessera/logic';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { fieldResolver } from '../records/field-column.resolver';
import type { FormRuntime } from '../records/form-runtime';
import { liveFields, type RollupField } from '../records/record-field';
import { renderColumnType } from '../tables/column-type';
import { valueColumnType } from '../tables/field-columns.mapper';
import { ident, qualified } from '../tables/identifier';

/** A rollup of `parent` computed over the records of `child` that link to it. */
export interface RollupDependency {
  readonly parent: FormRuntime;
  readonly field: RollupField;
  readonly child: FormRuntime;
}

/** The rollups of any form of the app whose source is `child` (through one of its link fields). */
export function rollupsOver(child: FormRuntime, appForms: readonly FormRuntime[]): RollupDependency[] {
  const deps: RollupDependency[] = [];
  for (const parent of appForms) {
    for (const field of liveFields(parent.definition.fields)) {
      if (field.type === 'rollup' && field.source.form === child.definition.key)
        deps.push({ parent, field, child });
    }
  }
  return deps;
}

/**
 * Rollups are STORED on the parent and recomputed in the writer's transaction whenever a child
 * record is created, changed, re-linked, deleted or restored (for the old and the new parent).
 * The parents are first locked (SELECT … FOR UPDATE, in id order against deadlocks), then
 * recomputed by a separate statement: under READ COMMITTED that statement's snapshot sees every
 * child committed by a writer that held the lock before, so concurrent child writes never leave a
 * stale total. The parent's `version` is not bumped (a rollup is derived, not an edit).
 */
export async function recomputeRollups(
  trx: Kysely<any>,
  dep: RollupDependency,
  parentIds: readonly (string | null | undefined)[],
): Promise<void> {
  const ids = [...new Set(parentIds.filter((id): id is string => typeof id === 'string'))].sort();
  if (ids.length === 0) return;
  const { parent, field, child } = dep;
  const target = valueColumnType(field);
  const link = liveFields(child.definition.fields).find((f) => f.key === field.source.link);
  if (!target || link?.type !== 'link') return;
  const parentTable = sql.raw(qualified(parent.model.schema, parent.model.name));
  const childTable = sql.raw(qualified(child.model.schema, child.model.name));
  await sql`select id from ${parentTable} where id = any(${ids}::uuid[]) order by id for update`.execute(trx);
  const aggregate = aggregateSql(field);
  if (!aggregate) return;
  let filter: RawBuilder<unknown> = sql`true`;
  if (field.filter !== undefined) {
    const translated = toSql(field.filter, fieldResolver(child, 'c'));
    filter = translated.ok ? sql`${translated.expression}` : sql`false`;
  }
  await sql`update ${parentTable} p set ${sql.raw(ident(field.key))} = (
      select (${aggregate})::${sql.raw(renderColumnType(target))} from ${childTable} c
      where c.${sql.raw(ident(link.key))} = p.id and c.deleted_at is null and ${filter})
    where p.id = any(${ids}::uuid[])`.execute(trx);
}

function aggregateSql(field: RollupField): RawBuilder<unknown> | null {
  if (field.aggregate === 'count') return sql`count(*)`;
  if (field.field === undefined) return null;
  const column = sql.raw(`c.${ident(field.field)}`);
  switch (field.aggregate) {
    case 'sum':
      return sql`coalesce(sum(${column}), 0)`;
    case 'avg':
      return sql`avg(${column})`;
    case 'min':
      return sql`min(${column})`;
    case 'max':
      return sql`max(${column})`;
    default:
      return null;
  }
}
