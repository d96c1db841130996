import type { FormAccess } from '../model/form-access';
import { rowFieldKeys } from './row-field-keys';

type Json = Record<string, unknown>;

/** Properties of a field that hold JSON-Logic (or a default that may be `{ expr }`). */
const EXPRESSION_PROPERTIES = ['visibleWhen', 'requiredWhen', 'default', 'expression', 'filter'] as const;

/**
 * A form definition as a user may see it (pure): no field hidden from them — neither its key,
 * label, options nor its place in the layout, title or search fields; no row field hidden inside
 * a line-items field; no lookup of a field hidden from them on the linked form (or of a form they
 * may not read). Fields they may not write are marked `readOnly: true`. An expression (a
 * condition, a default, a formula, a rollup filter) that names a hidden field anywhere is left
 * out: the server still evaluates it, the user only loses the hint. `accessOf` gives the user's
 * access to the other forms of the app (lookups, rollups).
 */
export function maskFormDefinition<T extends object>(
  definition: T,
  access: FormAccess,
  accessOf: (form: string) => FormAccess,
): T {
  const def = definition as Json;
  if (!Array.isArray(def.fields)) return definition;
  const fields = def.fields as Json[];
  const hidden = new Set(access.hidden);
  const readOnly = new Set(access.readOnly);
  const hiddenInRows = rowFieldKeys(access.hidden);
  const lockedInRows = rowFieldKeys(access.readOnly);
  // Names an expression may not mention: hidden keys, and hidden row fields by their own key.
  const secret = new Set([...access.hidden, ...[...hiddenInRows.values()].flatMap((s) => [...s])]);
  const dropped = new Set<string>();
  const kept: Json[] = [];
  for (const field of fields) {
    const key = String(field.key);
    if (hidden.has(key) || lookupHidden(field, fields, accessOf)) {
      dropped.add(String(field.id));
      continue;
    }
    let out = withoutSecretExpressions(field, secret);
    if (field.type === 'line_items' && Array.isArray(field.fields)) {
      const rowHidden = hiddenInRows.get(key);
      const rowLocked = lockedInRows.get(key);
      const rows = (field.fields as Json[])
        .filter((f) => !rowHidden?.has(String(f.key)))
        .map((f) => lockedIf(withoutSecretExpressions(f, secret), rowLocked?.has(String(f.key)) === true));
      if (rows.length === 0) {
        dropped.add(String(field.id));
        continue;
      }
      const same =
        rows.length === field.fields.length && rows.every((f, i) => f === (field.fields as Json[])[i]);
      if (!same) out = { ...out, fields: rows };
    }
    if (field.type === 'rollup') out = maskRollup(out, accessOf);
    kept.push(lockedIf(out, readOnly.has(key)));
  }
  if (dropped.size === 0 && kept.every((f, i) => f === fields[i])) return definition;
  const masked: Json = { ...def, fields: kept };
  if (typeof def.titleField === 'string' && dropped.has(def.titleField)) delete masked.titleField;
  if (Array.isArray(def.searchFields))
    masked.searchFields = def.searchFields.filter((id) => !dropped.has(String(id)));
  if (def.layout && typeof def.layout === 'object') masked.layout = maskLayout(def.layout as Json, dropped);
  return masked as T;
}

/** A lookup whose looked-up field the user may not see on the linked form: always empty for them. */
function lookupHidden(field: Json, fields: readonly Json[], accessOf: (form: string) => FormAccess): boolean {
  if (field.type !== 'lookup') return false;
  const link = fields.find((f) => f.key === field.link && f.type === 'link');
  if (!link || typeof link.form !== 'string') return false;
  const linked = accessOf(link.form);
  return !linked.actions.includes('read') || linked.hidden.includes(String(field.field));
}

/** A rollup without the source field / filter when they name what the user may not see there. */
function maskRollup(field: Json, accessOf: (form: string) => FormAccess): Json {
  const source = field.source as Json | undefined;
  if (!source || typeof source.form !== 'string') return field;
  const other = accessOf(source.form);
  const readable = other.actions.includes('read');
  const out = { ...field };
  if (!readable || (typeof field.field === 'string' && other.hidden.includes(field.field))) delete out.field;
  if (field.filter !== undefined && (!readable || mentions(field.filter, new Set(other.hidden))))
    delete out.filter;
  return out;
}

function lockedIf(field: Json, locked: boolean): Json {
  return locked && field.readOnly !== true ? { ...field, readOnly: true } : field;
}

function withoutSecretExpressions(field: Json, secret: ReadonlySet<string>): Json {
  if (secret.size === 0) return field;
  const named = EXPRESSION_PROPERTIES.filter(
    (p) =>
      field[p] !== undefined && (p !== 'filter' || field.type !== 'rollup') && mentions(field[p], secret),
  );
  if (named.length === 0) return field;
  const out = { ...field };
  for (const p of named) delete out[p];
  return out;
}

/** Does a JSON value mention one of `names` (as a string, or a dotted path starting with one)? */
function mentions(value: unknown, names: ReadonlySet<string>): boolean {
  if (typeof value === 'string') {
    const dot = value.indexOf('.');
    return names.has(value) || (dot > 0 && names.has(value.slice(0, dot))) || names.has(value.slice(dot + 1));
  }
  if (Array.isArray(value)) return value.some((v) => mentions(v, names));
  if (value && typeof value === 'object') return Object.values(value).some((v) => mentions(v, names));
  return false;
}

function maskLayout(layout: Json, dropped: ReadonlySet<string>): Json {
  if (!Array.isArray(layout.sections)) return layout;
  return {
    ...layout,
    sections: (layout.sections as Json[]).map((section) => ({
      ...section,
      rows: (Array.isArray(section.rows) ? (section.rows as Json[]) : [])
        .map((row) => ({
          ...row,
          fields: (Array.isArray(row.fields) ? (row.fields as Json[]) : []).filter(
            (cell) => !dropped.has(String(cell.field)),
          ),
        }))
        .filter((row) => (row.fields as unknown[]).length > 0),
    })),
  };
}
