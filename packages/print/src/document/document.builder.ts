import type {
  FieldDefinition,
  PrintBand,
  PrintBandItem,
  PrintBlock,
  PrintTemplateDefinition,
} from '@tessera/schema';
import { formatValue } from '../format/field-value.formatter';
import { PRINT_WORDS, pick } from '../format/print-locale';
import { parseText } from '../format/text-template';
import { recordImageAt } from '../images/record-image.ref';
import { decimalToString, parseDecimal, sumDecimals } from '../money/decimal-string';
import { type FormCatalog, formScope, type PathScope, resolvePath } from '../template/field-path.resolver';
import { pageGeometry } from './page-size';
import type { Align, BandText, DocBand, DocBandItem, DocBlock, PrintDocument } from './print-document';
import {
  amountAt,
  fieldText,
  fillText,
  type PrintRecord,
  partText,
  type ResolveContext,
  valueAt,
} from './value.resolver';

const NUMERIC = new Set(['number', 'integer', 'money', 'percent']);
const isNumeric = (field: FieldDefinition) =>
  NUMERIC.has(field.type) ||
  ((field.type === 'formula' || field.type === 'rollup') &&
    ['number', 'integer'].includes((field as { resultType?: string }).resultType ?? 'number'));

/** A caption: the one given, else the label of the path's last field. */
function caption(
  ctx: ResolveContext,
  scope: PathScope,
  item: { field?: string; label?: PrintTemplateDefinition['title'] },
) {
  if (item.label) return pick(item.label, ctx.locale);
  if (!item.field) return '';
  const resolved = resolvePath(ctx.catalog, scope, item.field);
  return resolved.ok ? pick(resolved.fields[resolved.fields.length - 1]!.label, ctx.locale) : item.field;
}

function value(
  ctx: ResolveContext,
  scope: PathScope,
  data: PrintRecord,
  item: { field?: string; text?: PrintTemplateDefinition['title'] | string },
) {
  if (item.field) return fieldText(ctx, scope, data, item.field);
  return item.text === undefined ? '' : fillText(ctx, scope, data, pick(item.text, ctx.locale));
}

/** What an image prints: a file of prints/assets/, or the record's attachment (a record-file key). */
const imageKey = (
  ctx: ResolveContext,
  scope: PathScope,
  data: PrintRecord,
  item: { asset?: string; field?: string },
) => item.asset ?? (item.field ? recordImageAt(ctx.catalog, scope, data, item.field) : '');

function bandText(ctx: ResolveContext, scope: PathScope, data: PrintRecord, text: string): BandText {
  const parsed = parseText(text);
  if (!parsed.ok) return [text];
  return parsed.parts.map((part) =>
    part.kind === 'value' && (part.path === '$page' || part.path === '$pages')
      ? { page: part.path === '$page' ? 'page' : 'pages' }
      : partText(ctx, scope, data, part),
  );
}

function bandItem(
  ctx: ResolveContext,
  scope: PathScope,
  data: PrintRecord,
  item: PrintBandItem,
): DocBandItem {
  switch (item.type) {
    case 'text':
      return {
        kind: 'text',
        text: bandText(ctx, scope, data, pick(item.text, ctx.locale)),
        ...(item.size ? { size: item.size } : {}),
        bold: item.bold ?? false,
      };
    case 'image':
      return {
        kind: 'image',
        asset: imageKey(ctx, scope, data, item),
        width: item.width,
        ...(item.height ? { height: item.height } : {}),
      };
    case 'barcode':
      return {
        kind: 'barcode',
        symbology: item.symbology,
        value: fillText(ctx, scope, data, pick(item.value, ctx.locale)),
        width: item.width,
        height: item.height,
      };
    default: {
      const never: never = item;
      throw new Error(`unknown band item ${JSON.stringify(never)}`);
    }
  }
}

function band(
  ctx: ResolveContext,
  scope: PathScope,
  data: PrintRecord,
  b: PrintBand | undefined,
): DocBand | null {
  if (!b) return null;
  const slot = (items: readonly PrintBandItem[] | undefined) =>
    (items ?? []).map((i) => bandItem(ctx, scope, data, i));
  return {
    ...(b.height ? { height: b.height } : {}),
    divider: b.divider ?? false,
    left: slot(b.left),
    center: slot(b.center),
    right: slot(b.right),
  };
}

