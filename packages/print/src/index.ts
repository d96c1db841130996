/**
 * @tessera/print — records as PDF documents: a print template (`prints/<key>.json`) filled with
 * records read through the caller's records service → a document (pure) → a layout plan of pages
 * (pure) → a PDF (pdfkit, an embedded subset of Noto Sans SC).
 */
export { planLoad } from './data/load-plan.planner';
export { buildDocument } from './document/document.builder';
export type { PrintDocument } from './document/print-document';
export type { PrintRecord } from './document/value.resolver';
export { PrintError, type PrintErrorCode, type PrintIssue } from './errors/print.error';
export { type PrintFonts, printFonts } from './fonts/print-fonts';
export { formatValue } from './format/field-value.formatter';
export { parseText } from './format/text-template';
export {
  MAX_PRINT_IMAGE_BYTES,
  type PrintFileSource,
  readRecordImages,
  recordImageKeys,
} from './images/record-image.reader';
export { parseRecordImageKey, recordImageAt, recordImageKey } from './images/record-image.ref';
export { planPrint } from './layout/print.planner';
export type { PlanItem, PlanPage, PrintPlan, TextMeasure } from './layout/print-plan';
export { toChineseCapitals } from './money/chinese-capitals';
export { imageSize } from './render/image-size.reader';
export { renderPdf } from './render/pdf.renderer';
export {
  createPrintService,
  MAX_BATCH,
  type PreviewResult,
  type PrintContext,
  type PrintedPdf,
  type PrintService,
  type SaveDraftResult,
  type SaveTemplateResult,
  usedAssets,
} from './service/print.service';
export {
  loadAssets,
  type PrintAssetRow,
  type StoredTemplate,
  saveAssets,
  storedAssets,
} from './service/print-template.repository';
export { type FormCatalog, resolvePath } from './template/field-path.resolver';
export { checkPrintTemplate, type TemplateIssue } from './template/print-template.validator';
