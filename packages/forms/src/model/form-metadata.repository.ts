import type { FormDefinition } from '@tessera/schema';
import { type Kysely, sql } from 'kysely';
import { FormsError } from '../errors/forms.error';
import { renderColumnType } from '../tables/column-type';
import type { TableModel } from '../tables/table-model';
import type { FormVersionStatus } from './forms-context';

/** Rows of tessera.form_versions as the engine reads them. */
export interface FormVersionRow {
  readonly id: string;
  readonly formId: string;
  readonly version: number;
  readonly status: FormVersionStatus;
  readonly definition: FormDefinition;
  readonly createdAt: Date;
  readonly publishedAt: Date | null;
}

export interface FormRow {
  readonly id: string;
  readonly appId: string;
  readonly publishedVersion: number | null;
}

/** Reads and writes of the forms metadata (schema `tessera`). Values are always bound parameters. */
export async function findForm(
  db: Kysely<any>,
  appKey: string,
  formKey: string,
  lock = false,
): Promise<FormRow | null> {
  const row = await sql<{ id: string; app_id: string; published_version: number | null }>`
    select f.id, f.app_id, f.published_version from tessera.forms f join tessera.apps a on a.id = f.app_id
    where a.key = ${appKey} and f.key = ${formKey} ${lock ? sql`for update of f` : sql``}`
    .execute(db)
    .then((r) => r.rows[0]);
  return row ? { id: row.id, appId: row.app_id, publishedVersion: row.published_version } : null;
}

export async function requireForm(
  db: Kysely<any>,
  appKey: string,
  formKey: string,
  lock = false,
): Promise<FormRow> {
  const form = await findForm(db, appKey, formKey, lock);
  if (!form) throw new FormsError('FORM_NOT_FOUND', `app ${appKey} has no form ${formKey}`);
  return form;
}

export async function findVersion(
  db: Kysely<any>,
  formId: string,
  version: number,
): Promise<FormVersionRow | null> {
  const rows = await versionsQuery(db, formId, sql`and version = ${version}`);
  return rows[0] ?? null;
}

export async function findPublished(db: Kysely<any>, formId: string): Promise<FormVersionRow | null> {
  const rows = await versionsQuery(db, formId, sql`and status = 'published'`);
  return rows[0] ?? null;
}

export async function listVersions(db: Kysely<any>, formId: string): Promise<readonly FormVersionRow[]> {
  return versionsQuery(db, formId, sql``);
}

async function versionsQuery(db: Kysely<any>, formId: string, where: ReturnType<typeof sql>) {
  const result = await sql<{
    id: string;
    form_id: string;
    version: number;
    status: FormVersionStatus;
    definition: FormDefinition | string;
    created_at: Date;
    published_at: Date | null;
  }>`select id, form_id, version, status, definition, created_at, published_at
     from tessera.form_versions where form_id = ${formId} ${where} order by version`.execute(db);
  return result.rows.map((r) => ({
    id: r.id,
    formId: r.form_id,
    version: Number(r.version),
    status: r.status,
    definition:
      typeof r.definition === 'string' ? (JSON.parse(r.definition) as FormDefinition) : r.definition,
    createdAt: r.created_at,
    publishedAt: r.published_at,
  }));
}

/** Marks `version` published (and the previous published version superseded). */
export async function markPublished(
  db: Kysely<any>,
  input: {
    formId: string;
    version: number;
    definition: FormDefinition;
    plan: unknown;
    actorId: string | null;
    at: Date;
  },
): Promise<void> {
  await sql`update tessera.form_versions set status = 'superseded', updated_at = ${input.at}
            where form_id = ${input.formId} and status = 'published'`.execute(db);
  await sql`update tessera.form_versions set status = 'published', definition = ${JSON.stringify(input.definition)}::jsonb,
              plan = ${JSON.stringify(input.plan)}::jsonb, published_at = ${input.at}, published_by = ${input.actorId},
              updated_at = ${input.at}
            where form_id = ${input.formId} and version = ${input.version}`.execute(db);
  await sql`update tessera.forms set published_version = ${input.version} where id = ${input.formId}`.execute(
    db,
  );
}

/** Inserts a version (used by purge: a new published version without the purged field). */
export async function insertVersion(
  db: Kysely<any>,
  input: {
    formId: string;
    status: FormVersionStatus;
    definition: FormDefinition;
    actorId: string | null;
    at: Date;
  },
): Promise<number> {
  const row = await sql<{ version: number }>`
    insert into tessera.form_versions (form_id, version, status, definition, created_at, created_by, updated_at)
    values (${input.formId},
            (select coalesce(max(version), 0) + 1 from tessera.form_versions where form_id = ${input.formId}),
            ${input.status}, ${JSON.stringify(input.definition)}::jsonb, ${input.at}, ${input.actorId}, ${input.at})
    returning version`.execute(db);
  return Number(row.rows[0]!.version);
}

/** Rewrites the per-column bookkeeping of a form from its physical model. */
export async function writeColumnBookkeeping(
  db: Kysely<any>,
  formId: string,
  model: TableModel,
  at: Date,
): Promise<void> {
  await sql`delete from tessera.form_columns where form_id = ${formId}`.execute(db);
  for (const table of [model, ...model.children]) {
    for (const column of table.columns) {
      const deleted = column.deleted || table.deleted;
      await sql`insert into tessera.form_columns
          (form_id, table_name, column_name, field_id, role, sql_type, state, updated_at)
        values (${formId}, ${table.name}, ${column.name}, ${column.fieldId ?? null}, ${column.role ?? 'system'},
                ${renderColumnType(column.type)}, ${deleted ? 'deleted' : 'active'}, ${at})`.execute(db);
    }
  }
}
