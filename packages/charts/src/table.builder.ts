import {
  type ChartData,
  ChartError,
  type ChartSpec,
  detailRows,
  dimensions,
  labelOf,
  measures,
  type PivotHeader,
  type PivotTable,
  type TableView,
  TOTAL_LABEL,
} from './chart-data';

/** A plain table: every dimension and measure column (not the pivot bookkeeping), detail rows. */
export function tableView(data: ChartData): TableView {
  const columns = data.columns.filter((c) => c.role !== 'grouping');
  return {
    columns: columns.map((c) => ({ key: c.key, type: c.type })),
    rows: detailRows(data).map((row) => columns.map((c) => row[c.key] ?? null)),
  };
}

export interface PivotLayout {
  readonly rows: readonly string[];
  readonly columns: readonly string[];
}

/**
 * A pivot table: row headers × column headers, one cell per measure. With a pivot query's
 * subtotals (its `__grouping` bitmask: bit i set = dimension i totalled away) the subtotal
 * rows and columns appear after the groups they total, labelled "Total".
 */
export function pivotTable(data: ChartData, spec: ChartSpec, layout?: PivotLayout): PivotTable {
  const dims = dimensions(data).map((d) => d.key);
  const rowDims = layout?.rows ?? dims.slice(0, 1);
  const colDims = layout?.columns ?? dims.slice(1);
  for (const k of [...rowDims, ...colDims]) {
    if (!dims.includes(k)) throw new ChartError(`"${k}" is not a dimension of the result`);
  }
  const ms = spec.y ?? measures(data).map((m) => m.key);
  const totalled = (row: Readonly<Record<string, unknown>>, key: string) => {
    const mask = Number(row.__grouping ?? 0);
    const bit = dims.length - 1 - dims.indexOf(key);
    return (mask & (1 << bit)) !== 0;
  };
  const header = (row: Readonly<Record<string, unknown>>, keys: readonly string[]): PivotHeader => {
    const flags = keys.map((k) => totalled(row, k));
    return {
      labels: keys.map((k, i) => (flags[i] ? TOTAL_LABEL : labelOf(row[k]))),
      values: keys.map((k, i) => (flags[i] ? null : (row[k] ?? null))),
      subtotal: flags.some(Boolean),
    };
  };
  const id = (h: PivotHeader) => JSON.stringify([h.labels, h.subtotal]);
  const rowHeaders = new Map<string, PivotHeader>();
  const colHeaders = new Map<string, PivotHeader>();
  for (const row of data.rows) {
    const r = header(row, rowDims);
    const c = header(row, colDims);
    if (!rowHeaders.has(id(r))) rowHeaders.set(id(r), r);
    if (!colHeaders.has(id(c))) colHeaders.set(id(c), c);
  }
  const rows = order([...rowHeaders.values()]);
  const columns = order([...colHeaders.values()]);
  const cells = rows.map((r) =>
    columns.map((c) => {
      const hit = data.rows.find(
        (row) => id(header(row, rowDims)) === id(r) && id(header(row, colDims)) === id(c),
      );
      return ms.map((m) => (hit ? (hit[m] ?? null) : null));
    }),
  );
  return { rowDimensions: rowDims, columnDimensions: colDims, measures: ms, rows, columns, cells };
}

/** Keeps result order, moving each subtotal after the groups it totals (grand total last). */
function order(headers: PivotHeader[]): PivotHeader[] {
  const depth = (h: PivotHeader) => {
    const i = h.labels.indexOf(TOTAL_LABEL);
    return h.subtotal ? i : h.labels.length;
  };
  return headers
    .map((h, i) => ({ h, i }))
    .sort((a, b) => {
      const n = Math.min(depth(a.h), depth(b.h));
      for (let k = 0; k < n; k++) if (a.h.labels[k] !== b.h.labels[k]) return a.i - b.i;
      return depth(b.h) - depth(a.h) || a.i - b.i;
    })
    .map((x) => x.h);
}
