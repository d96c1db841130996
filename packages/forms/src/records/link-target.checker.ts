import { fieldError } from '@tessera/schema';
import { type Kysely, sql } from 'kysely';
import { qualified } from '../tables/identifier';
import { appSchemaName } from '../tables/physical-name';
import type { FormRuntime } from './form-runtime';
import type { RecordsAccess } from './record-access';
import { type AnyField, liveFields } from './record-field';
import type { RecordValues } from './record-value.mapper';
import type { FieldError } from './records.error';

/** One write's link values: what it would store, and what is stored (update) or null (create). */
export interface LinkCheckItem {
  readonly values: RecordValues;
  readonly current: RecordValues | null;
}

/** What the check runs with: the write's handle and form, the app's forms, the writer's access. */
export interface LinkCheckEnv {
  readonly trx: Kysely<any>;
  readonly runtime: FormRuntime;
  readonly appForms: () => Promise<readonly FormRuntime[]>;
  /** The writer's access; absent = the system (rules, flows): every live record may be linked. */
  readonly access?: RecordsAccess;
}

/** One link value a write sets: where it sits in the item (`customer`, `items[2].product`). */
interface LinkUse {
  readonly index: number;
  readonly path: string;
  readonly id: string;
}

/**
 * Links may only point at live records the writer may read: the foreign key refuses ids that do
 * not exist; this refuses soft-deleted targets and — for a caller with access — targets outside
 * their read scope of the linked form, with the same message as a missing record, so a link
 * cannot probe what the caller may not see (a deleted record they can see says so). A link field
 * with `linkScope: "any"` accepts every live record of its form. Checked for the link values a
 * write sets or changes — top-level links and line-item rows' links — with ONE indexed lookup per
 * link field for a whole batch. Returns the errors by item index.
 */
export async function checkLinkTargets(
  env: LinkCheckEnv,
  items: readonly LinkCheckItem[],
): Promise<Map<number, FieldError[]>> {
  const errors = new Map<number, FieldError[]>();
  const fields = liveFields(env.runtime.definition.fields);
  const add = (use: LinkUse, code: 'FIELD_LINK_MISSING' | 'FIELD_LINK_DELETED') =>
    errors.set(use.index, [...(errors.get(use.index) ?? []), fieldError(use.path, code)]);
  for (const field of fields) {
    if (field.type === 'link') {
      await checkField(
        env,
        field,
        linkUses(items, field.key, (v) => [{ path: field.key, value: v }]),
        add,
      );
    }
    if (field.type !== 'line_items') continue;
    for (const row of liveFields(field.fields)) {
      if (row.type !== 'link') continue;
      const uses = linkUses(items, field.key, (rows) =>
        (Array.isArray(rows) ? rows : []).map((r, i) => ({
          path: `${field.key}[${i}].${row.key}`,
          value: (r as RecordValues | null)?.[row.key],
        })),
      );
      await checkField(env, row, uses, add);
    }
  }
  return errors;
}

/**
 * The link values of `key` the items set: for an update, only ids the stored record does not
 * link already (in that field, or in any row of it).
 */
function linkUses(
  items: readonly LinkCheckItem[],
  key: string,
  valuesOf: (value: unknown) => Array<{ path: string; value: unknown }>,
): LinkUse[] {
  const uses: LinkUse[] = [];
  items.forEach(({ values, current }, index) => {
    const stored = new Set(
      current ? valuesOf(current[key]).flatMap((v) => (typeof v.value === 'string' ? [v.value] : [])) : [],
    );
    for (const { path, value } of valuesOf(values[key]))
      if (typeof value === 'string' && !stored.has(value)) uses.push({ index, path, id: value });
  });
  return uses;
}

async function checkField(
  env: LinkCheckEnv,
  field: AnyField & { type: 'link' },
  uses: readonly LinkUse[],
  add: (use: LinkUse, code: 'FIELD_LINK_MISSING' | 'FIELD_LINK_DELETED') => void,
): Promise<void> {
  if (uses.length === 0) return;
  const wanted = [...new Set(uses.map((u) => u.id.toLowerCase()))];
  const target = sql.raw(qualified(appSchemaName(env.runtime.appKey), field.form));
  const visible = await readScope(env, field);
  const r = await sql<{ id: string; deleted: boolean; visible: boolean }>`
    select r.id, r.deleted_at is not null as deleted, ${visible} as visible
    from ${target} r where r.id = any(${wanted}::uuid[])`.execute(env.trx);
  const found = new Map(r.rows.map((row) => [String(row.id), row]));
  for (const use of uses) {
    const row = found.get(use.id.toLowerCase());
    if (row?.visible && !row.deleted) continue;
    add(use, row?.visible && row.deleted ? 'FIELD_LINK_DELETED' : 'FIELD_LINK_MISSING');
  }
}

/** Which target rows the writer may link to, as a SQL condition on `r` (true: every row). */
async function readScope(env: LinkCheckEnv, field: AnyField & { type: 'link' }) {
  if (!env.access || field.linkScope === 'any') return sql<boolean>`true`;
  const runtime = (await env.appForms()).find((f) => f.definition.key === field.form);
  if (!runtime) return sql<boolean>`false`;
  const gate = env.access.form(runtime);
  if (!gate.can('read')) return sql<boolean>`false`;
  const rows = gate.rows('read', 'r');
  return rows ? sql<boolean>`coalesce((${rows}), false)` : sql<boolean>`true`;
}
