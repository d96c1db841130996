import bwipjs from 'bwip-js/node';

/** Filled rectangles in a unit box (0..1 × 0..1) — drawn at any size. */
export type UnitRects = readonly (readonly [number, number, number, number])[];

const cache = new Map<string, UnitRects>();

/**
 * The bars of a Code 128 barcode or the dark modules of a QR code (error correction M, runs of a
 * row merged into one rectangle), from bwip-js's encoder: deterministic, no rendering.
 */
export function encodeBarcode(symbology: 'qrcode' | 'code128', value: string): UnitRects {
  const key = `${symbology}\u0000${value}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const rects: [number, number, number, number][] = [];
  if (value !== '') {
    if (symbology === 'code128') {
      const [encoded] = bwipjs.raw('code128', value, {}) as unknown as { sbs: number[] }[];
      const total = encoded!.sbs.reduce((a, b) => a + b, 0);
      let x = 0;
      encoded!.sbs.forEach((w, i) => {
        if (i % 2 === 0) rects.push([x / total, 0, w / total, 1]);
        x += w;
      });
    } else {
      const [encoded] = bwipjs.raw('qrcode', value, 'eclevel=M') as unknown as {
        pixs: number[];
        pixx: number;
        pixy: number;
      }[];
      const { pixs, pixx, pixy } = encoded!;
      for (let y = 0; y < pixy; y++) {
        for (let x = 0; x < pixx; x++) {
          if (!pixs[y * pixx + x]) continue;
          let run = 1;
          while (x + run < pixx && pixs[y * pixx + x + run]) run++;
          rects.push([x / pixx, y / pixy, run / pixx, 1 / pixy]);
          x += run - 1;
        }
      }
    }
  }
  if (cache.size > 500) cache.clear();
  cache.set(key, rects);
  return rects;
}
