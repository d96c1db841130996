import PDFDocument from 'pdfkit';
import type { PrintFonts } from '../fonts/print-fonts';
import type { PlanPage, PrintPlan } from '../layout/print-plan';

/** Image bytes by asset name (PNG or JPEG). */
export type AssetBytes = ReadonlyMap<string, Buffer>;

export interface RenderOptions {
  readonly fonts: PrintFonts;
  readonly assets?: AssetBytes;
  /** The PDF's creation date (default now); fixed in tests for identical bytes. */
  readonly createdAt?: Date;
}

/**
 * Each image decoded and embedded once per document, however often it is placed: pdfkit caches
 * images by file path only, so a stamp given as bytes would otherwise be embedded on every page
 * of a batch. A damaged image is remembered as null and prints blank.
 */
type PdfImage = { readonly width: number; readonly height: number };
/** pdfkit's openImage, which its type declarations leave out. */
type OpensImages = { openImage(src: Buffer): PdfImage };
type OpenedImages = Map<string, PdfImage | null>;

function openedImage(doc: PDFKit.PDFDocument, opened: OpenedImages, assets: AssetBytes, asset: string) {
  if (!opened.has(asset)) {
    const bytes = assets.get(asset);
    let image: PdfImage | null = null;
    try {
      image = bytes ? (doc as unknown as OpensImages).openImage(bytes) : null;
    } catch {
      // an uploaded image pdfkit cannot decode (sniffed as PNG/JPEG, yet broken) prints blank
    }
    opened.set(asset, image);
  }
  return opened.get(asset) ?? null;
}

function drawPage(doc: PDFKit.PDFDocument, page: PlanPage, assets: AssetBytes, opened: OpenedImages): void {
  doc.addPage({ size: [page.width, page.height], margin: 0 });
  for (const item of page.items) {
    switch (item.kind) {
      case 'text':
        doc
          .font(item.bold ? 'bold' : 'regular')
          .fontSize(item.size)
          .fillColor(item.color ?? '#000000')
          .text(item.text, item.x, item.y, { lineBreak: false });
        break;
      case 'line':
        doc
          .moveTo(item.x1, item.y1)
          .lineTo(item.x2, item.y2)
          .lineWidth(item.width)
          .strokeColor('#000000')
          .stroke();
        break;
      case 'rect':
        doc.rect(item.x, item.y, item.w, item.h).fill(item.fill);
        break;
      case 'image': {
        const image = openedImage(doc, opened, assets, item.asset);
        if (image)
          try {
            doc.image(image as never, item.x, item.y, { width: item.w, height: item.h });
          } catch {
            // left blank: the rest of the document still prints
          }
        break;
      }
      case 'shapes':
        if (item.rects.length === 0) break;
        for (const [x, y, w, h] of item.rects) doc.rect(x, y, w, h);
        doc.fill('#000000');
        break;
      default: {
        const never: never = item;
        throw new Error(`unknown plan item ${JSON.stringify(never)}`);
      }
    }
  }
}

/** Draws a plan into a PDF (fonts embedded as subsets, text extractable through ToUnicode maps). */
export function renderPdf(plan: PrintPlan, options: RenderOptions): Promise<Buffer> {
  const doc = new PDFDocument({
    autoFirstPage: false,
    compress: true,
    info: {
      Title: plan.title,
      Creator: 'Tessera',
      Producer: 'Tessera',
      CreationDate: options.createdAt ?? new Date(),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', options.fonts.regular as never);
  doc.registerFont('bold', options.fonts.bold as never);
  const assets = options.assets ?? new Map();
  const opened: OpenedImages = new Map();
  for (const page of plan.pages) drawPage(doc, page, assets, opened);
  if (plan.pages.length === 0) doc.addPage();
  doc.end();
  return done;
}
