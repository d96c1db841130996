import { readStoredRow, SYSTEM_COLUMNS } from '@tessera/forms';
import type { FieldDefinition, FormDefinition } from '@tessera/schema';
import { type Kysely, sql } from 'kysely';
import type { FormLoader } from '../model/form-meta.repository';

export type RecordRow = Record<string, unknown>;
/** A record as conditions and templates see it: numbers as numbers, instants as ISO text. */
export type RecordData = Record<string, unknown>;

const NUMERIC_TYPES = new Set<FieldDefinition['type']>(['number', 'money', 'percent', 'integer', 'rollup']);

/** Plain values of a row: numeric text → number, Date → ISO text; unknown columns dropped. */
export function normalizeRow(form: FormDefinition, row: RecordRow): RecordData {
  const data: RecordData = {};
  for (const key of SYSTEM_COLUMNS) {
    if (key in row) data[key] = plain(row[key]);
  }
  for (const field of form.fields) {
    if (field.deleted === true || !(field.key in row)) continue;
    const value = row[field.key];
    data[field.key] =
      NUMERIC_TYPES.has(field.type) && typeof value === 'string' && value !== ''
        ? Number(value)
        : plain(value);
  }
  return data;
}

function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return Number(value);
  return value;
}

/**
 * The record with each link field replaced by the linked record (one level deep), so conditions
 * and templates read `customer.credit_level`; the linked id stays reachable as `customer.id`.
 * Its user fields (and the linked records') keep their ids for conditions; their people's names
 * go under `$names` by path, what a message's `{{ owner }}` prints (never a raw id).
 */
export async function withLinkedRecords(
  db: Kysely<any>,
  appKey: string,
  form: FormDefinition,
  data: RecordData,
  forms: FormLoader,
): Promise<RecordData> {
  const out: RecordData = { ...data };
  const people: [string, unknown][] = userValues(form, data, '');
  for (const field of form.fields) {
    if (field.type !== 'link' || field.deleted === true) continue;
    const id = data[field.key];
    if (typeof id !== 'string') continue;
    const target = await forms(field.form);
    const row = target ? await readStoredRow(db, appKey, target, id) : null;
    out[field.key] = target && row ? normalizeRow(target, row) : { id };
    if (target && row) people.push(...userValues(target, out[field.key] as RecordData, `${field.key}.`));
  }
  const names = await userNames(db, people);
  return names ? { ...out, $names: names } : out;
}

/** The values of the form's user fields in `data`, by path (`owner`, `customer.owner`). */
function userValues(form: FormDefinition, data: RecordData, prefix: string): [string, unknown][] {
  return form.fields
    .filter((f) => f.type === 'user' && f.deleted !== true && data[f.key] != null)
    .map((f) => [`${prefix}${f.key}`, data[f.key]]);
}

/** Path → the display names of the users it holds (several joined by ", "), in one query. */
async function userNames(
  db: Kysely<any>,
  people: readonly [string, unknown][],
): Promise<Record<string, string> | null> {
  const idsOf = (value: unknown) =>
    (Array.isArray(value) ? value : [value]).filter((v) => typeof v === 'string');
  const ids = [...new Set(people.flatMap(([, value]) => idsOf(value)))] as string[];
  if (ids.length === 0) return null;
  const r = await sql<{ id: string; name: string }>`
    select id::text as id, coalesce(nullif(display_name, ''), username) as name from tessera.users
    where id::text = any(${ids}::text[])`.execute(db);
  const byId = new Map(r.rows.map((u) => [u.id, u.name]));
  return Object.fromEntries(
    people.map(([path, value]) => [
      path,
      idsOf(value)
        .map((id) => byId.get(id as string) ?? '')
        .filter(Boolean)
        .join(', '),
    ]),
  );
}

/** The acting user as `user.*` in conditions and templates. */
export async function loadUser(db: Kysely<any>, id: string | null | undefined): Promise<RecordData | null> {
  if (!id) return null;
  const r = await sql<RecordData>`select id, username, display_name, email, locale, is_admin
    from tessera.users where id = ${id}`.execute(db);
  return r.rows[0] ?? null;
}
