import { type EvalContext, toSql } from '@tessera/logic';
import { unstorableText } from '@tessera/schema';
import { prepared } from '@tessera/store';
import { CompiledQuery, type Kysely, type RawBuilder, sql } from 'kysely';
import { type ColumnType, renderColumnType } from '../tables/column-type';
import { valueColumnType } from '../tables/field-columns.mapper';
import { ident, qualified } from '../tables/identifier';
import { fieldResolver } from './field-column.resolver';
import type { FormRuntime } from './form-runtime';
import { appFingerprintSql } from './form-runtime.repository';
import type { FormGate } from './record-access';
import { withoutHidden } from './record-access.rows';
import { liveFields } from './record-field';
import { type LinkedSearch, ownSearchColumns, searchCondition } from './record-search.planner';
import type { FieldError } from './records.error';
import { RecordsError } from './records.error';
import { stampedSql } from './statement-template';

export interface SortKey {
  readonly field: string;
  readonly direction: 'asc' | 'desc';
}

export interface ListQuery {
  /** A JSON-Logic filter over field keys (and id, created_at, updated_at, created_by, updated_by, version). */
  readonly filter?: unknown;
  readonly sort?: readonly SortKey[];
  /** Page size, 1–500 (default 50). */
  readonly limit?: number;
  /** The opaque `nextCursor` of the previous page. */
  readonly cursor?: string;
  /** Text search (case-insensitive substring) over the form's searchFields, else its text, e-mail, phone and auto-number fields, the titles of linked records and textual lookups. */
  readonly q?: string;
  /** `exact`: also count every matching record (costly on big tables, so only on request). */
  readonly count?: 'exact' | 'none';
  /** `only`: the trash (soft-deleted records) instead of the live records. */
  readonly deleted?: 'exclude' | 'only';
}

export interface ListPlan {
  /** The page: whole rows (with `extra` selects, the app's fingerprint as `__fp`, sort values as `s_<i>`). */
  readonly select: RawBuilder<{ id: string } & Record<string, unknown>>;
  readonly count: RawBuilder<{ n: number }>;
  readonly sort: readonly SortColumn[];
  readonly limit: number;
}

interface SortColumn {
  readonly key: string;
  readonly sql: RawBuilder<unknown>;
  readonly cast: string;
  readonly direction: 'asc' | 'desc';
}

const SYSTEM_SORT: Readonly<Record<string, ColumnType>> = {
  id: { kind: 'uuid' },
  created_at: { kind: 'timestamptz' },
  updated_at: { kind: 'timestamptz' },
  version: { kind: 'integer' },
};

/**
 * Plans a list query (pure apart from reading nothing): WHERE = live/trash + filter (JSON-Logic →
 * SQL through a resolver that knows only the form's columns) + text search (own columns and,
 * through links, `linkedSearch`: see record-search.planner) + keyset cursor;
 * ORDER BY the sort keys (ASC NULLS LAST / DESC NULLS FIRST, Postgres's defaults) then `id`.
 * The cursor holds the last row's sort values and id; the next page starts strictly after it.
 * The page statement selects the whole rows — with `extra` (the lookups' subqueries) and the
 * app's fingerprint — so a page is ONE round trip, not ids and then rows.
 */
