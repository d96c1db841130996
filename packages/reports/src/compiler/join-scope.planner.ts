import { lineItemsTable, recordTable } from '@tessera/forms';
import type { FormDefinition, QueryModel } from '@tessera/schema';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { ReportIssue } from '../model/report.error';
import type { ReportCatalog } from '../model/report-context';
import type { ValueType } from '../model/value-type';
import {
  type AnyField,
  fieldMeasures,
  fieldValueType,
  isUuidColumn,
  nameSourceOf,
} from './field-type.mapper';
import type { Resolution, RowScope } from './row-scope';
import { column, id, joinSql, type Sql } from './sql-parts';

/** The SQL alias of the source table; row-permission filters are written against it. */
export const SOURCE_ALIAS = 't0';

/**
 * A many-to-one link of the source joined by its key column: what a pre-aggregated plan needs to
 * join the linked form to rows grouped by that key (see `pre-aggregate.planner`).
 */
export interface LinkJoin {
  /** The join's alias in field paths (`customer` in `customer.tier`). */
  readonly as: string;
  /** The source's link column. */
  readonly key: string;
  /** The join clause with `keyRef` standing for the source's link column. */
  readonly clause: (keyRef: Sql) => Sql;
}

/** One table of the FROM clause. */
interface TableRef {
  readonly alias: string;
  /** `form`: a form's table (has system columns and soft delete); `items`: a line-items table. */
  readonly kind: 'form' | 'items';
  readonly fields: readonly AnyField[];
  readonly join?: Sql;
}

const FORM_SYSTEM: Readonly<Record<string, ValueType>> = {
  id: 'text',
  created_at: 'datetime',
  updated_at: 'datetime',
};
const ITEM_SYSTEM: Readonly<Record<string, ValueType>> = { id: 'text', position: 'integer' };

/**
 * The source form and its joins as a row scope: `t0` is the source, `t1…` the joins in order.
 * Soft-deleted records are excluded everywhere: the source's WHERE and each joined form's ON.
 * Field paths: `field` (the source) or `<join alias>.field`.
 */
