import { type FormDefinition, normaliseLabel } from '@tessera/schema';
import { LANGUAGES, type RowProblem, type SheetField } from '../model/sheet-types';

/** A column of the sheet bound to a field. */
export interface MappedColumn {
  readonly index: number;
  readonly header: string;
  readonly field: SheetField;
  /** Computed or read-only: read only as the duplicate key, never written. */
  readonly readOnly: boolean;
}

export interface ColumnMapping {
  readonly columns: readonly MappedColumn[];
  /** Headers that match no field (reported, their cells ignored). */
  readonly unknown: readonly string[];
  /** File-level problems (row 0): a required field without a column, a bad explicit mapping… */
  readonly problems: readonly RowProblem[];
  /** The key column, when `key` was given and found. */
  readonly key: MappedColumn | null;
}

const COMPUTED = new Set(['auto_number', 'formula', 'rollup', 'lookup']);

/** Whether the engine computes the field or users may not edit it. */
export function isReadOnlyField(field: SheetField): boolean {
  return COMPUTED.has(field.type) || field.readOnly === true;
}

/**
 * Binds headers to fields, pure. An explicit `mapping` (header → field key, or null to skip) wins;
 * otherwise a header matches a field by its key or its label in zh-CN or en, compared without case,
 * spaces and punctuation. Reported before any row is read: required fields with no column and no
 * default, a mapping naming no field, two columns for one field, a key that is not a column.
 */
export function planColumnMapping(
  form: FormDefinition,
  headers: readonly string[],
  options: { mapping?: Readonly<Record<string, string | null>>; key?: string } = {},
): ColumnMapping {
  const fields = form.fields.filter((f) => f.deleted !== true) as SheetField[];
  const byName = new Map<string, SheetField>();
  for (const field of fields) {
    for (const name of [field.key, ...LANGUAGES.map((l) => field.label[l])]) {
      if (name !== undefined && !byName.has(normaliseLabel(name))) byName.set(normaliseLabel(name), field);
    }
  }
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const explicit = new Map(Object.entries(options.mapping ?? {}).map(([h, k]) => [normaliseLabel(h), k]));
  const problems: RowProblem[] = [];
  const columns: MappedColumn[] = [];
  const unknown: string[] = [];
  const taken = new Map<string, string>();

  for (const [header, target] of Object.entries(options.mapping ?? {})) {
    if (target !== null && !byKey.has(target)) {
      problems.push(
        fileProblem(`the mapping sends column "${header}" to "${target}", which is no field`, target),
      );
    }
  }
  headers.forEach((raw, index) => {
    const header = raw.trim();
    if (header === '' || header.startsWith('#')) return; // blank or a comment column (#ref)
    const name = normaliseLabel(header);
    const field = explicit.has(name)
      ? explicit.get(name) === null
        ? undefined
        : byKey.get(explicit.get(name)!)
      : byName.get(name);
    if (explicit.has(name) && explicit.get(name) === null) return;
    if (!field) {
      unknown.push(header);
      return;
    }
    const first = taken.get(field.key);
    if (first !== undefined) {
      problems.push(
        fileProblem(`columns "${first}" and "${header}" both map to ${field.key}`, field.key, header),
      );
      return;
    }
    taken.set(field.key, header);
    columns.push({ index, header, field, readOnly: isReadOnlyField(field) });
  });

  for (const field of fields) {
    if (field.required === true && field.default === undefined && !isReadOnlyField(field)) {
      if (!taken.has(field.key)) {
        problems.push(fileProblem(`required field ${describe(field)} has no column`, field.key));
      }
    }
  }
  let key: MappedColumn | null = null;
  if (options.key !== undefined) {
    const field = byKey.get(options.key);
    key = columns.find((c) => c.field.key === options.key) ?? null;
    if (!field)
      problems.push(fileProblem(`the key "${options.key}" is no field of ${form.key}`, options.key));
    else if (!key) problems.push(fileProblem(`the key field ${describe(field)} has no column`, options.key));
    else if (field.type === 'line_items' || field.type === 'json' || field.type === 'attachment') {
      problems.push(fileProblem(`${describe(field)} cannot identify a record`, options.key));
    }
  }
  return { columns, unknown, problems, key };
}

function describe(field: SheetField): string {
  const label = field.label.en ?? field.label['zh-CN'];
  return label ? `"${label}" (${field.key})` : field.key;
}

function fileProblem(message: string, field: string | null, column: string | null = null): RowProblem {
  return { row: 0, column, field, message };
}
