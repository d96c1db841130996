import { type Chart, TesseraError } from '@tessera/schema';

/** A column of a report result (the same shape `@tessera/reports` returns). */
export interface ChartColumn {
  readonly key: string;
  readonly role: 'dimension' | 'measure' | 'grouping';
  readonly type: string;
  readonly labels?: readonly string[];
  /** A measure's display hint from the query model (`money`, `percent`, …). */
  readonly format?: string;
  /** A user or department dimension: display names of its values (id → name); rows keep the ids. */
  readonly names?: Readonly<Record<string, string>>;
}

/** A report result: columns in select order and rows keyed by column key. */
export interface ChartData {
  readonly columns: readonly ChartColumn[];
  readonly rows: readonly Readonly<Record<string, unknown>>[];
}

export type ChartSpec = Chart;

/** Dimension values of one data point: what a drill-down filters the records by. */
export type DataPoint = Readonly<Record<string, unknown>>;

/** A plain ECharts option object (the web app hands it to `echarts.setOption`). */
export type EChartsOption = Readonly<Record<string, unknown>>;

export interface KpiCard {
  readonly value: number | null;
  readonly previous: number | null;
  readonly change: number | null;
  /** change / |previous|; null when there is nothing to compare with. */
  readonly changeRatio: number | null;
  readonly trend: 'up' | 'down' | 'flat' | null;
}

export interface PivotHeader {
  /** One label per dimension of the axis; a totalled-away dimension reads "Total". */
  readonly labels: readonly string[];
  readonly values: readonly unknown[];
  readonly subtotal: boolean;
}

export interface PivotTable {
  readonly rowDimensions: readonly string[];
  readonly columnDimensions: readonly string[];
  readonly measures: readonly string[];
  readonly rows: readonly PivotHeader[];
  readonly columns: readonly PivotHeader[];
  /** cells[row][column][measure]; null where no group exists. */
  readonly cells: readonly (readonly (readonly unknown[])[])[];
}

export interface TableView {
  readonly columns: readonly { readonly key: string; readonly type: string }[];
  readonly rows: readonly (readonly unknown[])[];
}

/** What a chart spec renders to: an ECharts option, or a card/table the web app draws itself. */
export type ChartRender =
  | { readonly kind: 'echarts'; readonly option: EChartsOption }
  | { readonly kind: 'kpi'; readonly card: KpiCard; readonly option: EChartsOption }
  | { readonly kind: 'table'; readonly table: TableView }
  | { readonly kind: 'pivot'; readonly pivot: PivotTable };

/** A chart spec that does not fit the result it draws. */
export class ChartError extends TesseraError<'CHART_INVALID'> {
  constructor(message: string) {
    super('CHART_INVALID', message);
    this.name = 'ChartError';
  }
}

/** Label of a dimension value on an axis or legend. */
export function labelOf(value: unknown): string {
  if (value === null || value === undefined) return '(empty)';
  return String(value);
}

export const TOTAL_LABEL = 'Total';

/** Labels of a dimension's values: display names where the result has them (users, departments). */
export function labeller(data: ChartData, key: string): (value: unknown) => string {
  const names = data.columns.find((c) => c.key === key)?.names;
  if (!names) return labelOf;
  return (value) =>
    typeof value === 'string' && Object.hasOwn(names, value) ? (names[value] as string) : labelOf(value);
}

export function dimensions(data: ChartData): ChartColumn[] {
  return data.columns.filter((c) => c.role === 'dimension');
}

export function measures(data: ChartData): ChartColumn[] {
  return data.columns.filter((c) => c.role === 'measure');
}

/** Rows without the subtotal rows of a pivot query (charts other than the pivot table skip them). */
export function detailRows(data: ChartData): readonly Readonly<Record<string, unknown>>[] {
  return data.rows.filter((r) => !r.__grouping);
}

export function toNumber(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/** The column `key`, checked to exist with the role wanted. */
export function requireColumn(data: ChartData, key: string, role: ChartColumn['role']): ChartColumn {
  const column = data.columns.find((c) => c.key === key && c.role === role);
  if (!column) throw new ChartError(`"${key}" is not a ${role} of the result`);
  return column;
}

/** The measure keys a chart draws: `spec.y`, or every measure. */
export function yKeys(data: ChartData, spec: ChartSpec): string[] {
  if (spec.y) return spec.y.map((k) => requireColumn(data, k, 'measure').key);
  const all = measures(data).map((m) => m.key);
  if (all.length === 0) throw new ChartError('the result has no measure to draw');
  return all;
}

/** The dimension on the category axis: `spec.x`, or the first dimension. */
export function xKey(data: ChartData, spec: ChartSpec): string {
  if (spec.x) return requireColumn(data, spec.x, 'dimension').key;
  const first = dimensions(data).find((d) => d.key !== spec.series);
  if (!first) throw new ChartError('the chart needs a dimension for its category axis');
  return first.key;
}
