import { type Kysely, sql } from 'kysely';
import type { NameSource, ResultColumn } from '../compiler/result-column';
import type { ReportResult } from './report.runner';

/** One bound statement per source: ids (or department codes) in, display names out. */
const LOOKUPS: Record<NameSource, (db: Kysely<any>, values: readonly string[]) => Promise<NameRow[]>> = {
  user: async (db, values) =>
    (
      await sql<NameRow>`select id::text as value, display_name as name from tessera.users
        where id::text = any(${values}::text[])`.execute(db)
    ).rows,
  department: async (db, values) =>
    (
      await sql<NameRow>`select code as value, name from tessera.departments
        where code = any(${values}::text[])`.execute(db)
    ).rows,
};

interface NameRow {
  readonly value: string;
  readonly name: string;
}

/**
 * Gives each user or department column its display names (`names`: id → name), so charts and
 * tables show people and departments by name while the rows keep the ids a drill-down filters
 * by. Ids with no user (deleted) keep no name; the client shows the id.
 */
export async function attachNames(db: Kysely<any>, result: ReportResult): Promise<ReportResult> {
  if (!result.columns.some((c) => c.nameSource)) return result;
  const columns: ResultColumn[] = [];
  for (const column of result.columns) {
    if (!column.nameSource) {
      columns.push(column);
      continue;
    }
    const values = [
      ...new Set(result.rows.map((r) => r[column.key]).filter((v): v is string => typeof v === 'string')),
    ];
    const found = values.length === 0 ? [] : await LOOKUPS[column.nameSource](db, values);
    columns.push({ ...column, names: Object.fromEntries(found.map((r) => [r.value, r.name])) });
  }
  return { ...result, columns };
}