export function planList(
  runtime: FormRuntime,
  query: ListQuery,
  ctx: EvalContext,
  gate?: FormGate,
  extra: readonly RawBuilder<unknown>[] = [],
  linkedSearch: readonly LinkedSearch[] = [],
): ListPlan {
  const errors: FieldError[] = [];
  const denied: FieldError[] = [];
  const hidden = gate?.hidden ?? new Set<string>();
  const table = sql.raw(qualified(runtime.model.schema, runtime.model.name));
  const where: RawBuilder<unknown>[] = [
    query.deleted === 'only' ? sql`r.deleted_at is not null` : sql`r.deleted_at is null`,
  ];
  // The caller's row scope: part of the same WHERE as everything else (page and count alike).
  const scope = gate?.rows('read', 'r');
  if (scope) where.push(sql`${scope}`);
  if (query.filter !== undefined && query.filter !== null) {
    const resolve = withoutHidden(fieldResolver(runtime, 'r'), hidden, (path) =>
      denied.push({ path: 'filter', message: `field "${path}" is hidden from you` }),
    );
    const translated = toSql(query.filter, resolve, ctx);
    if (translated.ok) where.push(sql`${translated.expression}`);
    else
      errors.push(
        ...translated.errors.map((e) => ({
          path: e.path ? `filter.${e.path}` : 'filter',
          message: e.message,
        })),
      );
  }
  const searchProblem = query.q === undefined ? null : unstorableText(query.q);
  if (searchProblem) errors.push({ path: 'q', message: `the search text ${searchProblem}` });
  else if (query.q !== undefined && query.q.trim() !== '')
    where.push(searchCondition(query.q.trim(), ownSearchColumns(runtime, hidden), linkedSearch));

  query.sort?.forEach((key, i) => {
    if (hidden.has(key.field))
      denied.push({ path: `sort[${i}]`, message: `field "${key.field}" is hidden from you` });
  });
  if (denied.length > 0) throw RecordsError.denied('The list refers to fields hidden from you.', denied);
  const sort = sortColumns(runtime, query.sort ?? [], errors);
  const limit = query.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 500)
    errors.push({ path: 'limit', message: 'must be 1 to 500' });
  const base = [...where];
  if (query.cursor !== undefined) {
    const after = cursorCondition(sort, query.cursor);
    if (after) where.push(after);
    else errors.push({ path: 'cursor', message: 'is not a cursor of this list (sort changed?)' });
  }
  if (errors.length > 0) throw new RecordsError('INVALID_QUERY', 'The list query is invalid.', errors);

  const order = [
    ...sort.map((s) =>
      s.direction === 'asc' ? sql`${s.sql} asc nulls last` : sql`${s.sql} desc nulls first`,
    ),
    sql`r.id asc`,
  ];
  // The limit is written out (an integer checked above), not bound: the page runs as a prepared
  // statement, and a generic plan would otherwise guess a tenth of the table for a bound LIMIT
  // and could prefer sorting a scan to reading the sort index in order.
  const selects = [
    sql`r.*`,
    ...extra,
    ...(runtime.app ? [sql`${appFingerprintSql(sql`${runtime.app.id}::uuid`)} as "__fp"`] : []),
    ...sort.map((s, i) => sql`${s.sql} as ${sql.raw(ident(`s_${i}`))}`),
  ];
  return {
    select: sql`select ${sql.join(selects)} from ${table} r where ${sql.join(where, sql` and `)}
      order by ${sql.join(order)} limit ${sql.raw(String(limit + 1))}`,
    count: sql`select count(*) as n from ${table} r where ${sql.join(base, sql` and `)}`,
    sort,
    limit,
  };
}

/** A list plan with its page statement compiled (and marked to run prepared). */
export interface CompiledList extends ListPlan {
  readonly page: CompiledQuery<{ id: string } & Record<string, unknown>>;
}

/** Per runtime object: list query → its compiled plan (only plans that depend on nothing else). */
const compiledLists = new WeakMap<FormRuntime, Map<string, CompiledList>>();
const LISTS_PER_RUNTIME = 64;

/**
 * planList compiled, from a per-runtime cache when the same query was planned before — the
 * common case of a list screen reloading, polling or paging back to its first page. Only plans
 * that depend on the runtime and the query alone are kept: without a caller's gate (row scopes
 * and hidden fields are per user), without a cursor (a new key per page), without a search
 * through links, and without reading the clock (`today`, `now` in the filter). Every page
 * statement runs prepared.
 */
export function compileList(
  db: Kysely<any>,
  runtime: FormRuntime,
  query: ListQuery,
  ctx: EvalContext,
  gate: FormGate | undefined,
  extra: readonly RawBuilder<unknown>[],
  linkedSearch: readonly LinkedSearch[] = [],
): CompiledList {
  const key =
    gate === undefined && query.cursor === undefined && linkedSearch.length === 0
      ? listKey([query.filter, query.sort, query.limit, query.q, query.deleted, ctx.timeZone])
      : undefined;
  const cache = key === undefined ? undefined : compiledLists.get(runtime);
  const hit = key === undefined ? undefined : cache?.get(key);
  if (hit) return hit;
  let clockRead = false;
  const watched: EvalContext = {
    get now() {
      clockRead = true;
      return ctx.now;
    },
    timeZone: ctx.timeZone,
  };
  const plan = planList(runtime, query, watched, gate, extra, linkedSearch);
  const page = plan.select.compile(db);
  const compiled: CompiledList = {
    ...plan,
    page: prepared(CompiledQuery.raw(stampedSql(runtime, page.sql), [...page.parameters]) as typeof page),
  };
  if (key !== undefined && !clockRead) {
    const byKey = cache ?? new Map<string, CompiledList>();
    if (!cache) compiledLists.set(runtime, byKey);
    if (byKey.size >= LISTS_PER_RUNTIME) byKey.delete(byKey.keys().next().value as string);
    byKey.set(key, compiled);
  }
  return compiled;
}

/**
 * The cache key of a list query; none for a filter too deep to serialise (20,000 nested "!"
 * overflow JSON.stringify's stack): planList then refuses it with its path, as for any caller.
 */
