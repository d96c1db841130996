import { type AutoNumberColumn, type FormGate, fieldColumns, recordTable } from '@tessera/forms';
import {
  type FieldDefinition,
  type FormDefinition,
  fieldTypeSpec,
  isComputedField,
  type SqlCell,
  sqlText,
} from '@tessera/schema';
import type { ColumnMapping, MappedColumn } from '../mapping/column-mapping.planner';
import type { DuplicateMode } from '../model/sheet-types';

/**
 * How a column's cells are checked and converted: `inline` on every row (over the window row
 * `w`: `w.c<index>`, trimmed `w.t<index>`), `distinct` once per distinct cell of a window (over
 * its look-up row `x`: `x.c`, `x.t`), `user` the same with the user it names as `x.u`.
 */
export type StagedCheck = 'inline' | 'distinct' | 'user';

/** One mapped, writable column as SQL over its staged cell (see StagedCheck). */
export interface StagedColumn {
  readonly column: MappedColumn;
  readonly check: StagedCheck;
  readonly cell: SqlCell;
  /** The field's default as SQL (value and jsonb), when it has one. */
  readonly fallback: { readonly value: string; readonly json: string } | null;
  readonly required: boolean;
  readonly unique: boolean;
  /** Hidden from or read-only for the importing user: only a blank cell is written here. */
  readonly denied: boolean;
}

/** What a set-based import of a form writes, as SQL text (pure data; staged-import.runner runs it). */
export interface StagedImportPlan {
  readonly table: string;
  readonly formKey: string;
  /** Staged cell columns: `c0 … c<width-1>` (the header's width). */
  readonly width: number;
  readonly columns: readonly StagedColumn[];
  /** Main-table columns not in the sheet, with what a new record gets (defaults, initial rollups). */
  readonly constants: readonly { readonly column: string; readonly value: string }[];
  /** Their `created` changes (fields with a default), as JSON text. */
  readonly constantChangesText: string;
  readonly numbers: readonly AutoNumberColumn[];
  /** The key column (text-valued), or null. */
  readonly key: StagedColumn | null;
  readonly duplicates: DuplicateMode;
}

export type StagedPlanResult =
  | { readonly ok: true; readonly plan: StagedImportPlan }
  | { readonly ok: false; readonly reason: string };

const UUID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

/**
 * Whether rows of this sheet can be moved set-based, and how: every mapped writable column has a
 * SQL cell in the registry (users by user name), defaults are constants, and the form has nothing
 * a record needs per-row JavaScript for (formulas, conditions, links, rollups over itself,
 * required line items). Pure; the reason says what made it fall back to the per-row path.
 */
export function planStagedImport(input: {
  readonly app: string;
  readonly form: FormDefinition;
  readonly formId: string;
  readonly mapping: ColumnMapping;
  readonly width: number;
  readonly actorId: string | null;
  readonly duplicates: DuplicateMode;
  /** The importing user's access to the form (undefined: none applies). */
  readonly gate?: FormGate;
}): StagedPlanResult {
  const { form, mapping, gate } = input;
  // refused as a whole by the records service, with its own message
  if (gate && !gate.can('create')) return no('the importing user may not create records');
  const live = form.fields.filter((f) => f.deleted !== true);
  for (const field of live) {
    if (field.type === 'formula') return no(`${field.key} is a formula`);
    if (field.type === 'link') return no(`${field.key} is a link`);
    if ('requiredWhen' in field && field.requiredWhen !== undefined)
      return no(`${field.key} has requiredWhen`);
    if ('visibleWhen' in field && field.visibleWhen !== undefined) return no(`${field.key} has visibleWhen`);
    if (field.type === 'line_items' && (field.minRows ?? 0) > 0) return no(`${field.key} needs rows`);
    if (field.type === 'rollup' && field.source.form === form.key)
      return no(`${field.key} rolls up its own form`);
  }
  const columns: StagedColumn[] = [];
  const mapped = new Set<string>();
  for (const column of mapping.columns) {
    if (column.readOnly) {
      if (column === mapping.key) return no('the key is read-only');
      continue;
    }
    const field = column.field as FieldDefinition;
    const checked = sqlCellOf(field, column.index);
    if (!checked) return no(`${field.key} (${field.type}) has no SQL cell`);
    const fallback = defaultOf(field, input.actorId);
    if (fallback === 'unsupported') return no(`${field.key} has a computed default`);
    columns.push({
      column,
      ...checked,
      fallback,
      required: field.required === true,
      unique: 'unique' in field && field.unique === true,
      denied: gate !== undefined && (gate.hidden.has(field.key) || gate.readOnly.has(field.key)),
    });
    mapped.add(field.key);
  }
  const key = mapping.key ? (columns.find((c) => c.column === mapping.key) ?? null) : null;
  if (mapping.key && (!key || !['text', 'phone', 'email', 'url'].includes(key.column.field.type)))
    return no('the key is not a text field');

  const constants: { column: string; value: string }[] = [];
  const changes: Record<string, unknown> = {};
  const numbers: AutoNumberColumn[] = [];
  for (const field of live) {
    if (field.type === 'line_items' || mapped.has(field.key)) continue;
    if (field.type === 'auto_number') {
      // gaps allowed: numbers from the field's sequence, which the records service resolves
      if (field.gaps === 'allowed') return no(`${field.key} numbers with gaps allowed`);
      numbers.push({
        formId: input.formId,
        fieldId: field.id,
        column: field.key,
        pattern: field.pattern,
        resetEvery: field.resetEvery,
      });
      continue;
    }
    if (field.type === 'rollup') {
      const start = field.aggregate === 'count' || field.aggregate === 'sum' ? '0' : 'null';
      constants.push({ column: field.key, value: start });
      continue;
    }
    if (isComputedField(field)) continue;
    const fallback = defaultOf(field, input.actorId);
    if (fallback === 'unsupported') return no(`${field.key} has a computed default`);
    for (const c of fieldColumns(field)) {
      if (c.role === 'currency')
        constants.push({
          column: c.name,
          value: fallback && field.type === 'money' ? sqlText(field.currency) : 'null',
        });
      else constants.push({ column: c.name, value: fallback ? fallback.value : 'null' });
    }
    if (fallback) changes[field.key] = { old: null, new: fallback.api };
  }
  return {
    ok: true,
    plan: {
      table: rawText(recordTable(input.app, form.key)),
      formKey: form.key,
      width: input.width,
      columns,
      constants,
      constantChangesText: JSON.stringify(changes),
      numbers,
      key,
      duplicates: input.duplicates,
    },
  };
}

