/**
 * The layout plan: pages of positioned text, lines, rectangles and images, in points from the
 * top-left corner. Pure data — the PDF renderer only draws it, and tests read it without a PDF.
 */
export type PlanItem =
  | {
      readonly kind: 'text';
      readonly x: number;
      /** Top of the line box; the baseline is `ascent × size` below. */
      readonly y: number;
      readonly text: string;
      readonly size: number;
      readonly bold: boolean;
      readonly color?: string;
    }
  | {
      readonly kind: 'line';
      readonly x1: number;
      readonly y1: number;
      readonly x2: number;
      readonly y2: number;
      readonly width: number;
    }
  | {
      readonly kind: 'rect';
      readonly x: number;
      readonly y: number;
      readonly w: number;
      readonly h: number;
      readonly fill: string;
    }
  | {
      readonly kind: 'image';
      readonly x: number;
      readonly y: number;
      readonly w: number;
      readonly h: number;
      readonly asset: string;
    }
  /** Filled black rectangles: the bars of a barcode, the modules of a QR code. */
  | { readonly kind: 'shapes'; readonly rects: readonly (readonly [number, number, number, number])[] };

export interface PlanPage {
  readonly width: number;
  readonly height: number;
  readonly items: readonly PlanItem[];
}

export interface PrintPlan {
  readonly title: string;
  readonly pages: readonly PlanPage[];
}

/** Text widths and font metrics: fontkit in production, a fixed-width stand-in in unit tests. */
export interface TextMeasure {
  /** Width in points of `text` at `size` points. */
  width(text: string, size: number, bold: boolean): number;
  /** Ascent and descent per point of size (positive). */
  readonly ascent: number;
  readonly descent: number;
}

/** Pixel size of each image asset (read from its PNG/JPEG header), for the aspect ratio. */
export type AssetSizes = ReadonlyMap<string, { readonly width: number; readonly height: number }>;

export const MM = 72 / 25.4;
