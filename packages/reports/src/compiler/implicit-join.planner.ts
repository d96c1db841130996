import type { QueryModel } from '@tessera/schema';
import type { ReportCatalog } from '../model/report-context';

type Join = NonNullable<QueryModel['joins']>[number];

/**
 * Field paths may follow a link of the source directly (`customer.tier`) without declaring the
 * join: for every path whose first step is neither a declared alias nor anything but a link
 * field of the source, a left join `{ as: <link>, path: <link> }` is added (once). Pure.
 */
export function withImplicitJoins(catalog: ReportCatalog, query: QueryModel): QueryModel {
  const source = Object.hasOwn(catalog.forms, query.source) ? catalog.forms[query.source] : undefined;
  if (!source) return query;
  const declared = new Set((query.joins ?? []).map((j) => j.as));
  const added: Join[] = [];
  for (const path of fieldPaths(query)) {
    const [first, ...rest] = path.split('.');
    if (!first || rest.length === 0 || declared.has(first)) continue;
    const link = source.fields.find((f) => f.key === first && f.type === 'link' && f.deleted !== true);
    if (!link) continue;
    declared.add(first);
    added.push({ as: first, path: first });
  }
  return added.length === 0 ? query : { ...query, joins: [...(query.joins ?? []), ...added] };
}

/** Every field path the query reads: fields of dimensions and measures, `var`s of its conditions. */
function fieldPaths(query: QueryModel): string[] {
  const paths: string[] = [];
  const conditions: unknown[] = [query.filter];
  const stage = query.stage;
  for (const d of [...(query.dimensions ?? []), ...(stage?.dimensions ?? [])]) {
    if (d.field) paths.push(d.field);
    conditions.push(d.expr, ...(d.cases ?? []).map((c) => c.when));
  }
  for (const m of [...(query.measures ?? []), ...(stage?.measures ?? [])]) {
    if ('field' in m) paths.push(m.field);
    if (m.agg === 'duration') paths.push(m.from, m.to);
    conditions.push(m.where);
  }
  if (query.dateRange) paths.push(query.dateRange.field);
  for (const c of conditions) collectVars(c, paths);
  return paths;
}

/** The field paths (`var`s) a JSON-Logic condition reads. */
export function conditionPaths(condition: unknown): string[] {
  const out: string[] = [];
  collectVars(condition, out);
  return out;
}

function collectVars(node: unknown, out: string[]): void {
  if (Array.isArray(node)) {
    for (const n of node) collectVars(n, out);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  for (const [op, args] of Object.entries(node)) {
    if (op === 'var') {
      const path = Array.isArray(args) ? args[0] : args;
      if (typeof path === 'string') out.push(path);
    } else {
      collectVars(args, out);
    }
  }
}