const no = (reason: string): StagedPlanResult => ({ ok: false, reason });

/** The staged cell of column `index` as the registry's SQL, and where it is checked (see StagedCheck). */
function sqlCellOf(field: FieldDefinition, index: number): { check: StagedCheck; cell: SqlCell } | null {
  if (field.type === 'user') {
    if (field.multiple === true) return null;
    // a user name (as the per-row path resolves it, user names first) or an existing user's id: userLookup
    return {
      check: 'user',
      cell: { accept: 'x.u is not null', value: 'x.u', json: 'to_jsonb(x.u::text)' },
    };
  }
  const spec = fieldTypeSpec(field);
  const distinct = spec.sqlCell?.(field as never, { text: 'x.t', raw: 'x.c' }) ?? null;
  if (!distinct) return null;
  if (distinct.inline !== true) return { check: 'distinct', cell: distinct };
  const inline = spec.sqlCell?.(field as never, { text: `w.t${index}`, raw: `w.c${index}` }) ?? null;
  return inline ? { check: 'inline', cell: inline } : null;
}

/**
 * The distinct cells `s` (`c`, `t`) of a user column with the user each names as `u`: by user
 * name (as the per-row path resolves it, user names first; unique in any case) or an existing
 * user's id.
 */
export function userLookup(cells: string): string {
  return `(select s.c, s.t, coalesce(un.id, ui.id) as u from ${cells} s
    left join tessera.users un on lower(un.username) = lower(s.t)
    left join tessera.users ui on ui.id = (case when length(s.t) = 36 and s.t ~ ${sqlText(UUID)} then s.t::uuid end))`;
}

/** A field's default as SQL, null when it has none, 'unsupported' when it is computed per record. */
function defaultOf(
  field: FieldDefinition,
  actorId: string | null,
): { value: string; json: string; api: unknown } | null | 'unsupported' {
  if (!('default' in field) || field.default === undefined || field.default === null) return null;
  const value: unknown = field.default;
  if (typeof value === 'object' && value !== null && 'expr' in value) {
    const expr = (value as { expr: unknown }).expr;
    const isUser = JSON.stringify(expr) === JSON.stringify({ var: '$user.id' });
    if (!isUser) return 'unsupported';
    if (actorId === null) return null;
    return { value: `${sqlText(actorId)}::uuid`, json: `to_jsonb(${sqlText(actorId)}::text)`, api: actorId };
  }
  if (field.type === 'money') {
    const amount = String(value);
    const api = { amount, currency: field.currency };
    return { value: `${sqlText(amount)}::numeric`, json: `${sqlText(JSON.stringify(api))}::jsonb`, api };
  }
  if (typeof value === 'string')
    return { value: sqlText(value), json: `to_jsonb(${sqlText(value)}::text)`, api: value };
  if (typeof value === 'number' && Number.isFinite(value))
    return { value: String(value), json: `to_jsonb(${String(value)}::numeric)`, api: value };
  if (typeof value === 'boolean')
    return { value: String(value), json: `to_jsonb(${String(value)})`, api: value };
  return 'unsupported';
}

/** The main-table column names a staged column fills, with their SQL over the accepted row `a`. */
export function columnValues(c: StagedColumn): { column: string; value: string }[] {
  const field = c.column.field;
  const k = c.column.index;
  const out = [{ column: field.key, value: `a.v${k}` }];
  for (const [suffix, _sql] of Object.entries(c.cell.extra ?? {})) {
    const currency = fieldColumns(field).find((col) => col.role === 'currency');
    const name = suffix === '__currency' && currency ? currency.name : `${field.key}${suffix}`;
    out.push({ column: name, value: `a.x${k}_${out.length}` });
  }
  return out;
}

/** The text of a parameterless raw SQL fragment (a table name of recordTable). */
function rawText(fragment: { toOperationNode(): { sqlFragments: readonly string[] } }): string {
  return fragment.toOperationNode().sqlFragments.join('');
}