function table(
  ctx: ResolveContext,
  scope: PathScope,
  data: PrintRecord,
  block: Extract<PrintBlock, { type: 'table' }>,
): DocBlock {
  const words = PRINT_WORDS[ctx.locale];
  const source = resolvePath(ctx.catalog, scope, block.source, { lineItems: 'end' });
  const rowScope = source.ok ? source.scope : { form: block.source, fields: [] };
  const rows = source.ok ? ((valueAt(data, source.fields) as PrintRecord[] | undefined) ?? []) : [];
  const numbered = block.rowNumbers ?? true;
  const leaves = block.columns.map((c) => {
    const resolved = c.field ? resolvePath(ctx.catalog, rowScope, c.field) : null;
    return resolved?.ok ? resolved.leaf : null;
  });
  const columns = [
    ...(numbered ? [{ label: words.row_number, width: 0, align: 'center' as Align }] : []),
    ...block.columns.map((c, i) => ({
      label: caption(ctx, rowScope, c),
      width: c.width ?? 1,
      align: (c.align ?? (leaves[i] && isNumeric(leaves[i]!) ? 'right' : 'left')) as Align,
    })),
  ];
  const cells = rows.map((row, r) => [
    ...(numbered ? [String(r + 1)] : []),
    ...block.columns.map((c) => value(ctx, rowScope, row, c)),
  ]);
  /** The totals row's texts over rows first..last (the whole table, or one page of it). */
  const sums = (first: number, last: number): string[] => {
    const part = rows.slice(first, last + 1);
    const values = block.columns.map((c, i) => {
      if (!c.total || !c.field) return '';
      if (c.total === 'count')
        return String(part.filter((row) => value(ctx, rowScope, row, c) !== '').length);
      const terms = part.flatMap((row) => {
        const a = amountAt(ctx, rowScope, row, c.field!)?.amount;
        const d = a === undefined ? null : parseDecimal(a);
        return d ? [d] : [];
      });
      const sum = sumDecimals(terms);
      const leaf = leaves[i];
      if (!leaf) return '';
      const first = rows
        .map((row) => amountAt(ctx, rowScope, row, c.field!)?.value)
        .find((v) => v && typeof v === 'object');
      const currency = (first as { currency?: string } | undefined)?.currency;
      const total =
        leaf.type === 'money'
          ? { amount: decimalToString(sum), ...(currency ? { currency } : {}) }
          : decimalToString(sum);
      return formatValue(total, leaf, ctx);
    });
    return [...(numbered ? [''] : []), ...values];
  };
  const hasTotals = Boolean(block.totals || block.columns.some((c) => c.total));
  const totals = hasTotals
    ? { label: pick(block.totals?.label, ctx.locale) || words.total, values: sums(0, rows.length - 1) }
    : null;
  const mode = block.totals?.perPage;
  const perPage =
    hasTotals && mode
      ? {
          mode,
          labels: {
            subtotal: words.page_subtotal,
            carried: words.carried_forward,
            brought: words.brought_forward,
          },
          sums,
        }
      : null;
  return { kind: 'table', columns, rows: cells, totals, perPage, empty: words.no_rows };
}

function block(ctx: ResolveContext, scope: PathScope, data: PrintRecord, b: PrintBlock): DocBlock {
  const words = PRINT_WORDS[ctx.locale];
  switch (b.type) {
    case 'title':
      return {
        kind: 'title',
        text: fillText(ctx, scope, data, pick(b.text, ctx.locale)),
        size: b.size ?? 18,
        align: b.align ?? 'center',
      };
    case 'text':
      return {
        kind: 'text',
        text: fillText(ctx, scope, data, pick(b.text, ctx.locale)),
        ...(b.size ? { size: b.size } : {}),
        bold: b.bold ?? false,
        align: b.align ?? 'left',
      };
    case 'fields':
      return {
        kind: 'fields',
        columns: b.columns ?? 2,
        border: b.border ?? false,
        items: b.items.map((item) => ({
          label: caption(ctx, scope, item),
          value: value(ctx, scope, data, item),
          span: item.span ?? 1,
        })),
      };
    case 'table':
      return table(ctx, scope, data, b);
    case 'amount':
      return {
        kind: 'amount',
        label: b.label ? pick(b.label, ctx.locale) : caption(ctx, scope, { field: b.field }),
        capitals: b.capitals === false ? null : fieldText(ctx, scope, data, b.field, 'capitals'),
        figures: b.figures === false ? null : fieldText(ctx, scope, data, b.field, 'figures'),
        words: { capitals: words.capitals, figures: ctx.locale === 'zh-CN' ? '小写' : 'In figures' },
      };
    case 'signatures':
      return {
        kind: 'signatures',
        items: b.items.map((s) => ({
          label: pick(s.label, ctx.locale),
          value: s.field ? fieldText(ctx, scope, data, s.field) : '',
        })),
      };
    case 'image':
      return {
        kind: 'image',
        asset: imageKey(ctx, scope, data, b),
        width: b.width,
        ...(b.height ? { height: b.height } : {}),
        align: b.align ?? 'left',
        overlay: b.overlay ?? false,
      };
    case 'barcode':
      return {
        kind: 'barcode',
        symbology: b.symbology,
        value: fillText(ctx, scope, data, pick(b.value, ctx.locale)),
        width: b.width,
        height: b.height,
        align: b.align ?? 'left',
      };
    case 'spacer':
      return { kind: 'spacer', height: b.height };
    default: {
      const never: never = b;
      throw new Error(`unknown block ${JSON.stringify(never)}`);
    }
  }
}

/** The template filled with one record (pure): what the layout places on pages. */
export function buildDocument(
  template: PrintTemplateDefinition,
  record: PrintRecord,
  catalog: FormCatalog,
  ctx: Omit<ResolveContext, 'catalog' | 'locale' | 'title'>,
): PrintDocument {
  const locale = template.locale ?? 'zh-CN';
  const full: ResolveContext = { ...ctx, catalog, locale, title: pick(template.title, locale) };
  const scope = formScope(catalog, template.form) ?? { form: template.form, fields: [] };
  const definition = catalog[template.form];
  const titleField = definition?.fields.find((f) => f.id === definition.titleField);
  const recordTitle = titleField ? fieldText(full, scope, record, titleField.key) : '';
  return {
    title: [full.title, recordTitle].filter(Boolean).join(' '),
    page: pageGeometry(template.page),
    fontSize: template.fontSize ?? 10,
    header: band(full, scope, record, template.header),
    footer: band(full, scope, record, template.footer),
    body: template.body.map((b) => block(full, scope, record, b)),
  };
}
