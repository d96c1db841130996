import type { QueryModel } from '@tessera/schema';

/** What a click on a figure, bar, slice or table row asks for: the records behind that point. */
export interface DrillRequest {
  readonly query: QueryModel;
  readonly point: Readonly<Record<string, unknown>>;
  /** A conditional measure clicked: its condition narrows the records too. */
  readonly measure?: string;
  /** What was clicked, in words (the drawer's title). */
  readonly title: string;
}

/** A staged query (repurchase rate…) aggregates groups, not records: it has nothing to drill into. */
export const drillable = (query: QueryModel | undefined): query is QueryModel =>
  Boolean(query && !query.stage);
