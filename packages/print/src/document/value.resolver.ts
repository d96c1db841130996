import type { FieldDefinition } from '@tessera/schema';
import { formatDate, instantParts } from '../format/date.formatter';
import { amountOf, type FormatContext, formatValue } from '../format/field-value.formatter';
import { type PrintFormat, parseText, type TextPart } from '../format/text-template';
import { type PathScope, resolvePath } from '../template/field-path.resolver';

/** A record as printed: its values, links replaced by the linked records the template reads. */
export type PrintRecord = Readonly<Record<string, unknown>>;

/** Everything a value needs: formatting, the printing user and moment, the template's title. */
export interface ResolveContext extends FormatContext {
  readonly now: Date;
  readonly printedBy: string;
  readonly title: string;
}

/** The value under a walked path (undefined where a link was not loaded or is out of scope). */
export function valueAt(data: PrintRecord, fields: readonly FieldDefinition[]): unknown {
  let value: unknown = data;
  for (const field of fields) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[field.key];
  }
  return value;
}

/** A field of a scope as printed; '' when absent. Paths were checked when the template was saved. */
export function fieldText(
  ctx: ResolveContext,
  scope: PathScope,
  data: PrintRecord,
  path: string,
  format?: PrintFormat,
): string {
  const resolved = resolvePath(ctx.catalog, scope, path);
  if (!resolved.ok) return '';
  return formatValue(valueAt(data, resolved.fields), resolved.leaf, ctx, format);
}

/** The raw amount under a path (money's amount, a number), for totals. */
export function amountAt(ctx: ResolveContext, scope: PathScope, data: PrintRecord, path: string) {
  const resolved = resolvePath(ctx.catalog, scope, path);
  return resolved.ok
    ? {
        amount: amountOf(valueAt(data, resolved.fields)),
        leaf: resolved.leaf,
        value: valueAt(data, resolved.fields),
      }
    : null;
}

/** A system value outside page numbers. */
function systemText(ctx: ResolveContext, path: string): string {
  switch (path) {
    case '$now': {
      const parts = instantParts(ctx.now, ctx.timeZone);
      return parts ? formatDate(parts, ctx.locale) : '';
    }
    case '$user':
      return ctx.printedBy;
    case '$title':
      return ctx.title;
    default:
      return '';
  }
}

/** One part of a parsed text as printed ({$page} and {$pages} are the layout's: ''). */
export function partText(ctx: ResolveContext, scope: PathScope, data: PrintRecord, part: TextPart): string {
  if (part.kind === 'literal') return part.text;
  if (part.path.startsWith('$')) return systemText(ctx, part.path);
  return fieldText(ctx, scope, data, part.path, part.format);
}

/** Fills a text's placeholders with the record's values. */
export function fillText(ctx: ResolveContext, scope: PathScope, data: PrintRecord, text: string): string {
  const parsed = parseText(text);
  return parsed.ok ? parsed.parts.map((part) => partText(ctx, scope, data, part)).join('') : text;
}
