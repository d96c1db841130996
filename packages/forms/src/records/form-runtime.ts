import { compileTableLogic, type FieldLogic, type TableLogic } from '@tessera/logic';
import { createAjv, type FormDefinition, recordValueSchema } from '@tessera/schema';
import type { ValidateFunction } from 'ajv';
import type { TableModel } from '../tables/table-model';
import { formTableModel } from '../tables/table-model.mapper';
import { type LineItemsField, liveFields } from './record-field';

/** The compiled rules of one field: conditions, default, formula (shared with the browser). */
export type FieldRuntime = FieldLogic;

/** The compiled rules of a table (the form, or one line-items field's rows). */
export type TableRuntime = TableLogic;

/**
 * Everything the records engine needs about one published form version, built once and cached:
 * the definition, its physical model, the ajv validator of its record shape (generated from the
 * definition) and every JSON-Logic expression compiled (conditions, defaults, formulas).
 */
export interface FormRuntime {
  readonly appKey: string;
  /**
   * The app state this runtime was loaded with (set by the repository): writes and reads compare
   * `fingerprint` with the database inside their own statement, so a runtime cached by this
   * process is never used against a newer published version (see form-runtime.repository).
   */
  readonly app?: AppStamp;
  readonly formId: string;
  readonly versionId: string;
  readonly version: number;
  readonly definition: FormDefinition;
  readonly model: TableModel;
  readonly shape: ValidateFunction;
  readonly main: TableRuntime;
  /** Per line-items field key: the rows' rules and child table. */
  readonly lineItems: ReadonlyMap<
    string,
    { readonly field: LineItemsField; readonly rows: TableRuntime; readonly table: TableModel }
  >;
}

/** Which app (id) and which published state of all its forms (an md5 over form id @ version). */
export interface AppStamp {
  readonly id: string;
  readonly fingerprint: string;
}

let ajv: ReturnType<typeof createAjv> | undefined;
const cache = new Map<string, FormRuntime>();
const CACHE_LIMIT = 500;

/** The cached runtime of a published version, if built already. */
export function cachedRuntime(versionId: string): FormRuntime | undefined {
  return cache.get(versionId);
}

/** The runtime of a published version (by its row id, which never changes meaning). */
export function formRuntime(input: {
  appKey: string;
  formId: string;
  versionId: string;
  version: number;
  definition: FormDefinition;
}): FormRuntime {
  const cached = cache.get(input.versionId);
  if (cached) return cached;
  const built = buildRuntime(input);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(input.versionId, built);
  return built;
}

function buildRuntime(input: Parameters<typeof formRuntime>[0]): FormRuntime {
  ajv ??= createAjv();
  const model = formTableModel(input.appKey, input.definition);
  const lineItems = new Map<string, { field: LineItemsField; rows: TableRuntime; table: TableModel }>();
  for (const field of liveFields(input.definition.fields)) {
    if (field.type !== 'line_items') continue;
    const table = model.children.find((c) => c.fieldId === field.id);
    if (table) lineItems.set(field.key, { field, rows: compileTableLogic(field.fields), table });
  }
  return {
    ...input,
    model,
    shape: ajv.compile(recordValueSchema(input.definition.fields)),
    main: compileTableLogic(input.definition.fields),
    lineItems,
  };
}
