import type { BandText, DocBand, DocBandItem } from '../document/print-document';
import { barcodeItem, hline, imageSize, type LayoutEnv, RULE, textBox } from './layout-kit';
import { MM, type PlanItem } from './print-plan';

const STACK_GAP = 2;

/** A band text for one page: "第 {$page} 页 / 共 {$pages} 页" → "第 2 页 / 共 5 页". */
export function pageText(text: BandText, page: number, pages: number): string {
  return text.map((p) => (typeof p === 'string' ? p : String(p.page === 'page' ? page : pages))).join('');
}

function stack(
  env: LayoutEnv,
  items: readonly DocBandItem[],
  x: number,
  width: number,
  align: 'left' | 'center' | 'right',
  page: number,
  pages: number,
): { items: PlanItem[]; height: number } {
  const out: PlanItem[] = [];
  let y = 0;
  for (const item of items) {
    if (y > 0) y += STACK_GAP;
    switch (item.kind) {
      case 'text': {
        const box = textBox(env, pageText(item.text, page, pages), x, y, width, {
          ...(item.size ? { size: item.size } : {}),
          bold: item.bold,
          align,
        });
        out.push(...box.items);
        y += box.height;
        break;
      }
      case 'image': {
        const { w, h } = imageSize(env, item.asset, item.width, item.height);
        const ix = align === 'right' ? x + width - w : align === 'center' ? x + (width - w) / 2 : x;
        out.push({ kind: 'image', x: ix, y, w, h, asset: item.asset });
        y += h;
        break;
      }
      case 'barcode': {
        const w = item.width * MM;
        const h = item.height * MM;
        const bx = align === 'right' ? x + width - w : align === 'center' ? x + (width - w) / 2 : x;
        out.push(barcodeItem(item.symbology, item.value, bx, y, w, h));
        y += h;
        break;
      }
      default: {
        const never: never = item;
        throw new Error(`unknown band item ${JSON.stringify(never)}`);
      }
    }
  }
  return { items: out, height: y };
}

/**
 * A header or footer for one page, planned at y = 0: the three slots side by side (a lone
 * centre slot spans the width; without a centre, left and right share it), the divider under a
 * header or over a footer.
 */
export function planBand(
  env: LayoutEnv,
  band: DocBand,
  x: number,
  width: number,
  page: number,
  pages: number,
  position: 'header' | 'footer',
): { items: PlanItem[]; height: number } {
  const onlyCenter = band.left.length === 0 && band.right.length === 0;
  const third = width / 3;
  const half = width / 2;
  const slots = onlyCenter
    ? [stack(env, band.center, x, width, 'center', page, pages)]
    : band.center.length === 0
      ? [
          stack(env, band.left, x, half, 'left', page, pages),
          stack(env, band.right, x + half, half, 'right', page, pages),
        ]
      : [
          stack(env, band.left, x, third, 'left', page, pages),
          stack(env, band.center, x + third, third, 'center', page, pages),
          stack(env, band.right, x + 2 * third, third, 'right', page, pages),
        ];
  const content = Math.max(0, ...slots.map((s) => s.height));
  const height = band.height ? band.height * MM : content + (band.divider ? 4 : 0);
  const items = slots.flatMap((s) => s.items);
  // a footer's items sit at its bottom; a header's at its top
  const placed = position === 'footer' ? items.map((i) => offset(i, height - content)) : items;
  if (band.divider) placed.push(hline(x, x + width, position === 'header' ? height : 0, RULE));
  return { items: placed, height };
}

function offset(item: PlanItem, dy: number): PlanItem {
  if (dy === 0) return item;
  switch (item.kind) {
    case 'line':
      return { ...item, y1: item.y1 + dy, y2: item.y2 + dy };
    case 'shapes':
      return { ...item, rects: item.rects.map(([a, b, c, d]) => [a, b + dy, c, d] as const) };
    default:
      return { ...item, y: item.y + dy };
  }
}
