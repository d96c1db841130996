import type { FormDefinition } from '@tessera/schema';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { fieldColumns } from './field-columns.mapper';
import { ident, qualified } from './identifier';
import { appSchemaName, childTableName } from './physical-name';
import { SYSTEM_COLUMNS } from './system-columns';

/**
 * How other engines (rules, reports) name a form's tables in the SQL they compile: the ONLY
 * place outside the records engine that spells an app table. They never build `app_<key>` names
 * themselves, nor `select *` from one (a test in forms checks both).
 */

/** `"app_<app>"."<form>"` as SQL text, every identifier checked (for statements built as text). */
export function recordTableName(appKey: string, formKey: string): string {
  return qualified(appSchemaName(appKey), formKey);
}

/** `"app_<app>"."<form>"` (with ` <alias>`), every identifier checked. */
export function recordTable(appKey: string, formKey: string, alias?: string): RawBuilder<unknown> {
  const name = recordTableName(appKey, formKey);
  return sql.raw(alias === undefined ? name : `${name} ${ident(alias)}`);
}

/** The child table of a line-items field: `"app_<app>"."<form>__<field>"` (with ` <alias>`). */
export function lineItemsTable(
  appKey: string,
  formKey: string,
  fieldKey: string,
  alias?: string,
): RawBuilder<unknown> {
  return recordTable(appKey, childTableName(formKey, fieldKey), alias);
}

/** The stored columns of a form's row: system columns, then each live field's column(s). */
export function recordColumnNames(form: FormDefinition): string[] {
  const names: string[] = [...SYSTEM_COLUMNS];
  for (const field of form.fields) {
    if (field.deleted === true) continue;
    for (const column of fieldColumns(field)) names.push(column.name);
  }
  return names;
}

/** `<alias>."id", <alias>."created_at", …` — the explicit select list of {@link recordColumnNames}. */
export function recordColumns(form: FormDefinition, alias: string): RawBuilder<unknown> {
  const prefix = `${ident(alias)}.`;
  return sql.raw(
    recordColumnNames(form)
      .map((name) => prefix + ident(name))
      .join(', '),
  );
}

/**
 * One stored row of a form's table by id, deleted ones too (a delete event still needs the data),
 * with the columns of {@link recordColumns}: raw column values, for engines that evaluate
 * conditions over what is stored. Null when there is no such row.
 */
export async function readStoredRow(
  db: Kysely<any>,
  appKey: string,
  form: FormDefinition,
  id: string,
): Promise<Record<string, unknown> | null> {
  const result = await sql<Record<string, unknown>>`select ${recordColumns(form, 'r')}
    from ${recordTable(appKey, form.key, 'r')} where r.id = ${id}`.execute(db);
  return result.rows[0] ?? null;
}

/**
 * A statistics object kept beside an app's tables (the report engine creates them on the bucket
 * expressions it groups by): its schema-qualified name, and the schema as catalog views give it.
 */
export function appStatisticsObject(
  appKey: string,
  name: string,
): { name: RawBuilder<unknown>; schema: string } {
  const schema = appSchemaName(appKey);
  return { name: sql`${sql.id(schema, name)}`, schema };
}
