import type { QueryModel } from '@tessera/schema';
import type { ReportIssue } from '../model/report.error';
import type { ReportCatalog } from '../model/report-context';

/** The keys of a query model whose values are JSON-Logic conditions or expressions. */
const CONDITION_KEYS = new Set(['filter', 'having', 'where', 'expr', 'when']);

/**
 * Conditions nested deeper than the limit, checked on the raw input before anything recursive
 * (the schema validator, the condition compiler) walks it: iterative, so a filter nested 20 000
 * deep costs a loop, not the stack. Depth counts operator objects (`{and:[{"==":[…]}]}` is 2).
 */
export function conditionDepthIssues(input: unknown, maxDepth: number): ReportIssue[] {
  const issues: ReportIssue[] = [];
  // depth < 0: outside a condition (the query model's own structure)
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: input, path: '', depth: -1 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    const isArray = Array.isArray(value);
    const here = depth >= 0 && !isArray ? depth + 1 : depth;
    if (here > maxDepth) {
      const root = conditionRoot(path);
      if (!issues.some((i) => i.path === root))
        issues.push({
          path: root,
          message: `the condition is nested more than ${maxDepth} levels deep (the limit TESSERA_REPORT_MAX_FILTER_DEPTH)`,
        });
      continue;
    }
    const entries = isArray ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    for (const [key, child] of entries) {
      const childPath = `${path}/${key}`;
      const startsCondition = depth < 0 && !isArray && CONDITION_KEYS.has(key);
      stack.push({ value: child, path: childPath, depth: startsCondition ? 0 : here });
    }
  }
  return issues;
}

/** The path of the condition a deep path lies in (`/filter/and/0/or/1` → `/filter`). */
function conditionRoot(path: string): string {
  const parts = path.split('/');
  const at = parts.findIndex((p, i) => i > 0 && CONDITION_KEYS.has(p));
  return at < 0 ? path : parts.slice(0, at + 1).join('/');
}

/** More joins than the limit, counting the implicit ones the planner added. */
export function joinCountIssues(query: Pick<QueryModel, 'joins'>, maxJoins: number): ReportIssue[] {
  const joins = query.joins?.length ?? 0;
  if (joins <= maxJoins) return [];
  return [
    {
      path: '/joins',
      message: `the query joins ${joins} forms; at most ${maxJoins} are allowed (the limit TESSERA_REPORT_MAX_JOINS)`,
    },
  ];
}

/**
 * More one-to-many joins than the limit: reverse links (`{ form, link }`) and line items of the
 * source. Link paths (`customer`, `customer.region`) read one record each and never multiply rows.
 */
export function fanOutIssues(
  catalog: ReportCatalog,
  query: Pick<QueryModel, 'source' | 'joins'>,
  maxFanOutJoins: number,
): ReportIssue[] {
  const source = Object.hasOwn(catalog.forms, query.source) ? catalog.forms[query.source] : undefined;
  const fanning = (query.joins ?? []).flatMap((join, i) => {
    if (join.form !== undefined && join.link !== undefined) return [i];
    const field = join.path?.includes('.')
      ? undefined
      : source?.fields.find((f) => f.key === join.path && f.deleted !== true);
    return field?.type === 'line_items' ? [i] : [];
  });
  if (fanning.length <= maxFanOutJoins) return [];
  return [
    {
      path: '/joins',
      message: `the query has ${fanning.length} one-to-many joins (${fanning.map((i) => `/joins/${i}`).join(', ')}); at most ${maxFanOutJoins} are allowed, because their rows multiply per ${query.source} record (the limit TESSERA_REPORT_MAX_FAN_OUT_JOINS); report on each relation separately, or count them in a stage`,
    },
  ];
}
