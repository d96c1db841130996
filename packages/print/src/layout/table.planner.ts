import type { DocBlock } from '../document/print-document';
import {
  HAIRLINE,
  HEADER_FILL,
  hline,
  type LayoutEnv,
  lineHeight,
  PAD_X,
  PAD_Y,
  RULE,
  textBox,
  vline,
} from './layout-kit';
import type { PlanItem } from './print-plan';

type Table = Extract<DocBlock, { kind: 'table' }>;

/** One row of a table planned at y = 0: its height and items (cells, grid lines). */
export interface PlannedRow {
  readonly height: number;
  readonly items: readonly PlanItem[];
}

export interface PlannedTable {
  /** Repeated at the top of every page the table reaches. */
  readonly header: PlannedRow;
  readonly rows: readonly PlannedRow[];
  /** Kept with the last row. */
  readonly totals: PlannedRow | null;
  /** A row styled as the totals row with other texts (a page's subtotal, the sums carried over). */
  readonly summary: (label: string, values: readonly string[]) => PlannedRow;
}

/** Column widths in points: the row-number column fits "序号"/"999", the rest share by weight. */
export function columnWidths(env: LayoutEnv, table: Table, width: number): number[] {
  const fixed = table.columns.map((c) =>
    c.width === 0
      ? Math.max(
          env.measure.width(c.label, env.fontSize, true),
          env.measure.width(String(Math.max(table.rows.length, 99)), env.fontSize, false),
        ) +
        2 * PAD_X
      : 0,
  );
  const rest = width - fixed.reduce((a, b) => a + b, 0);
  const weights = table.columns.reduce((a, c) => a + c.width, 0) || 1;
  return table.columns.map((c, i) => (c.width === 0 ? fixed[i]! : (rest * c.width) / weights));
}

function row(
  env: LayoutEnv,
  cells: readonly string[],
  table: Table,
  x: number,
  widths: readonly number[],
  options: { bold?: boolean; fill?: boolean; center?: boolean; merge?: number } = {},
): PlannedRow {
  const items: PlanItem[] = [];
  const texts: PlanItem[] = [];
  let height = lineHeight(env, env.fontSize);
  let cx = x;
  const merge = options.merge ?? 1;
  const edges: number[] = [x];
  for (let i = 0; i < cells.length; i++) {
    let w = widths[i]!;
    if (i === 0 && merge > 1) for (let j = 1; j < merge; j++) w += widths[j]!;
    const align = options.center ? 'center' : table.columns[i]!.align;
    const box = textBox(env, cells[i]!, cx + PAD_X, PAD_Y, w - 2 * PAD_X, {
      bold: options.bold ?? false,
      align,
    });
    texts.push(...box.items);
    height = Math.max(height, box.height);
    cx += w;
    edges.push(cx);
    if (i === 0 && merge > 1) i += merge - 1;
  }
  height += 2 * PAD_Y;
  if (options.fill) items.push({ kind: 'rect', x, y: 0, w: cx - x, h: height, fill: HEADER_FILL });
  items.push(...texts);
  for (const e of edges) items.push(vline(e, 0, height, e === x || e === cx ? RULE : HAIRLINE));
  items.push(hline(x, cx, height, HAIRLINE));
  return { height, items };
}

/** Plans a table's header, rows and totals; the page planner splits rows over pages. */
export function planTable(env: LayoutEnv, table: Table, x: number, width: number): PlannedTable {
  const widths = columnWidths(env, table, width);
  const header = row(
    env,
    table.columns.map((c) => c.label),
    table,
    x,
    widths,
    { bold: true, fill: true, center: true },
  );
  const top = hline(x, x + width, 0, RULE);
  const rows =
    table.rows.length === 0
      ? [
          row(env, [table.empty], { ...table, columns: [{ label: '', width: 1, align: 'center' }] }, x, [
            width,
          ]),
        ]
      : table.rows.map((cells) => row(env, cells, table, x, widths));
  // column-aligned: the label takes the first empty cell, and the row-number cell beside it
  const summary = (label: string, values: readonly string[]): PlannedRow => {
    const cells = [...values];
    const numbered = table.columns[0]?.width === 0;
    if (cells[0] === '') cells[0] = label;
    const merge = numbered && cells[1] === '' ? 2 : 1;
    const planned = row(env, cells, table, x, widths, { bold: true, merge });
    return { height: planned.height, items: [...planned.items, hline(x, x + width, planned.height, RULE)] };
  };
  const totals = table.totals ? summary(table.totals.label, table.totals.values) : null;
  return { header: { height: header.height, items: [top, ...header.items] }, rows, totals, summary };
}
