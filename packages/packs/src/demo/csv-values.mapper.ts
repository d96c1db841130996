import {
  type FieldDefinition,
  type FieldOfType,
  type FieldType,
  type FormDefinition,
  isComputedField,
} from '@tessera/schema';

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
    if (raw === undefined || raw === null || raw === '' || isComputedField(field)) continue;
    const cell = typeof raw === 'string' ? raw.trim() : raw;
    const value = convertCell(field, cell, resolve, errors, `${at}${field.key}`);
    if (value !== undefined) values[field.key] = value;
  }
  return values;
}

interface CellAt {
  readonly resolve: CsvResolver;
  readonly errors: string[];
  /** The cell's path for messages ("items[0].qty"). */
  readonly at: string;
}

type CsvCell<T extends FieldType> = (field: FieldOfType<T>, cell: unknown, where: CellAt) => unknown;

const asIs = (_field: FieldDefinition, cell: unknown): unknown => cell;

const numeric = (_field: FieldDefinition, cell: unknown, { errors, at }: CellAt): unknown => {
  const n = Number(cell);
  if (Number.isNaN(n)) errors.push(`${at}: '${String(cell)}' is not a number`);
  return n;
};

const json = (_field: FieldDefinition, cell: unknown, { errors, at }: CellAt): unknown =>
  typeof cell === 'string' ? parseJson(cell, errors, at) : cell;

/** Computed fields are left out before a cell is converted; their entries are never called. */
const computed = (): unknown => undefined;

/** How a demo CSV cell becomes the value of each field type (a table, so a new type must say). */
const CSV_CELLS: { readonly [T in FieldType]: CsvCell<T> } = {
  text: asIs,
  long_text: asIs,
  rich_text: asIs,
  number: numeric,
  integer: numeric,
  money: (_f, cell) => ({ amount: String(cell) }),
  percent: numeric,
  rating: numeric,
  boolean: (_f, cell) => ['true', 'yes', '1', '是'].includes(String(cell).toLowerCase()),
  date: asIs,
  datetime: asIs,
  single_select: asIs,
  multi_select: (_f, cell) =>
    Array.isArray(cell)
      ? cell
      : String(cell)
          .split(';')
          .map((s) => s.trim())
          .filter(Boolean),
  user: (_f, cell, { resolve, errors, at }) => {
    const id = resolve.user(String(cell));
    if (!id) errors.push(`${at}: no user '${String(cell)}'`);
    return id;
  },
  department: asIs,
  role: asIs,
  link: (field, cell, { resolve, errors, at }) => {
    const id = resolve.link(field.form, String(cell));
    if (!id) errors.push(`${at}: no ${field.form} '${String(cell)}' loaded before`);
    return id;
  },
  line_items: (field, cell, { resolve, errors, at }) => {
    const rows = typeof cell === 'string' ? parseJson(cell, errors, at) : cell;
    if (!Array.isArray(rows)) {
      errors.push(`${at}: line items must be a JSON array of rows`);
      return undefined;
    }
    return rows.map((r, i) =>
      convert(field.fields, r as Record<string, unknown>, resolve, errors, `${at}[${i}].`),
    );
  },
  auto_number: computed,
  formula: computed,
  rollup: computed,
  lookup: computed,
  email: asIs,
  phone: asIs,
  url: asIs,
  attachment: json,
  json,
};

function convertCell(
  field: FieldDefinition,
  cell: unknown,
  resolve: CsvResolver,
  errors: string[],
  at: string,
): unknown {
  return (CSV_CELLS[field.type] as CsvCell<FieldType>)(field as never, cell, { resolve, errors, at });
}

function parseJson(text: string, errors: string[], at: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    errors.push(`${at}: not valid JSON`);
    return undefined;
  }
}
