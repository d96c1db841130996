import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import type { TextMeasure } from '../layout/print-plan';
import { woffToSfnt } from './woff-sfnt.decoder';

/**
 * The embedded CJK font: Noto Sans SC (SIL Open Font License 1.1, which allows embedding in
 * documents), regular and bold, as the registry package @openfonts/noto-sans-sc_all ships it —
 * `pnpm install` brings it, no download step. Loaded once per process (~0.5 s, ~45 MB), then
 * shared by every PDF; pdfkit embeds only the glyphs a document uses (a subset).
 */
export interface PrintFonts {
  readonly regular: fontkit.Font;
  readonly bold: fontkit.Font;
  readonly measure: TextMeasure;
}

const require = createRequire(import.meta.url);

function load(weight: 400 | 700): fontkit.Font {
  const file = require.resolve(`@openfonts/noto-sans-sc_all/files/noto-sans-sc-all-${weight}.woff`);
  const font = fontkit.create(woffToSfnt(readFileSync(file)));
  if (!('glyphForCodePoint' in font)) throw new Error(`${file} is a font collection, not a font`);
  return font;
}

/** Text widths from the fonts' advance widths, cached per character (shaping adds nothing for these scripts). */
function measureWith(regular: fontkit.Font, bold: fontkit.Font): TextMeasure {
  const caches = [new Map<number, number>(), new Map<number, number>()] as const;
  const advance = (font: fontkit.Font, cache: Map<number, number>, cp: number) => {
    let w = cache.get(cp);
    if (w === undefined) {
      w = font.glyphForCodePoint(cp).advanceWidth / font.unitsPerEm;
      cache.set(cp, w);
    }
    return w;
  };
  return {
    width(text, size, isBold) {
      const font = isBold ? bold : regular;
      const cache = caches[isBold ? 1 : 0];
      let w = 0;
      for (const ch of text) w += advance(font, cache, ch.codePointAt(0)!);
      return w * size;
    },
    ascent: regular.ascent / regular.unitsPerEm,
    descent: -regular.descent / regular.unitsPerEm,
  };
}

let fonts: PrintFonts | undefined;

/** The fonts, loaded on first use. */
export function printFonts(): PrintFonts {
  if (!fonts) {
    const regular = load(400);
    const bold = load(700);
    fonts = { regular, bold, measure: measureWith(regular, bold) };
  }
  return fonts;
}
