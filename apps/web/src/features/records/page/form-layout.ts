import { type AnyField, liveFields } from '@tessera/logic/browser';
import type { FormDefinition } from '@tessera/schema';

export interface LayoutCellPlan {
  readonly field: AnyField;
  /** Of 24 columns on wide screens. */
  readonly span: number;
}
export interface LayoutSectionPlan {
  readonly key: string;
  readonly title?: Partial<Record<string, string>>;
  readonly collapsed: boolean;
  readonly rows: readonly (readonly LayoutCellPlan[])[];
}

/**
 * The form's layout as sections of rows of cells (pure): the layout's sections with their widths,
 * then every field the layout leaves out, two per row (line items and long texts on their own row).
 */
export function layoutPlan(definition: FormDefinition): LayoutSectionPlan[] {
  const fields = liveFields(definition.fields);
  const byId = new Map(fields.map((f) => [f.id, f]));
  const placed = new Set<string>();
  const sections: LayoutSectionPlan[] = (definition.layout?.sections ?? []).map((s, i) => ({
    key: s.id ?? `s${i}`,
    title: s.title,
    collapsed: s.collapsed === true,
    rows: s.rows
      .map((row) => {
        const cells = row.fields.filter((c) => byId.has(c.field));
        const free = cells.filter((c) => c.width === undefined).length;
        const used = cells.reduce((sum, c) => sum + (c.width ?? 0), 0);
        return cells.map((c) => {
          placed.add(c.field);
          return {
            field: byId.get(c.field)!,
            span: c.width ?? Math.max(1, Math.floor((24 - used) / Math.max(1, free))),
          };
        });
      })
      .filter((r) => r.length > 0),
  }));
  const rest = fields.filter((f) => !placed.has(f.id));
  if (rest.length > 0) {
    const rows: LayoutCellPlan[][] = [];
    let current: LayoutCellPlan[] = [];
    for (const field of rest) {
      const wide =
        field.type === 'line_items' ||
        field.type === 'long_text' ||
        field.type === 'rich_text' ||
        field.type === 'json';
      if (wide) {
        if (current.length) rows.push(current);
        rows.push([{ field, span: 24 }]);
        current = [];
        continue;
      }
      current.push({ field, span: 12 });
      if (current.length === 2) {
        rows.push(current);
        current = [];
      }
    }
    if (current.length) rows.push(current);
    sections.push({ key: 'rest', collapsed: false, rows });
  }
  return sections;
}