export function planJoinScope(
  catalog: ReportCatalog,
  query: Pick<QueryModel, 'source' | 'joins'>,
  joinFilter?: (form: string, alias: string) => Expression<SqlBool> | undefined,
):
  | { ok: true; scope: RowScope; source: Sql; links?: readonly LinkJoin[] }
  | { ok: false; errors: ReportIssue[] } {
  // The caller's row permissions on a joined form go into its ON clause.
  const permitted = (form: string, alias: string) => {
    const condition = joinFilter?.(form, alias);
    return condition ? sql` and ${condition}` : sql``;
  };
  const errors: ReportIssue[] = [];
  const table = (formKey: string) => recordTable(catalog.appKey, formKey);
  const source = formOf(catalog, query.source);
  if (!source) return { ok: false, errors: [{ path: '/source', message: `unknown form "${query.source}"` }] };
  const tables = new Map<string, TableRef>();
  const sourceRef: TableRef = { alias: SOURCE_ALIAS, kind: 'form', fields: source.fields };
  const sourceTable = sql`${table(source.key)} as ${id(SOURCE_ALIAS)}`;
  const from: Sql[] = [sourceTable];
  // Every join a link of the source itself: the joins as data (else undefined, no pre-aggregation)
  let links: LinkJoin[] | undefined = [];

  (query.joins ?? []).forEach((join, i) => {
    const path = `/joins/${i}`;
    const alias = `t${i + 1}`;
    if (tables.has(join.as) || join.as === query.source) {
      errors.push({ path: `${path}/as`, message: `alias "${join.as}" is used twice` });
      return;
    }
    const kind = join.required === true ? sql`inner join` : sql`left join`;
    if (join.path !== undefined) {
      const segments = join.path.split('.');
      const parent =
        segments.length === 1 ? sourceRef : segments.length === 2 ? tables.get(segments[0]!) : undefined;
      const fieldKey = segments[segments.length - 1]!;
      const field = parent?.fields.find((f) => f.key === fieldKey && f.deleted !== true);
      if (!parent || !field) {
        errors.push({ path: `${path}/path`, message: `"${join.path}" is not a link or line-items field` });
        return;
      }
      if (field.type === 'link') {
        const target = formOf(catalog, field.form);
        if (!target) {
          errors.push({ path: `${path}/path`, message: `form "${field.form}" is not published` });
          return;
        }
        tables.set(join.as, { alias, kind: 'form', fields: target.fields });
        const clause = (keyRef: Sql) =>
          sql`${kind} ${table(target.key)} as ${id(alias)} on ${column(alias, 'id')} = ${keyRef} and ${column(alias, 'deleted_at')} is null${permitted(target.key, alias)}`;
        from.push(clause(column(parent.alias, field.key)));
        if (parent === sourceRef) links?.push({ as: join.as, key: field.key, clause });
        else links = undefined;
        return;
      }
      if (field.type === 'line_items' && parent === sourceRef) {
        links = undefined;
        tables.set(join.as, { alias, kind: 'items', fields: field.fields });
        from.push(
          sql`${kind} ${lineItemsTable(catalog.appKey, source.key, field.key)} as ${id(alias)} on ${column(alias, 'parent_id')} = ${column(SOURCE_ALIAS, 'id')}`,
        );
        return;
      }
      errors.push({
        path: `${path}/path`,
        message: `"${join.path}" is not a link or line-items field of the source`,
      });
      return;
    }
    if (join.form !== undefined && join.link !== undefined) {
      const other = formOf(catalog, join.form);
      const link = other?.fields.find((f) => f.key === join.link && f.deleted !== true);
      if (!other || !link || link.type !== 'link' || link.form !== source.key) {
        errors.push({ path: path, message: `"${join.form}.${join.link}" is not a link to "${source.key}"` });
        return;
      }
      links = undefined;
      tables.set(join.as, { alias, kind: 'form', fields: other.fields });
      from.push(
        sql`${kind} ${table(other.key)} as ${id(alias)} on ${column(alias, join.link)} = ${column(SOURCE_ALIAS, 'id')} and ${column(alias, 'deleted_at')} is null${permitted(other.key, alias)}`,
      );
      return;
    }
    errors.push({ path, message: 'a join needs either "path" or both "form" and "link"' });
  });
  if (errors.length > 0) return { ok: false, errors };

  const resolve = (path: string): Resolution => {
    const segments = path.split('.');
    if (segments.length > 2) return { error: `"${path}": join the link first and read "<alias>.<field>"` };
    const table = segments.length === 1 ? sourceRef : tables.get(segments[0]!);
    if (!table) return { error: `unknown join alias "${segments[0]}" in "${path}"` };
    return resolveField(table, segments[segments.length - 1]!, path);
  };
  return {
    ok: true,
    source: sourceTable,
    ...(links && links.length > 0 ? { links } : {}),
    scope: {
      from: joinSql(from, ' '),
      where: [sql`${column(SOURCE_ALIAS, 'deleted_at')} is null`],
      resolve,
    },
  };
}

function resolveField(table: TableRef, key: string, path: string): Resolution {
  const system = table.kind === 'form' ? FORM_SYSTEM : ITEM_SYSTEM;
  if (Object.hasOwn(system, key)) {
    const type = system[key] as ValueType;
    const ref = column(table.alias, key);
    return { sql: key === 'id' ? sql`${ref}::text` : ref, type };
  }
  const field = table.fields.find((f) => f.key === key && f.deleted !== true);
  if (!field) return { error: `unknown field "${path}"` };
  const type = fieldValueType(field);
  if (typeof type !== 'string') return type;
  const ref = column(table.alias, field.key);
  const nameSource = type === 'text' ? nameSourceOf(field) : undefined;
  return {
    sql: isUuidColumn(field) ? sql`${ref}::text` : ref,
    type,
    measures: fieldMeasures(field),
    ...(nameSource ? { nameSource } : {}),
  };
}

function formOf(catalog: ReportCatalog, key: string): FormDefinition | undefined {
  return Object.hasOwn(catalog.forms, key) ? catalog.forms[key] : undefined;
}
