import type { Align } from '../document/print-document';
import { encodeBarcode } from './barcode.encoder';
import { MM, type PlanItem, type TextMeasure } from './print-plan';
import { wrapText } from './text-wrap';

/** Shared sizes of the layout, in points. */
export const GAP = 6;
export const PAD_X = 3;
export const PAD_Y = 2.5;
export const RULE = 0.6;
export const HAIRLINE = 0.4;
export const HEADER_FILL = '#EEEEEE';
export const CAPTION_COLOR = '#444444';

/** What every planner needs: the text measure, the body font size, image sizes. */
export interface LayoutEnv {
  readonly measure: TextMeasure;
  readonly fontSize: number;
  readonly assetSize: (asset: string) => { width: number; height: number } | undefined;
}

export const lineHeight = (env: LayoutEnv, size: number) => size * (env.measure.ascent + env.measure.descent);

/** Wrapped lines of text placed in a box of `width` from (x, y), aligned; returns items and height. */
export function textBox(
  env: LayoutEnv,
  text: string,
  x: number,
  y: number,
  width: number,
  options: { size?: number; bold?: boolean; align?: Align; color?: string } = {},
): { items: PlanItem[]; height: number } {
  const size = options.size ?? env.fontSize;
  const bold = options.bold ?? false;
  const lh = lineHeight(env, size);
  const lines = text === '' ? [] : wrapText(text, Math.max(width, size), size, bold, env.measure);
  const items: PlanItem[] = lines.map((line, i) => {
    const w = env.measure.width(line, size, bold);
    const dx = options.align === 'right' ? width - w : options.align === 'center' ? (width - w) / 2 : 0;
    return {
      kind: 'text',
      x: x + dx,
      y: y + i * lh,
      text: line,
      size,
      bold,
      ...(options.color ? { color: options.color } : {}),
    };
  });
  return { items, height: lines.length * lh };
}

/** An image's box: the width given, the height given or from its aspect ratio (mm → pt). */
export function imageSize(env: LayoutEnv, asset: string, widthMm: number, heightMm?: number) {
  const w = widthMm * MM;
  if (heightMm) return { w, h: heightMm * MM };
  const px = env.assetSize(asset);
  return { w, h: px && px.width > 0 ? (w * px.height) / px.width : w };
}

/** A barcode's rectangles scaled into its box. */
export function barcodeItem(
  symbology: 'qrcode' | 'code128',
  value: string,
  x: number,
  y: number,
  w: number,
  h: number,
): PlanItem {
  const rects = encodeBarcode(symbology, value).map(
    ([rx, ry, rw, rh]) => [x + rx * w, y + ry * h, rw * w, rh * h] as const,
  );
  return { kind: 'shapes', rects };
}

export const alignX = (align: Align, x: number, available: number, w: number) =>
  align === 'right' ? x + available - w : align === 'center' ? x + (available - w) / 2 : x;

export const hline = (x1: number, x2: number, y: number, width = HAIRLINE): PlanItem => ({
  kind: 'line',
  x1,
  y1: y,
  x2,
  y2: y,
  width,
});
export const vline = (x: number, y1: number, y2: number, width = HAIRLINE): PlanItem => ({
  kind: 'line',
  x1: x,
  y1,
  x2: x,
  y2,
  width,
});

/** Moves items down by dy (a box planned at 0 placed on a page). */
export function shift(items: readonly PlanItem[], dy: number): PlanItem[] {
  return items.map((item) => {
    switch (item.kind) {
      case 'text':
      case 'rect':
      case 'image':
        return { ...item, y: item.y + dy };
      case 'line':
        return { ...item, y1: item.y1 + dy, y2: item.y2 + dy };
      case 'shapes':
        return { ...item, rects: item.rects.map(([x, y, w, h]) => [x, y + dy, w, h] as const) };
      default: {
        const never: never = item;
        return never;
      }
    }
  });
}
