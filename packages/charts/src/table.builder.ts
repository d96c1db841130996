import {
  type ChartColumn,
  type ChartData,
  ChartError,
  type ChartSpec,
  detailRows,
  dimensions,
  labeller,
  measures,
  type PivotHeader,
  type PivotTable,
  type TableView,
  TOTAL_LABEL,
  toNumber,
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
  const labels = new Map(dims.map((k) => [k, labeller(data, k)]));
  const header = (row: Readonly<Record<string, unknown>>, keys: readonly string[]): PivotHeader => {
    const flags = keys.map((k) => totalled(row, k));
    return {
      labels: keys.map((k, i) =>
        flags[i] ? TOTAL_LABEL : (labels.get(k) as (v: unknown) => string)(row[k]),
      ),
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
  // Rows keep the query's sort; columns (months, quarters…) read in their natural order, not in
  // the order the rows happened to bring them.
  const rows = order([...rowHeaders.values()]);
  const columns = [...colHeaders.values()].sort(naturalOrder(colDims.map((k) => columnOf(data, k))));
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

function columnOf(data: ChartData, key: string): ChartColumn {
  return data.columns.find((c) => c.key === key) as ChartColumn;
}

/**
 * Headers by their values, dimension by dimension: bins and cases in their label order, numbers
 * by size, dates and text as text (ISO dates sort as dates); empty values after the others and a
 * totalled-away dimension ("Total") after its groups.
 */
function naturalOrder(dims: readonly ChartColumn[]): (a: PivotHeader, b: PivotHeader) => number {
  return (a, b) => {
    for (const [i, dim] of dims.entries()) {
      const ta = a.subtotal && a.labels[i] === TOTAL_LABEL && a.values[i] === null;
      const tb = b.subtotal && b.labels[i] === TOTAL_LABEL && b.values[i] === null;
      if (ta !== tb) return ta ? 1 : -1;
      if (ta) continue;
      const c = compareValues(a.values[i], b.values[i], dim);
      if (c !== 0) return c;
    }
    return 0;
  };
}

function compareValues(a: unknown, b: unknown, dim: ChartColumn): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  if (dim.labels) return dim.labels.indexOf(String(a)) - dim.labels.indexOf(String(b));
  const na = toNumber(a);
  const nb = toNumber(b);
  if (NUMERIC.has(dim.type) && na !== null && nb !== null) return na - nb;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

const NUMERIC = new Set(['integer', 'number', 'decimal']);
