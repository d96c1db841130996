import type { FieldDefinition, FormDefinition } from '@tessera/schema';
import type { PaletteField } from './template-edits';

/** One group of the field palette: the form's fields, one linked form's, or one line-items table's columns. */
export interface PaletteGroup {
  readonly key: string;
  readonly title: string;
  readonly items: readonly PaletteField[];
}

type Pick = (label: FieldDefinition['label']) => string;

/** Fields nothing prints: line items are the table, attachments print as images, JSON is data. */
const UNPRINTED = new Set(['line_items', 'attachment', 'json', 'rich_text']);

const printable = (f: FieldDefinition) => !UNPRINTED.has(f.type) && !(f as { deleted?: boolean }).deleted;

/**
 * The palette of a form (pure): its own fields; for each link, the linked form's fields
 * (`customer.name`, labelled "Customer · Name"); for each line-items field, its columns, and
 * through the columns' links (`product.code`). `forms` holds the linked forms loaded so far.
 */
export function paletteGroups(
  form: FormDefinition,
  forms: ReadonlyMap<string, FormDefinition>,
  pick: Pick,
): PaletteGroup[] {
  const groups: PaletteGroup[] = [
    {
      key: form.key,
      title: pick(form.title),
      items: form.fields.filter(printable).map((f) => ({ kind: 'field', path: f.key, label: pick(f.label) })),
    },
  ];
  for (const link of form.fields) {
    if (link.type !== 'link') continue;
    const target = forms.get((link as { form: string }).form);
    if (!target) continue;
    groups.push({
      key: link.key,
      title: pick(link.label),
      items: target.fields.filter(printable).map((f) => ({
        kind: 'field',
        path: `${link.key}.${f.key}`,
        label: `${pick(link.label)} · ${pick(f.label)}`,
      })),
    });
  }
  for (const table of form.fields) {
    if (table.type !== 'line_items') continue;
    const columns = (table as { fields?: readonly FieldDefinition[] }).fields ?? [];
    const items: PaletteField[] = [];
    for (const c of columns.filter(printable)) {
      items.push({ kind: 'column', source: table.key, path: c.key, label: pick(c.label) });
      const target = c.type === 'link' ? forms.get((c as { form: string }).form) : undefined;
      for (const f of target?.fields.filter(printable) ?? [])
        items.push({
          kind: 'column',
          source: table.key,
          path: `${c.key}.${f.key}`,
          label: `${pick(c.label)} · ${pick(f.label)}`,
        });
    }
    groups.push({ key: table.key, title: pick(table.label), items });
  }
  return groups;
}

/** The forms the palette needs besides the form itself: link targets, also of line-item columns. */
export function linkedForms(form: FormDefinition): string[] {
  const out = new Set<string>();
  for (const f of form.fields) {
    if (f.type === 'link') out.add((f as { form: string }).form);
    if (f.type === 'line_items')
      for (const c of (f as { fields?: readonly FieldDefinition[] }).fields ?? [])
        if (c.type === 'link') out.add((c as { form: string }).form);
  }
  out.delete(form.key);
  return [...out];
}
