import type { PrintDocument } from '../document/print-document';
import { planBand } from './band.planner';
import { planBlock } from './block.planner';
import { GAP, type LayoutEnv, shift } from './layout-kit';
import {
  type AssetSizes,
  MM,
  type PlanItem,
  type PlanPage,
  type PrintPlan,
  type TextMeasure,
} from './print-plan';
import { planTable } from './table.planner';

/**
 * Lays a filled template out on pages (pure): the header and footer on every page, the body
 * blocks top to bottom; a block that does not fit starts a new page; a table continues row by
 * row, its header repeated on each page (with a page subtotal or the sums carried over, when the
 * template asks) and its totals kept with its last row; then the page
 * numbers of every header and footer ("page X of Y") once the count is known.
 */
export function planPrint(
  doc: PrintDocument,
  measure: TextMeasure,
  assets: AssetSizes = new Map(),
): PrintPlan {
  const env: LayoutEnv = { measure, fontSize: doc.fontSize, assetSize: (a) => assets.get(a) };
  const { width: pageWidth, height: pageHeight } = doc.page;
  const [mt, mr, mb, ml] = doc.page.margins.map((m) => m * MM) as [number, number, number, number];
  const x = ml;
  const width = pageWidth - ml - mr;
  // band heights with two-digit page numbers: the real text is placed once the count is known
  const headerHeight = doc.header ? planBand(env, doc.header, x, width, 99, 99, 'header').height : 0;
  const footerHeight = doc.footer ? planBand(env, doc.footer, x, width, 99, 99, 'footer').height : 0;
  const top = mt + (headerHeight ? headerHeight + GAP : 0);
  const bottom = pageHeight - mb - (footerHeight ? footerHeight + GAP : 0);

  const pages: PlanItem[][] = [];
  let current: PlanItem[] = [];
  let y = top;
  const newPage = () => {
    pages.push(current);
    current = [];
    y = top;
  };
  const place = (items: readonly PlanItem[], height: number) => {
    current.push(...shift(items, y));
    y += height;
  };
  const fits = (height: number) => y + height <= bottom + 0.01 || y <= top;

  // the blocks after a table up to the next one (totals in words, signatures) stay with its last row
  const boxes = doc.body.map((block) => (block.kind === 'table' ? null : planBlock(env, block, x, width)));
  const tailAfter = (index: number) => {
    let tail = 0;
    for (let i = index + 1; i < boxes.length && boxes[i]; i++)
      tail += boxes[i]!.overlay ? 0 : boxes[i]!.height + GAP;
    return tail;
  };

  for (const [index, block] of doc.body.entries()) {
    if (block.kind === 'table') {
      const table = planTable(env, block, x, width);
      const room = bottom - top;
      const tail = tailAfter(index);
      const per = block.perPage;
      // room kept at the foot of a page for its subtotal / carried-forward row
      const foot = per ? (table.totals?.height ?? 0) : 0;
      let pageFirst = 0;
      const summary = (label: string, values: readonly string[]) => {
        const line = table.summary(label, values);
        place(line.items, line.height);
      };
      const endPage = (next: number) => {
        if (per?.mode === 'subtotal') summary(per.labels.subtotal, per.sums(pageFirst, next - 1));
        if (per?.mode === 'carry') summary(per.labels.carried, per.sums(0, next - 1));
      };
      const openPage = (first: number) => {
        place(table.header.items, table.header.height);
        if (per?.mode === 'carry' && first > 0) summary(per.labels.brought, per.sums(0, first - 1));
        pageFirst = first;
      };
      const first =
        (table.rows[0]?.height ?? 0) + (table.rows.length === 1 ? (table.totals?.height ?? 0) : 0);
      if (!fits(table.header.height + first + foot)) newPage();
      openPage(0);
      table.rows.forEach((row, i) => {
        const last = i === table.rows.length - 1;
        const end = row.height + (table.totals?.height ?? 0) + (per?.mode === 'subtotal' ? foot : 0);
        // keep the tail with the last row unless even a fresh page could not hold them together
        const need = last
          ? end + (table.header.height + end + GAP + tail <= room ? GAP + tail : 0)
          : row.height + foot;
        if (y + need > bottom + 0.01 && i > pageFirst) {
          endPage(i);
          newPage();
          openPage(i);
        }
        place(row.items, row.height);
      });
      // the last page's own subtotal, when the table ran over pages
      if (per?.mode === 'subtotal' && pageFirst > 0)
        summary(per.labels.subtotal, per.sums(pageFirst, table.rows.length - 1));
      if (table.totals) place(table.totals.items, table.totals.height);
      y += GAP;
      continue;
    }
    const box = boxes[index]!;
    if (box.overlay) {
      current.push(...shift(box.items, y));
      continue;
    }
    if (!fits(box.height)) newPage();
    place(box.items, box.height);
    y += GAP;
  }
  pages.push(current);

  const total = pages.length;
  const planned: PlanPage[] = pages.map((items, i) => {
    const bands: PlanItem[] = [];
    if (doc.header)
      bands.push(...shift(planBand(env, doc.header, x, width, i + 1, total, 'header').items, mt));
    if (doc.footer) {
      const footer = planBand(env, doc.footer, x, width, i + 1, total, 'footer');
      bands.push(...shift(footer.items, pageHeight - mb - footer.height));
    }
    return { width: pageWidth, height: pageHeight, items: [...bands, ...items] };
  });
  return { title: doc.title, pages: planned };
}
