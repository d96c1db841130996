/**
 * @tessera/print — records as PDF documents: a print template (`prints/<key>.json`) filled with
 * one record → a document (pure) → a layout plan of pages (pure) → a PDF (pdfkit, embedded
 * subset CJK font).
 */
export { buildDocument } from './document/document.builder';
export type { PrintDocument } from './document/print-document';
export type { PrintRecord } from './document/value.resolver';
export { formatValue } from './format/field-value.formatter';
export { parseText } from './format/text-template';
export { printFonts, type PrintFonts } from './fonts/print-fonts';
export { planPrint } from './layout/print.planner';
export type { PlanItem, PlanPage, PrintPlan, TextMeasure } from './layout/print-plan';
export { toChineseCapitals } from './money/chinese-capitals';
export { renderPdf } from './render/pdf.renderer';
export { type FormCatalog, resolvePath } from './template/field-path.resolver';
