import { FILTERABLE_SYSTEM_COLUMNS, ident, recordTable } from '@tessera/forms';
import {
  type ColumnResolver,
  type ResolvedColumn,
  SQL_TYPE_OF_KIND,
  type SqlValueType,
} from '@tessera/logic';
import { type FieldDefinition, type FormDefinition, fieldColumn, fieldValueKind } from '@tessera/schema';
import { sql } from 'kysely';
import { fieldOf } from '../model/form-meta.repository';

/** The SQL type a field's column compares as (its value kind in the field-type registry). */
export function sqlTypeOf(field: FieldDefinition): SqlValueType | null {
  const kind = fieldColumn(field) === null ? null : fieldValueKind(field);
  return kind === null ? null : SQL_TYPE_OF_KIND[kind];
}

/**
 * Maps condition paths to columns of the form's table (aliased `alias`) and, through a link
 * field, to a scalar sub-select of the linked table: `customer.credit_level` becomes
 * `(select l."credit_level" from "app_x"."customer" l where l.id = t."customer")`. Every
 * identifier comes from the published definitions and passes `ident`. Paths the table cannot
 * answer (old values, the user) return an error, and the caller evaluates in memory instead.
 */
export function formColumnResolver(
  appKey: string,
  form: FormDefinition,
  alias: string,
  linked: ReadonlyMap<string, FormDefinition>,
): ColumnResolver {
  return (path) => {
    const parts = path.split('.');
    const [head, sub] = parts;
    if (!head || parts.length > 2) return { error: `"${path}" cannot be read in SQL` };
    if (parts.length === 1) {
      const systemType = FILTERABLE_SYSTEM_COLUMNS[head];
      if (systemType) return column(`${ident(alias)}.${ident(head)}`, systemType, head === 'id');
      const field = fieldOf(form, head);
      const type = field && sqlTypeOf(field);
      if (!field || !type) return { error: `"${head}" is not a field of ${form.key} readable in SQL` };
      return column(`${ident(alias)}.${ident(head)}`, type, fieldColumn(field)?.kind === 'uuid');
    }
    const link = fieldOf(form, head);
    if (link?.type !== 'link' || !sub) return { error: `"${path}" cannot be read in SQL` };
    const target = linked.get(link.form);
    if (!target) return { error: `form "${link.form}" is not published` };
    const targetField = fieldOf(target, sub);
    const targetType = sub === 'id' ? 'text' : targetField ? sqlTypeOf(targetField) : null;
    if (!targetType) return { error: `"${sub}" is not a field of ${link.form} readable in SQL` };
    if (sub === 'id') return column(`${ident(alias)}.${ident(head)}`, 'text', true);
    const linkedValue = sql`(select ${sql.raw(`l.${ident(sub)}`)} from ${recordTable(appKey, link.form, 'l')}
      where ${sql.raw(`l.id = ${ident(alias)}.${ident(head)}`)})`;
    return { sql: linkedValue, type: targetType };
  };
}

function column(text: string, type: SqlValueType, uuid: boolean): ResolvedColumn {
  // uuid columns compare as text so a literal id (or a wrong one) never fails the cast.
  return { sql: uuid ? sql.raw(`${text}::text`) : sql.raw(text), type };
}

/** Published definitions of the forms the form links to (for `link.field` paths). */
export async function linkedForms(
  form: FormDefinition,
  load: (key: string) => Promise<FormDefinition | null>,
): Promise<Map<string, FormDefinition>> {
  const out = new Map<string, FormDefinition>();
  for (const field of form.fields) {
    if (field.type !== 'link' || field.deleted === true || out.has(field.form)) continue;
    const target = await load(field.form);
    if (target) out.set(field.form, target);
  }
  return out;
}