function listKey(parts: readonly unknown[]): string | undefined {
  try {
    return JSON.stringify(parts);
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

/** Runs a planned list: the rows of one page, the next cursor, and the total when asked. */
export async function runList(
  db: Kysely<any>,
  plan: CompiledList,
  withCount: boolean,
): Promise<{ rows: Record<string, unknown>[]; nextCursor: string | null; total?: number }> {
  const rows = (await refusedValues(() => db.executeQuery(prepared(plan.page)))).rows;
  const page = rows.slice(0, plan.limit);
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > plan.limit && last
      ? encodeCursor(
          plan.sort.map((s) => s.key),
          [...plan.sort.map((_, i) => cursorValue(last[`s_${i}`])), String(last.id)],
        )
      : null;
  const out: { rows: Record<string, unknown>[]; nextCursor: string | null; total?: number } = {
    rows: page,
    nextCursor,
  };
  if (withCount) out.total = Number((await refusedValues(() => plan.count.execute(db))).rows[0]?.n ?? 0);
  return out;
}

/** Data errors Postgres raises on a filter value that does not fit its column (not a bug: a 400). */
const VALUE_ERRORS = new Set(['22P02', '22007', '22008', '22003', '22023', '2201B', '22025', '22012']);

async function refusedValues<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code !== 'string' || !VALUE_ERRORS.has(code)) throw error;
    const message = error instanceof Error ? error.message : 'a value does not fit its field';
    throw new RecordsError('INVALID_QUERY', 'The list query is invalid.', [{ path: 'filter', message }]);
  }
}

function sortColumns(runtime: FormRuntime, keys: readonly SortKey[], errors: FieldError[]): SortColumn[] {
  const types = new Map<string, ColumnType>(Object.entries(SYSTEM_SORT));
  for (const field of liveFields(runtime.definition.fields)) {
    const type = valueColumnType(field);
    if (type && !['jsonb', 'text_array', 'uuid_array'].includes(type.kind)) types.set(field.key, type);
  }
  return keys.flatMap((key, i) => {
    const type = types.get(key.field);
    if (!type) {
      errors.push({ path: `sort[${i}]`, message: `"${key.field}" is not a sortable field of this form` });
      return [];
    }
    return [
      {
        key: `${key.field}:${key.direction}`,
        sql: sql.raw(`r.${ident(key.field)}`),
        cast: renderColumnType(type),
        direction: key.direction,
      },
    ];
  });
}

function cursorCondition(sort: readonly SortColumn[], cursor: string): RawBuilder<unknown> | null {
  const decoded = decodeCursor(cursor);
  if (!decoded || decoded.keys.join(',') !== sort.map((s) => s.key).join(',')) return null;
  const values = decoded.values;
  if (values.length !== sort.length + 1) return null;
  const param = (i: number) => sql`${values[i] ?? null}::${sql.raw(sort[i]!.cast)}`;
  const eq = (i: number) =>
    values[i] === null ? sql`${sort[i]!.sql} is null` : sql`${sort[i]!.sql} = ${param(i)}`;
  const after = (i: number) => {
    const s = sort[i]!;
    if (values[i] === null) return s.direction === 'asc' ? sql`false` : sql`${s.sql} is not null`;
    return s.direction === 'asc'
      ? sql`(${s.sql} > ${param(i)} or ${s.sql} is null)`
      : sql`${s.sql} < ${param(i)}`;
  };
  const id = sql`r.id > ${values[sort.length]}::uuid`;
  const branches: RawBuilder<unknown>[] = [];
  for (let i = 0; i <= sort.length; i++) {
    const prefix = Array.from({ length: i }, (_, j) => eq(j));
    branches.push(sql`(${sql.join([...prefix, i === sort.length ? id : after(i)], sql` and `)})`);
  }
  return sql`(${sql.join(branches, sql` or `)})`;
}

function cursorValue(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  return v ?? null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeCursor(keys: readonly string[], values: readonly unknown[]): string {
  return Buffer.from(JSON.stringify({ k: keys, v: values })).toString('base64url');
}

function decodeCursor(cursor: string): { keys: string[]; values: unknown[] } | null {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
      k?: unknown;
      v?: unknown;
    };
    if (!Array.isArray(parsed.k) || !Array.isArray(parsed.v)) return null;
    if (!parsed.v.every((x) => x === null || ['string', 'number', 'boolean'].includes(typeof x))) return null;
    const id = parsed.v[parsed.v.length - 1];
    if (typeof id !== 'string' || !UUID.test(id)) return null;
    return { keys: parsed.k.map(String), values: parsed.v };
  } catch {
    return null;
  }
}
