import type { PrintBand, PrintBlock, PrintTemplateDefinition } from '@tessera/schema';
import { validate } from '@tessera/schema';
import { pick } from '../format/print-locale';
import { parseText } from '../format/text-template';
import { type FormCatalog, formScope, type PathScope, resolvePath } from './field-path.resolver';

export interface TemplateIssue {
  readonly path: string;
  readonly message: string;
}

export type TemplateCheck =
  | { readonly ok: true; readonly value: PrintTemplateDefinition }
  | { readonly ok: false; readonly errors: readonly TemplateIssue[] };

type Text = PrintTemplateDefinition['title'] | string;
const AMOUNT_TYPES = new Set(['money', 'number', 'integer', 'formula', 'rollup']);

/**
 * A print template as saving or a pack applies it: the JSON Schema, then what a schema cannot
 * say — the form exists, every field path resolves on it (or on the table's rows), a table's
 * source is a line-items field, amounts are numbers, placeholders parse, `{{ $page }}` only in a
 * header or footer, and every image is one of `assets` or an attachment field. Pure; every problem by JSON path.
 */
export function checkPrintTemplate(
  input: unknown,
  catalog: FormCatalog,
  assets: ReadonlySet<string>,
): TemplateCheck {
  const schema = validate('print', input);
  if (!schema.ok) return { ok: false, errors: schema.errors };
  const template = schema.value;
  const errors: TemplateIssue[] = [];
  const scope = formScope(catalog, template.form);
  if (!scope)
    return { ok: false, errors: [{ path: '/form', message: `no published form ${template.form}` }] };

  const path = (at: string, scopeOf: PathScope, p: string) => {
    const resolved = resolvePath(catalog, scopeOf, p);
    if (!resolved.ok) errors.push({ path: at, message: resolved.message });
    return resolved;
  };
  const text = (at: string, scopeOf: PathScope, t: Text | undefined, band: boolean) => {
    if (t === undefined) return;
    const variants = typeof t === 'string' ? { '': t } : t;
    for (const [lang, value] of Object.entries(variants)) {
      if (value === undefined) continue;
      const where = lang ? `${at}/${lang}` : at;
      const parsed = parseText(value);
      if (!parsed.ok) {
        errors.push({ path: where, message: parsed.message });
        continue;
      }
      for (const part of parsed.parts) {
        if (part.kind !== 'value') continue;
        if (part.path === '$page' || part.path === '$pages') {
          if (!band)
            errors.push({ path: where, message: `{{ ${part.path} }} is known in a header or footer only` });
        } else if (!part.path.startsWith('$')) path(where, scopeOf, part.path);
      }
    }
  };
  /** An image: a file of prints/assets/ or an attachment field (exactly one of them). */
  const image = (at: string, item: { asset?: string; field?: string }) => {
    if ((item.asset === undefined) === (item.field === undefined)) {
      errors.push({ path: at, message: 'an image needs an asset or an attachment field: set one of them' });
      return;
    }
    if (item.asset !== undefined && !assets.has(item.asset))
      errors.push({ path: `${at}/asset`, message: `no image ${item.asset} in prints/assets/` });
    if (item.field !== undefined) {
      const resolved = path(`${at}/field`, scope, item.field);
      if (resolved.ok && resolved.leaf.type !== 'attachment')
        errors.push({
          path: `${at}/field`,
          message: `${item.field} is a ${resolved.leaf.type} field, not an attachment: an image prints from an attachment field`,
        });
    }
  };
  const band = (at: string, b: PrintBand | undefined) => {
    if (!b) return;
    for (const slot of ['left', 'center', 'right'] as const) {
      (b[slot] ?? []).forEach((item, i) => {
        const where = `${at}/${slot}/${i}`;
        if (item.type === 'text') text(`${where}/text`, scope, item.text, true);
        else if (item.type === 'barcode') text(`${where}/value`, scope, item.value, true);
        else image(where, item);
      });
    }
  };
  const valued = (at: string, s: PathScope, item: { field?: string; text?: Text }) => {
    if (item.field === undefined && item.text === undefined)
      errors.push({ path: at, message: 'needs a field or a text' });
    if (item.field !== undefined && item.text !== undefined)
      errors.push({ path: at, message: 'has both a field and a text: keep one' });
    if (item.field !== undefined) path(`${at}/field`, s, item.field);
    text(`${at}/text`, s, item.text, false);
  };
  const block = (at: string, b: PrintBlock) => {
    switch (b.type) {
      case 'title':
      case 'text':
        return text(`${at}/text`, scope, b.text, false);
      case 'fields':
        for (const [i, item] of b.items.entries()) valued(`${at}/items/${i}`, scope, item);
        return;
      case 'table': {
        const source = resolvePath(catalog, scope, b.source, { lineItems: 'end' });
        if (!source.ok) {
          errors.push({ path: `${at}/source`, message: source.message });
          return;
        }
        b.columns.forEach((c, i) => {
          valued(`${at}/columns/${i}`, source.scope, c);
          if (c.total === 'sum' && c.field) {
            const leaf = resolvePath(catalog, source.scope, c.field);
            if (leaf.ok && !AMOUNT_TYPES.has(leaf.leaf.type) && leaf.leaf.type !== 'percent')
              errors.push({
                path: `${at}/columns/${i}/total`,
                message: `${c.field} is not a number: nothing to sum`,
              });
          }
          if (c.total === 'sum' && !c.field)
            errors.push({ path: `${at}/columns/${i}/total`, message: 'only a field column can be summed' });
        });
        return;
      }
      case 'amount': {
        const resolved = path(`${at}/field`, scope, b.field);
        if (resolved.ok && !AMOUNT_TYPES.has(resolved.leaf.type))
          errors.push({
            path: `${at}/field`,
            message: `${b.field} is a ${resolved.leaf.type} field, not an amount`,
          });
        return;
      }
      case 'signatures':
        for (const [i, s] of b.items.entries()) if (s.field) path(`${at}/items/${i}/field`, scope, s.field);
        return;
      case 'image':
        return image(at, b);
      case 'barcode':
        return text(`${at}/value`, scope, b.value, false);
      case 'spacer':
        return;
      default: {
        const never: never = b;
        throw new Error(`unknown block ${JSON.stringify(never)}`);
      }
    }
  };
  band('/header', template.header);
  band('/footer', template.footer);
  for (const [i, b] of template.body.entries()) block(`/body/${i}`, b);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: template };
}

/** The template's title in its own language (for messages and file names). */
export const templateTitle = (t: PrintTemplateDefinition) => pick(t.title, t.locale ?? 'zh-CN');
