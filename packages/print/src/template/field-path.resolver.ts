import type { FieldDefinition, FormDefinition } from '@tessera/schema';

/** The published forms of an app by key: what template paths resolve against. */
export type FormCatalog = Readonly<Record<string, FormDefinition>>;

/** Where a path starts: a form, or the rows of a line-items field (their fields only). */
export interface PathScope {
  readonly form: string;
  readonly fields: readonly FieldDefinition[];
}

export type ResolvedPath =
  | {
      readonly ok: true;
      /** The fields walked, one per segment (links before the last). */
      readonly fields: readonly FieldDefinition[];
      /** The field whose type formats the value (a lookup's looked-up field). */
      readonly leaf: FieldDefinition;
      /** The form the leaf's value belongs to, for a link: its target. */
      readonly scope: PathScope;
    }
  | { readonly ok: false; readonly message: string };

export const formScope = (catalog: FormCatalog, form: string): PathScope | null => {
  const definition = catalog[form];
  return definition ? { form, fields: definition.fields } : null;
};

const live = (fields: readonly FieldDefinition[], key: string) =>
  fields.find((f) => f.key === key && !(f as { deleted?: boolean }).deleted);

/** The field a lookup shows, followed through its link (lookups of lookups too). */
export function lookedUp(
  catalog: FormCatalog,
  scope: PathScope,
  field: FieldDefinition,
): FieldDefinition | null {
  let current: FieldDefinition = field;
  let fields = scope.fields;
  for (let depth = 0; current.type === 'lookup' && depth < 8; depth++) {
    const link = live(fields, current.link);
    if (link?.type !== 'link') return null;
    const target = catalog[link.form];
    const next = target ? live(target.fields, current.field) : undefined;
    if (!target || !next) return null;
    fields = target.fields;
    current = next;
  }
  return current.type === 'lookup' ? null : current;
}

/**
 * Resolves `customer.name` from a scope: every segment but the last must be a link (followed to
 * its form); the last may be any live field. `lineItems: 'end'` also accepts a line-items field
 * as the last segment (a table's source); otherwise line items cannot be printed as one value.
 */
export function resolvePath(
  catalog: FormCatalog,
  start: PathScope,
  path: string,
  options: { lineItems?: 'end' | 'refuse' } = {},
): ResolvedPath {
  const segments = path.split('.');
  const walked: FieldDefinition[] = [];
  let scope = start;
  for (const [i, key] of segments.entries()) {
    const field = live(scope.fields, key);
    if (!field)
      return { ok: false, message: `${segments.slice(0, i + 1).join('.')} is not a field of ${scope.form}` };
    walked.push(field);
    const last = i === segments.length - 1;
    if (field.type === 'line_items') {
      if (!last || options.lineItems !== 'end')
        return { ok: false, message: `${path}: line items print as a table (a table's source)` };
      return {
        ok: true,
        fields: walked,
        leaf: field,
        scope: { form: `${scope.form}.${key}`, fields: field.fields as readonly FieldDefinition[] },
      };
    }
    if (last) {
      if (options.lineItems === 'end') return { ok: false, message: `${path} is not a line-items field` };
      const leaf = field.type === 'lookup' ? lookedUp(catalog, scope, field) : field;
      if (!leaf) return { ok: false, message: `${path}: the lookup's field does not exist` };
      const target = leaf.type === 'link' ? formScope(catalog, leaf.form) : null;
      return { ok: true, fields: walked, leaf, scope: target ?? scope };
    }
    if (field.type !== 'link')
      return { ok: false, message: `${segments.slice(0, i + 1).join('.')} is not a link: nothing to follow` };
    const target = formScope(catalog, field.form);
    if (!target) return { ok: false, message: `${field.key} links to ${field.form}, which is not published` };
    scope = target;
  }
  return { ok: false, message: 'an empty path' };
}
