import type { DocBlock } from '../document/print-document';
import {
  alignX,
  barcodeItem,
  CAPTION_COLOR,
  GAP,
  HAIRLINE,
  hline,
  imageSize,
  type LayoutEnv,
  lineHeight,
  PAD_X,
  PAD_Y,
  RULE,
  textBox,
  vline,
} from './layout-kit';
import { MM, type PlanItem } from './print-plan';

/** A block planned at y = 0 across the content width: its items and the room it takes. */
export interface PlannedBox {
  readonly height: number;
  readonly items: readonly PlanItem[];
  /** Drawn over the block before it, taking no room (a stamp). */
  readonly overlay?: boolean;
}

type Simple = Exclude<DocBlock, { kind: 'table' }>;

function fields(
  env: LayoutEnv,
  b: Extract<DocBlock, { kind: 'fields' }>,
  x: number,
  width: number,
): PlannedBox {
  const colWidth = width / b.columns;
  const items: PlanItem[] = [];
  let y = 0;
  let col = 0;
  let rowHeight = 0;
  let rowStart = 0;
  const rowsAt: { y: number; h: number; cells: { x: number; w: number }[] }[] = [];
  let cells: { x: number; w: number }[] = [];
  const endRow = () => {
    if (col === 0) return;
    rowsAt.push({ y: rowStart, h: rowHeight, cells });
    y = rowStart + rowHeight;
    col = 0;
    rowHeight = 0;
    cells = [];
  };
  for (const item of b.items) {
    const span = Math.min(item.span, b.columns);
    if (col + span > b.columns) endRow();
    if (col === 0) rowStart = y;
    const cx = x + col * colWidth;
    const cw = span * colWidth;
    const caption = item.label ? `${item.label}：` : '';
    const captionWidth = caption ? Math.min(env.measure.width(caption, env.fontSize, false), cw * 0.5) : 0;
    const label = textBox(env, caption, cx + PAD_X, rowStart + PAD_Y, captionWidth, { color: CAPTION_COLOR });
    const valueBox = textBox(
      env,
      item.value,
      cx + PAD_X + captionWidth,
      rowStart + PAD_Y,
      cw - 2 * PAD_X - captionWidth,
    );
    items.push(...label.items, ...valueBox.items);
    rowHeight = Math.max(
      rowHeight,
      Math.max(label.height, valueBox.height, lineHeight(env, env.fontSize)) + 2 * PAD_Y,
    );
    cells.push({ x: cx, w: cw });
    col += span;
    if (col >= b.columns) endRow();
  }
  endRow();
  if (b.border) {
    for (const row of rowsAt) {
      items.push(hline(x, x + width, row.y), hline(x, x + width, row.y + row.h));
      for (const c of row.cells) items.push(vline(c.x, row.y, row.y + row.h));
      items.push(vline(x + width, row.y, row.y + row.h));
    }
  }
  return { height: y, items };
}

function amount(
  env: LayoutEnv,
  b: Extract<DocBlock, { kind: 'amount' }>,
  x: number,
  width: number,
): PlannedBox {
  const bold = true;
  const right =
    b.figures === null
      ? ''
      : `${b.capitals === null ? `${b.label}：` : `（${b.words.figures}）`}${b.figures}`;
  const left = b.capitals === null ? '' : `${b.label}（${b.words.capitals}）：${b.capitals}`;
  const rightWidth = right
    ? Math.min(env.measure.width(right, env.fontSize, bold) + 2 * PAD_X, width * 0.45)
    : 0;
  const l = textBox(env, left, x + PAD_X, PAD_Y, width - rightWidth - 2 * PAD_X, { bold });
  const r = textBox(env, right, x + width - rightWidth, PAD_Y, rightWidth - PAD_X, { bold, align: 'right' });
  const h = Math.max(l.height, r.height) + 2 * PAD_Y;
  return {
    height: h,
    items: [
      ...l.items,
      ...r.items,
      hline(x, x + width, 0),
      hline(x, x + width, h),
      vline(x, 0, h),
      vline(x + width, 0, h),
    ],
  };
}

function signatures(
  env: LayoutEnv,
  b: Extract<DocBlock, { kind: 'signatures' }>,
  x: number,
  width: number,
): PlannedBox {
  const w = width / b.items.length;
  const lh = lineHeight(env, env.fontSize);
  const items: PlanItem[] = [];
  const top = GAP * 2;
  b.items.forEach((s, i) => {
    const cx = x + i * w;
    const caption = `${s.label}：`;
    const cwidth = env.measure.width(caption, env.fontSize, false);
    items.push(...textBox(env, caption, cx, top, cwidth + 1).items);
    const lineStart = cx + cwidth + 2;
    const lineEnd = cx + w - GAP * 2;
    items.push(hline(lineStart, lineEnd, top + lh, HAIRLINE));
    if (s.value) items.push(...textBox(env, s.value, lineStart + 2, top, lineEnd - lineStart - 2).items);
  });
  return { height: top + lh + PAD_Y, items };
}

/** Plans every block but the table (which splits over pages: table.planner). */
export function planBlock(env: LayoutEnv, b: Simple, x: number, width: number): PlannedBox {
  switch (b.kind) {
    case 'title': {
      const box = textBox(env, b.text, x, 0, width, { size: b.size, bold: true, align: b.align });
      return { height: box.height + GAP, items: box.items };
    }
    case 'text': {
      const box = textBox(env, b.text, x, 0, width, {
        ...(b.size ? { size: b.size } : {}),
        bold: b.bold,
        align: b.align,
      });
      return { height: box.height, items: box.items };
    }
    case 'fields':
      return fields(env, b, x, width);
    case 'amount':
      return amount(env, b, x, width);
    case 'signatures':
      return signatures(env, b, x, width);
    case 'image': {
      const { w, h } = imageSize(env, b.asset, b.width, b.height);
      return {
        height: b.overlay ? 0 : h,
        overlay: b.overlay,
        items: [
          {
            kind: 'image',
            x: alignX(b.align, x, width, w),
            y: b.overlay ? -h * 0.75 : 0,
            w,
            h,
            asset: b.asset,
          },
        ],
      };
    }
    case 'barcode': {
      const w = b.width * MM;
      const h = b.height * MM;
      return { height: h, items: [barcodeItem(b.symbology, b.value, alignX(b.align, x, width, w), 0, w, h)] };
    }
    case 'spacer':
      return { height: b.height * MM, items: [] };
    default: {
      const never: never = b;
      throw new Error(`unknown block ${JSON.stringify(never)}`);
    }
  }
}

export { RULE };
