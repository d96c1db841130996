import { type DashboardDefinition, type QueryModel, RELATIVE_DATE_RANGES } from '@tessera/schema';
import type { ReportIssue } from '../model/report.error';

export type DashboardFilter = NonNullable<DashboardDefinition['filters']>[number];

/** A shared filter's value once parsed: what the user picked above the dashboard. */
export type FilterValue =
  | { readonly kind: 'relative'; readonly relative: (typeof RELATIVE_DATE_RANGES)[number] }
  | { readonly kind: 'dates'; readonly from?: string; readonly to?: string }
  | { readonly kind: 'one'; readonly value: string }
  | { readonly kind: 'many'; readonly values: readonly string[] }
  | { readonly kind: 'range'; readonly min?: number; readonly max?: number };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Parses shared filter values from a query string (`?period=this_quarter&tier=key&region=east,west`):
 * a date range is a relative name or `from..to` (either end may be empty); a multi-select is a
 * comma list; a number range is `min..max`. A missing value takes the filter's default.
 */
export function parseFilterValues(
  filters: readonly DashboardFilter[],
  input: Readonly<Record<string, unknown>>,
): { ok: true; values: Record<string, FilterValue> } | { ok: false; errors: ReportIssue[] } {
  const values: Record<string, FilterValue> = {};
  const errors: ReportIssue[] = [];
  for (const filter of filters) {
    const raw = Object.hasOwn(input, filter.key) ? input[filter.key] : filter.default;
    if (raw === undefined || raw === null || raw === '') continue;
    const text = Array.isArray(raw) ? raw.map(String).join(',') : String(raw);
    const parsed = parseOne(filter, text);
    if (parsed) values[filter.key] = parsed;
    else
      errors.push({
        path: `/${filter.key}`,
        message: `"${text}" is not a valid value for filter "${filter.key}"`,
      });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, values };
}

function parseOne(filter: DashboardFilter, text: string): FilterValue | null {
  switch (filter.type) {
    case 'date_range': {
      if ((RELATIVE_DATE_RANGES as readonly string[]).includes(text)) {
        return { kind: 'relative', relative: text as (typeof RELATIVE_DATE_RANGES)[number] };
      }
      const [from = '', to = ''] = text.split('..');
      if (!text.includes('..') || (from && !DATE.test(from)) || (to && !DATE.test(to)) || (!from && !to))
        return null;
      return { kind: 'dates', ...(from ? { from } : {}), ...(to ? { to } : {}) };
    }
    case 'number_range': {
      const [min = '', max = ''] = text.split('..');
      const lo = min === '' ? undefined : Number(min);
      const hi = max === '' ? undefined : Number(max);
      if (
        !text.includes('..') ||
        (lo !== undefined && !Number.isFinite(lo)) ||
        (hi !== undefined && !Number.isFinite(hi))
      )
        return null;
      return {
        kind: 'range',
        ...(lo === undefined ? {} : { min: lo }),
        ...(hi === undefined ? {} : { max: hi }),
      };
    }
    case 'multi_select':
      return { kind: 'many', values: text.split(',').filter((v) => v !== '') };
    case 'select':
    case 'text':
    case 'user':
      return { kind: 'one', value: text };
  }
}

/**
 * Merges shared filter values into a widget's query through the widget's bindings
 * (`{ "<filter key>": "<field path>" }`): a date range replaces the query's own date range;
 * every other filter is ANDed to the query's filter as JSON-Logic (values stay data — the
 * compiler binds them). Filters the widget does not bind leave it alone.
 */
export function applySharedFilters(
  query: QueryModel,
  filters: readonly DashboardFilter[],
  bindings: Readonly<Record<string, string>> | undefined,
  values: Readonly<Record<string, FilterValue>>,
): QueryModel {
  if (!bindings) return query;
  const conditions: unknown[] = [];
  let dateRange = query.dateRange;
  for (const filter of filters) {
    const path = bindings[filter.key];
    const value = values[filter.key];
    if (path === undefined || value === undefined) continue;
    const v = { var: path };
    switch (value.kind) {
      case 'relative':
        dateRange = { field: path, relative: value.relative };
        break;
      case 'dates':
        dateRange = {
          field: path,
          ...(value.from ? { from: value.from } : {}),
          ...(value.to ? { to: value.to } : {}),
        };
        break;
      case 'one':
        conditions.push(filter.type === 'text' ? { contains: [v, value.value] } : { '==': [v, value.value] });
        break;
      case 'many':
        conditions.push({ in: [v, value.values] });
        break;
      case 'range':
        if (value.min !== undefined) conditions.push({ '>=': [v, value.min] });
        if (value.max !== undefined) conditions.push({ '<=': [v, value.max] });
        break;
    }
  }
  const all = [...(query.filter === undefined ? [] : [query.filter]), ...conditions];
  const filter = all.length === 0 ? undefined : all.length === 1 ? all[0] : { and: all };
  return {
    ...query,
    ...(filter === undefined ? {} : { filter: filter as QueryModel['filter'] }),
    ...(dateRange === undefined ? {} : { dateRange }),
  };
}
