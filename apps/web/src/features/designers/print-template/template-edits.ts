import type { PrintBandItem, PrintBlock, PrintTemplateDefinition } from '@tessera/schema';

/**
 * The template editor's changes as pure functions over the definition (a new value each time,
 * the editor keeps them in its history): a field dropped into an area, an item removed, the paper
 * changed. The areas are the parts of a template a field can go to.
 */
export type TemplateArea = 'header' | 'body' | 'table' | 'footer';

/** What the palette drags: a field path from the record (`customer.name`) or a line-item column. */
export type PaletteField =
  | { readonly kind: 'field'; readonly path: string; readonly label: string }
  | { readonly kind: 'column'; readonly source: string; readonly path: string; readonly label: string };

type Template = PrintTemplateDefinition;
type Fields = Extract<PrintBlock, { type: 'fields' }>;
type Table = Extract<PrintBlock, { type: 'table' }>;

/** Which areas take a dragged item: record fields go to the bands and the field grid, columns to the table. */
export const accepts = (area: TemplateArea, item: PaletteField) =>
  item.kind === 'column' ? area === 'table' : area !== 'table';

/** The first block of a kind, with its index in the body. */
export function firstBlock<T extends PrintBlock['type']>(
  t: Template,
  type: T,
): { index: number; block: Extract<PrintBlock, { type: T }> } | null {
  const index = t.body.findIndex((b) => b.type === type);
  return index < 0 ? null : { index, block: t.body[index] as Extract<PrintBlock, { type: T }> };
}

const withBody = (t: Template, index: number, block: PrintBlock): Template => ({
  ...t,
  body: t.body.map((b, i) => (i === index ? block : b)),
});

/** A caption and the value, as a header or footer line says it: 客户名称：{{ customer.name }}. */
const bandText = (item: PaletteField, locale: string) =>
  `${item.label}${locale === 'zh-CN' ? '：' : ': '}{{ ${item.path} }}`;

/** Drops `item` into `area` (the caller checked `accepts`). */
export function dropField(t: Template, area: TemplateArea, item: PaletteField): Template {
  if (area === 'header' || area === 'footer') {
    const band = t[area] ?? {};
    const text: PrintBandItem = { type: 'text', text: bandText(item, t.locale ?? 'zh-CN') };
    return { ...t, [area]: { ...band, left: [...(band.left ?? []), text] } };
  }
  if (area === 'body') {
    const found = firstBlock(t, 'fields');
    if (found) {
      const block: Fields = { ...found.block, items: [...found.block.items, { field: item.path }] };
      return withBody(t, found.index, block);
    }
    // no field grid yet: one after the title, two columns as the shipped templates have
    const at = t.body[0]?.type === 'title' ? 1 : 0;
    const block: Fields = { type: 'fields', columns: 2, border: true, items: [{ field: item.path }] };
    return { ...t, body: [...t.body.slice(0, at), block, ...t.body.slice(at)] };
  }
  if (item.kind !== 'column') return t;
  const found = firstBlock(t, 'table');
  if (found && found.block.source === item.source) {
    const block: Table = { ...found.block, columns: [...found.block.columns, { field: item.path }] };
    return withBody(t, found.index, block);
  }
  if (found) return t;
  const table: Table = { type: 'table', source: item.source, columns: [{ field: item.path }] };
  const before = t.body.findIndex((b) => b.type === 'amount' || b.type === 'signatures');
  const at = before < 0 ? t.body.length : before;
  return { ...t, body: [...t.body.slice(0, at), table, ...t.body.slice(at)] };
}

/** Removes one item of an area: a band's line, a grid's field, a table's column. */
export function removeItem(t: Template, area: TemplateArea, index: number): Template {
  if (area === 'header' || area === 'footer') {
    const band = t[area];
    if (!band?.left) return t;
    return { ...t, [area]: { ...band, left: band.left.filter((_, i) => i !== index) } };
  }
  if (area === 'body') {
    const found = firstBlock(t, 'fields');
    if (!found) return t;
    return withBody(t, found.index, {
      ...found.block,
      items: found.block.items.filter((_, i) => i !== index),
    });
  }
  const found = firstBlock(t, 'table');
  if (!found || found.block.columns.length <= 1) return t;
  return withBody(t, found.index, {
    ...found.block,
    columns: found.block.columns.filter((_, i) => i !== index),
  });
}

export type PageSettings = Template['page'];

export const setPage = (t: Template, page: PageSettings): Template => ({ ...t, page });

/** The JSON path prefix of an area's items, to show the server's problems beside them. */
export function areaPath(t: Template, area: TemplateArea): string {
  if (area === 'header' || area === 'footer') return `/${area}/left`;
  if (area === 'body') return `/body/${firstBlock(t, 'fields')?.index ?? -1}/items`;
  return `/body/${firstBlock(t, 'table')?.index ?? -1}/columns`;
}
