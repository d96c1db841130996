import type { QueryModel } from '@tessera/schema';
import { conditionPaths } from './implicit-join.planner';
import type { LinkJoin } from './join-scope.planner';

/** Which rows an expression reads: the source form's, or the joined (linked) forms'. */
export type Side = 'source' | 'joined';

/**
 * Where each part of a one-level query can be computed when the source rows are aggregated per
 * link key BEFORE the linked forms are joined:
 *
 *     select … from (select <link keys>, <source dimensions>, count(*), sum(x), … from source
 *                    where <source conditions> group by <link keys>, <source dimensions>) p
 *     left join <linked form> t1 on t1.id = p.<key> … where <conditions on linked fields>
 *     group by <all dimensions>                       -- a sum of counts, a sum of sums, …
 *
 * Valid because every source row of a group has the same link key, so the same linked record:
 * a dimension or condition on linked fields has one value per group. Null keys and unlinked rows
 * form their own groups and join nothing (or are dropped by a required join), as in the plain plan.
 * Null when the query does not fit: a join other than a link of the source, a dimension or
 * condition reading both sides, a measure of a linked field or conditioned on one. Whether each
 * measure splits (count, sum, avg, min, max) is the measure compiler's answer (`final`). Pure.
 */
export interface PreAggregation {
  readonly links: readonly LinkJoin[];
  readonly dimensions: readonly Side[];
  readonly filter?: Side;
  readonly dateRange?: Side;
}

export function planPreAggregation(
  query: QueryModel,
  links: readonly LinkJoin[] | undefined,
): PreAggregation | null {
  if (!links || links.length === 0 || query.stage) return null;
  const aliases = new Set(links.map((l) => l.as));
  const sideOf = (paths: readonly string[]): Side | 'both' => {
    const sides = new Set(
      paths.map((p) => (aliases.has(p.split('.')[0] ?? '') && p.includes('.') ? 'joined' : 'source')),
    );
    return sides.size > 1 ? 'both' : sides.has('joined') ? 'joined' : 'source';
  };
  const dimensions: Side[] = [];
  for (const d of query.dimensions ?? []) {
    const paths = [
      ...(d.field ? [d.field] : []),
      ...conditionPaths(d.expr),
      ...(d.cases ?? []).flatMap((c) => conditionPaths(c.when)),
    ];
    const side = sideOf(paths);
    if (side === 'both') return null;
    dimensions.push(side);
  }
  for (const m of query.measures ?? []) {
    if (m.agg === 'ratio' || m.agg === 'arithmetic') continue;
    const paths = [
      ...('field' in m ? [m.field] : []),
      ...(m.agg === 'duration' ? [m.from, m.to] : []),
      ...conditionPaths(m.where),
    ];
    if (sideOf(paths) !== 'source') return null;
  }
  const filter = query.filter === undefined ? undefined : sideOf(conditionPaths(query.filter));
  const dateRange = query.dateRange === undefined ? undefined : sideOf([query.dateRange.field]);
  if (filter === 'both' || dateRange === 'both') return null;
  return {
    links,
    dimensions,
    ...(filter ? { filter } : {}),
    ...(dateRange ? { dateRange } : {}),
  };
}
