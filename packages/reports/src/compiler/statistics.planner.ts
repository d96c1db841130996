import { appStatisticsObject, objectName, recordTable } from '@tessera/forms';
import type { QueryModel } from '@tessera/schema';
import { sql } from 'kysely';
import type { ReportCatalog } from '../model/report-context';
import type { PreAggregation } from './pre-aggregate.planner';
import { compileStatement, id, joinSql, type Sql, type Statement } from './sql-parts';

/**
 * The extended statistics object a pre-aggregated plan needs: the number of distinct
 * (link key, source dimension…) combinations. Without it Postgres multiplies the columns'
 * distinct counts (a month bucket counts as its date column), caps the product at a tenth of
 * the rows, and plans a disk sort for groups that would fit in a small hash table.
 *
 *     create statistics if not exists "app_x"."sales_order__customer_order_date_month__st" (ndistinct)
 *       on "customer", (date_trunc('month', "order_date"::timestamp)::date) from "app_x"."sales_order"
 *
 * An object with an expression also gives the planner that expression's own distinct count, so
 * the final GROUP BY is estimated right too. The expressions are written as the dimension
 * compiler writes them (a test checks the planner matches them: its estimate is exact).
 */
export interface StatisticsPlan {
  readonly name: string;
  readonly create: Statement;
  /** ANALYZE of the table, which builds it (and the columns' statistics the estimates start from). */
  readonly analyze: Statement;
}

/** `needed: false`: one grouping column only, whose ordinary statistics suffice. */
export type StatisticsNeed =
  | { readonly needed: false }
  | { readonly needed: true; readonly plan: StatisticsPlan }
  | { readonly needed: true; readonly plan: null };

const BUCKETS = new Set(['day', 'week', 'month', 'quarter', 'year']);

/**
 * What statistics a pre-aggregated query needs; `plan: null` when a source dimension is one
 * this planner cannot write (datetime buckets depend on the caller's time zone; bins, cases,
 * conditions). Identifiers from the form metadata only; the bucket unit is one of a closed list.
 */
export function planStatistics(
  catalog: ReportCatalog,
  query: QueryModel,
  pre: PreAggregation,
): StatisticsNeed {
  const source = catalog.forms[query.source];
  if (!source) return { needed: true, plan: null };
  const items: { sql: Sql; label: string }[] = [];
  for (const link of pre.links) {
    if (!items.some((x) => x.label === link.key)) items.push({ sql: id(link.key), label: link.key });
  }
  const dims = query.dimensions ?? [];
  for (const [i, side] of pre.dimensions.entries()) {
    if (side !== 'source') continue;
    const dim = dims[i];
    const field = source.fields.find((f) => f.key === dim?.field && f.deleted !== true);
    if (!dim || !field || dim.bins !== undefined) return { needed: true, plan: null };
    if (dim.bucket !== undefined) {
      if (field.type !== 'date' || !BUCKETS.has(dim.bucket)) return { needed: true, plan: null };
      items.push({
        sql: sql`(date_trunc(${sql.lit(dim.bucket)}, ${id(field.key)}::timestamp)::date)`,
        label: `${field.key}_${dim.bucket}`,
      });
    } else if (['text', 'single_select', 'integer', 'boolean', 'date'].includes(field.type)) {
      items.push({ sql: id(field.key), label: field.key });
    } else {
      return { needed: true, plan: null };
    }
  }
  if (items.length < 2) return { needed: false };
  const table = recordTable(catalog.appKey, source.key);
  const name = objectName(source.key, items.map((x) => x.label).join('_'), 'st');
  const statistics = appStatisticsObject(catalog.appKey, name);
  return {
    needed: true,
    plan: {
      name,
      create: compileStatement(
        sql`create statistics if not exists ${statistics.name} (ndistinct) on ${joinSql(
          items.map((x) => x.sql),
          ', ',
        )} from ${table}`,
      ),
      analyze: compileStatement(sql`analyze ${table}`),
    },
  };
}
