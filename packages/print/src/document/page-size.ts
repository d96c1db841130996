import type { PrintTemplateDefinition } from '@tessera/schema';

/** Paper sizes in points (ISO 216 and US Letter), portrait. */
export const PAGE_POINTS: Record<PrintTemplateDefinition['page']['size'], readonly [number, number]> = {
  A4: [595.28, 841.89],
  A5: [419.53, 595.28],
  Letter: [612, 792],
};

/** Default margins, millimetres. */
export const DEFAULT_MARGIN_MM = 12;

export function pageGeometry(page: PrintTemplateDefinition['page']) {
  const [w, h] = PAGE_POINTS[page.size];
  const landscape = page.orientation === 'landscape';
  const m = page.margins;
  return {
    width: landscape ? h : w,
    height: landscape ? w : h,
    margins: (m
      ? [m.top, m.right, m.bottom, m.left]
      : [DEFAULT_MARGIN_MM, DEFAULT_MARGIN_MM, DEFAULT_MARGIN_MM, DEFAULT_MARGIN_MM]) as [
      number,
      number,
      number,
      number,
    ],
  };
}
