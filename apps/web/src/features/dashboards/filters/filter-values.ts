import type { DashboardDefinition } from '@tessera/schema';

export type SharedFilter = NonNullable<DashboardDefinition['filters']>[number];

/**
 * Shared filter values live in the page's query string in the server's own notation
 * (`?period=this_quarter&tier=key&regions=east,west&amount=100..500`), so a dashboard with its
 * filters can be bookmarked and sent; this reads the ones the dashboard defines.
 */
export function filterValuesFrom(
  filters: readonly SharedFilter[],
  search: URLSearchParams,
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const f of filters) {
    const v = search.get(f.key);
    if (v !== null) values[f.key] = v;
  }
  return values;
}

/** The value a filter shows: the URL's, else its default. */
export function shownValue(filter: SharedFilter, values: Readonly<Record<string, string>>): string {
  if (Object.hasOwn(values, filter.key)) return values[filter.key] as string;
  const d = filter.default;
  return d === undefined || d === null ? '' : Array.isArray(d) ? d.join(',') : String(d);
}

/** The query string with one filter changed ('' clears it back to "no filter"). */
export function withFilter(search: URLSearchParams, key: string, value: string): URLSearchParams {
  const next = new URLSearchParams(search);
  next.set(key, value);
  return next;
}
