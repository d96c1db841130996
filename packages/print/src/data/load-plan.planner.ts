import type { FieldDefinition, PrintBand, PrintBlock, PrintTemplateDefinition } from '@tessera/schema';
import { parseText } from '../format/text-template';
import { type FormCatalog, formScope, type PathScope, resolvePath } from '../template/field-path.resolver';

/**
 * What to read for a template, as a tree over the printed form: the links to follow (a link's
 * record replaces its id), the line items to read with a linked record, the links of their rows,
 * and which fields hold users (whose names print). Pure: derived from the paths the template uses.
 */
export interface LoadNode {
  /** The form of the records at this node ('' for line-item rows). */
  readonly form: string;
  readonly fields: readonly FieldDefinition[];
  readonly links: Map<string, LoadNode>;
  readonly lineItems: Map<string, LoadNode>;
}

const node = (scope: PathScope, form: string): LoadNode => ({ form, fields: scope.fields, links: new Map(), lineItems: new Map() });

type Text = PrintTemplateDefinition['title'] | string;

const placeholders = (t: Text | undefined): string[] => {
  if (t === undefined) return [];
  return (typeof t === 'string' ? [t] : Object.values(t)).flatMap((v) => {
    const parsed = v === undefined ? null : parseText(v);
    return parsed?.ok ? parsed.parts.flatMap((p) => (p.kind === 'value' && !p.path.startsWith('$') ? [p.path] : [])) : [];
  });
};

export function planLoad(template: PrintTemplateDefinition, catalog: FormCatalog): LoadNode {
  const rootScope = formScope(catalog, template.form) ?? { form: template.form, fields: [] };
  const root = node(rootScope, template.form);

  /** Adds every link along a path (and a link at its end, whose title prints) under `at`. */
  const add = (at: LoadNode, scope: PathScope, path: string, lineItems = false): LoadNode | null => {
    const resolved = resolvePath(catalog, scope, path, lineItems ? { lineItems: 'end' } : {});
    if (!resolved.ok) return null;
    let current = at;
    for (const field of resolved.fields) {
      if (field.type === 'link') {
        const target = formScope(catalog, field.form);
        if (!target) return null;
        let next = current.links.get(field.key);
        if (!next) current.links.set(field.key, (next = node(target, field.form)));
        current = next;
      } else if (field.type === 'line_items') {
        let rows = current.lineItems.get(field.key);
        if (!rows) current.lineItems.set(field.key, (rows = node({ form: '', fields: field.fields as readonly FieldDefinition[] }, '')));
        return rows;
      }
    }
    return current;
  };
  const texts = (at: LoadNode, scope: PathScope, t: Text | undefined) => {
    for (const p of placeholders(t)) add(at, scope, p);
  };
  const band = (b: PrintBand | undefined) => {
    for (const item of [...(b?.left ?? []), ...(b?.center ?? []), ...(b?.right ?? [])]) {
      if (item.type === 'text') texts(root, rootScope, item.text);
      if (item.type === 'barcode') texts(root, rootScope, item.value);
      if (item.type === 'image' && item.field) add(root, rootScope, item.field);
    }
  };
  const block = (b: PrintBlock) => {
    switch (b.type) {
      case 'title':
      case 'text':
        return texts(root, rootScope, b.text);
      case 'barcode':
        return texts(root, rootScope, b.value);
      case 'fields':
        for (const item of b.items) {
          if (item.field) add(root, rootScope, item.field);
          texts(root, rootScope, item.text);
        }
        return;
      case 'amount':
        add(root, rootScope, b.field);
        return;
      case 'signatures':
        for (const s of b.items) if (s.field) add(root, rootScope, s.field);
        return;
      case 'table': {
        const rows = add(root, rootScope, b.source, true);
        const source = resolvePath(catalog, rootScope, b.source, { lineItems: 'end' });
        if (!rows || !source.ok) return;
        for (const c of b.columns) {
          if (c.field) add(rows, source.scope, c.field);
          texts(rows, source.scope, c.text);
        }
        return;
      }
      case 'image':
        if (b.field) add(root, rootScope, b.field);
        return;
      case 'spacer':
        return;
      default: {
        const never: never = b;
        throw new Error(`unknown block ${JSON.stringify(never)}`);
      }
    }
  };
  band(template.header);
  band(template.footer);
  template.body.forEach(block);
  return root;
}
