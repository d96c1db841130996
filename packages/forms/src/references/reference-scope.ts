import {
  type FieldDefinition,
  type FieldOfType,
  type FieldType,
  type FormDefinition,
  type Messaging,
  rollupResultType,
} from '@tessera/schema';
import { SYSTEM_COLUMN_SPECS } from '../tables/system-columns';

/** Why a reference is wrong (the pack format's error codes; the engines report path + message). */
export type ReferenceIssueCode = 'unresolved_reference' | 'invalid_reference' | 'invalid_definition';

/** Where a check reports: a JSON pointer inside the definition, a message, a code. */
export type ReferenceReport = (path: string, message: string, code?: ReferenceIssueCode) => void;

/** The part of a field the reference checks need (a form field or a line-item field). */
export interface FieldInfo {
  readonly key: string;
  readonly type: string;
  /**
   * The type of the value, for type checks: the field type, or what a formula / rollup computes,
   * or what a lookup reads; undefined when it cannot be told (a lookup into an unreadable form).
   */
  readonly valueType: string | undefined;
  /** The field's definition (absent for system columns). */
  readonly definition?: FieldDefinition;
  /** link: the linked form. */
  readonly form?: string;
  /** line_items: the fields of a row. */
  readonly fields?: ReadonlyMap<string, FieldInfo>;
}

/** Things definitions name besides forms and fields. */
export type NamedKind = 'form' | 'flow' | 'report' | 'dashboard' | 'role';

/**
 * What the reference checks know of an app: the forms of a pack being validated, or the forms
 * published in the app an engine saves a definition into. The same checks run on both, so a pack
 * that validates is a pack whose engines accept it.
 */
export interface ReferenceScope {
  /** form key → its fields, or undefined when the form exists but cannot be read (an invalid pack file). */
  readonly forms: ReadonlyMap<string, ReadonlyMap<string, FieldInfo> | undefined>;
  /** Known keys of flows, reports, dashboards and roles; undefined: cannot tell (not checked). */
  readonly named: Partial<Record<Exclude<NamedKind, 'form'>, ReadonlySet<string>>>;
  /** The end of a message about a missing thing: "the pack has no forms/x.json". */
  missing(what: NamedKind, key: string): string;
  /** The app's messengers (pack.json `messaging`) that `via` may name; undefined: cannot tell (not checked). */
  readonly messaging?: Messaging;
}

/** Columns every form table has; they may be named in paths like any field. */
const system = (key: string, type: string): FieldInfo => ({ key, type, valueType: type });
const SYSTEM_FIELDS: readonly FieldInfo[] = Object.entries(SYSTEM_COLUMN_SPECS).flatMap(([key, spec]) =>
  'sqlValue' in spec ? [system(key, spec.valueType)] : [],
);
const ROW_SYSTEM_FIELDS: readonly FieldInfo[] = [system('id', 'uuid')];

/** What a field's value is: its type, or what a computed field yields (lookups: see below). */
const OWN_VALUE_TYPE: { readonly [T in FieldType]: (field: FieldOfType<T>) => string | undefined } = {
  text: (f) => f.type,
  long_text: (f) => f.type,
  rich_text: (f) => f.type,
  number: (f) => f.type,
  integer: (f) => f.type,
  money: (f) => f.type,
  percent: (f) => f.type,
  rating: (f) => f.type,
  boolean: (f) => f.type,
  date: (f) => f.type,
  datetime: (f) => f.type,
  single_select: (f) => f.type,
  multi_select: (f) => f.type,
  user: (f) => f.type,
  department: (f) => f.type,
  role: (f) => f.type,
  link: (f) => f.type,
  line_items: (f) => f.type,
  auto_number: () => 'text',
  formula: (f) => f.resultType,
  rollup: (f) => rollupResultType(f),
  lookup: () => undefined,
  email: (f) => f.type,
  phone: (f) => f.type,
  url: (f) => f.type,
  attachment: (f) => f.type,
  json: (f) => f.type,
};

function ownValueType(field: FieldDefinition): string | undefined {
  return (OWN_VALUE_TYPE[field.type] as (f: FieldDefinition) => string | undefined)(field);
}

function fieldMap(fields: readonly FieldInfo[], systemFields: readonly FieldInfo[]) {
  return new Map([...systemFields, ...fields].map((f) => [f.key, f]));
}

function fieldInfo(field: FieldDefinition, valueType = ownValueType(field)): FieldInfo {
  return {
    key: field.key,
    type: field.type,
    valueType,
    definition: field,
    ...(field.type === 'link' ? { form: field.form } : {}),
    ...(field.type === 'line_items'
      ? {
          fields: fieldMap(
            liveFields(field.fields).map((f) => fieldInfo(f)),
            ROW_SYSTEM_FIELDS,
          ),
        }
      : {}),
  };
}

function liveFields(fields: readonly FieldDefinition[]): FieldDefinition[] {
  return fields.filter((f) => f.deleted !== true);
}

/** A lookup reads the value of the linked form's field: its value type is that field's. */
function lookupValueType(
  definitions: ReadonlyMap<string, FormDefinition | undefined>,
  form: FormDefinition,
  field: FieldDefinition,
): string | undefined {
  if (field.type !== 'lookup') return ownValueType(field);
  const link = form.fields.find((f) => f.key === field.link && f.deleted !== true);
  if (link?.type !== 'link') return undefined;
  const target = definitions.get(link.form);
  const read = target?.fields.find((f) => f.key === field.field && f.deleted !== true);
  // A lookup of a lookup is not followed further (it would have no column to read).
  return read && read.type !== 'lookup' ? ownValueType(read) : undefined;
}

/**
 * The scope of a set of forms (key → definition, undefined for a form that exists but cannot be
 * read), with what is known of flows, reports, dashboards and roles.
 */
export function referenceScope(
  forms: Iterable<readonly [string, FormDefinition | undefined]>,
  options: Pick<ReferenceScope, 'named' | 'missing' | 'messaging'>,
): ReferenceScope {
  const definitions = new Map(forms);
  const fieldMaps = new Map<string, ReadonlyMap<string, FieldInfo> | undefined>();
  for (const [key, form] of definitions) {
    fieldMaps.set(
      key,
      form &&
        fieldMap(
          liveFields(form.fields).map((f) => fieldInfo(f, lookupValueType(definitions, form, f))),
          SYSTEM_FIELDS,
        ),
    );
  }
  return {
    forms: fieldMaps,
    named: options.named,
    missing: options.missing,
    ...(options.messaging ? { messaging: options.messaging } : {}),
  };
}
