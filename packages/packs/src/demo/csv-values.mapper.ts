import type { FieldDefinition, FormDefinition } from '@tessera/schema';

/** How cells naming other records or users become ids. */
export interface CsvResolver {
  /** A link cell: `#ref` (the `#ref` column of a row loaded before) or the linked record's title. */
  link(form: string, cell: string): string | undefined;
  /** A user cell: a user name. */
  user(username: string): string | undefined;
}

export type CsvValues =
  | { readonly ok: true; readonly values: Record<string, unknown> }
  | { readonly ok: false; readonly errors: readonly string[] };

const COMPUTED = new Set(['formula', 'rollup', 'lookup', 'auto_number']);

/**
 * One CSV row → record values for the records service, by the form's field types: numbers as
 * numbers, money as `{ amount }` (the field's currency), booleans from true/false/yes/no/1/0,
 * multi selects split on `;`, line items and JSON as JSON text (their links and users resolved
 * too), links and users resolved through `resolve`. Empty cells are left out (defaults apply);
 * computed fields are never set (the engine computes them). Pure.
 */
export function csvRecordValues(
  form: FormDefinition,
  row: Record<string, string>,
  resolve: CsvResolver,
): CsvValues {
  const errors: string[] = [];
  const values = convert(form.fields, row, resolve, errors, '');
  return errors.length > 0 ? { ok: false, errors } : { ok: true, values };
}

function convert(
  fields: readonly { type: string; key: string }[],
  row: Record<string, unknown>,
  resolve: CsvResolver,
  errors: string[],
  at: string,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of fields as readonly FieldDefinition[]) {
    const raw = row[field.key];
    if (raw === undefined || raw === null || raw === '' || COMPUTED.has(field.type)) continue;
    const cell = typeof raw === 'string' ? raw.trim() : raw;
    const value = convertCell(field, cell, resolve, errors, `${at}${field.key}`);
    if (value !== undefined) values[field.key] = value;
  }
  return values;
}

function convertCell(
  field: FieldDefinition,
  cell: unknown,
  resolve: CsvResolver,
  errors: string[],
  at: string,
): unknown {
  const text = String(cell);
  switch (field.type) {
    case 'number':
    case 'integer':
    case 'percent': {
      const n = Number(cell);
      if (Number.isNaN(n)) errors.push(`${at}: '${text}' is not a number`);
      return n;
    }
    case 'money':
      return { amount: text };
    case 'boolean':
      return ['true', 'yes', '1', '是'].includes(text.toLowerCase());
    case 'multi_select':
      return Array.isArray(cell)
        ? cell
        : text
            .split(';')
            .map((s) => s.trim())
            .filter(Boolean);
    case 'link': {
      const id = resolve.link(field.form, text);
      if (!id) errors.push(`${at}: no ${field.form} '${text}' loaded before`);
      return id;
    }
    case 'user': {
      const id = resolve.user(text);
      if (!id) errors.push(`${at}: no user '${text}'`);
      return id;
    }
    case 'line_items': {
      const rows = typeof cell === 'string' ? parseJson(cell, errors, at) : cell;
      if (!Array.isArray(rows)) {
        errors.push(`${at}: line items must be a JSON array of rows`);
        return undefined;
      }
      return rows.map((r, i) =>
        convert(field.fields, r as Record<string, unknown>, resolve, errors, `${at}[${i}].`),
      );
    }
    case 'json':
    case 'attachment':
      return typeof cell === 'string' ? parseJson(cell, errors, at) : cell;
    default:
      return cell;
  }
}

function parseJson(text: string, errors: string[], at: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    errors.push(`${at}: not valid JSON`);
    return undefined;
  }
}
