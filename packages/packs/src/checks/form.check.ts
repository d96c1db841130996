import { fieldExpressionErrors } from '@tessera/forms';
import type { FieldDefinition, FieldOfType, FieldType, FormDefinition } from '@tessera/schema';
import type { PackDocument } from '../model/pack.js';
import {
  type CheckContext,
  checkFieldRef,
  checkFormRef,
  type ErrorSink,
  type Report,
} from './check-context.js';

/** Where a field's references are checked: `prefix` is '<line items key>.' inside a row, else ''. */
interface FieldAt {
  readonly ctx: CheckContext;
  readonly report: Report;
  readonly form: string;
  readonly prefix: string;
  readonly at: string;
}

type FieldReferences<T extends FieldType> = (where: FieldAt, field: FieldOfType<T>) => void;

const none = (): void => {};

/** What each field type names that must exist (a table, so a new type must say). */
const FIELD_REFERENCES: { readonly [T in FieldType]: FieldReferences<T> } = {
  text: none,
  long_text: none,
  rich_text: none,
  number: none,
  integer: none,
  money: none,
  percent: none,
  rating: none,
  boolean: none,
  date: none,
  datetime: none,
  single_select: none,
  multi_select: none,
  user: none,
  department: none,
  role: none,
  link: ({ ctx, report, at }, field) => {
    checkFormRef(ctx, report, `${at}/form`, field.form);
  },
  line_items: ({ ctx, report, form, prefix, at }, field) => {
    checkFields(
      ctx,
      report,
      form,
      `${prefix}${field.key}.`,
      `${at}/fields`,
      field.fields as readonly FieldDefinition[],
    );
  },
  auto_number: none,
  formula: none,
  rollup: ({ ctx, report, form, at }, field) => {
    if (!checkFormRef(ctx, report, `${at}/source/form`, field.source.form)) return;
    const link = checkFieldRef(ctx, report, `${at}/source/link`, field.source.form, field.source.link, [
      'link',
    ]);
    if (link?.form && link.form !== form) {
      report(
        `${at}/source/link`,
        `'${field.source.form}.${field.source.link}' links to form '${link.form}', not to '${form}'`,
        'invalid_reference',
      );
    }
    if (field.field) checkFieldRef(ctx, report, `${at}/field`, field.source.form, field.field);
  },
  lookup: ({ ctx, report, form, prefix, at }, field) => {
    if (checkFieldRef(ctx, report, `${at}/link`, form, `${prefix}${field.link}`, ['link'])?.type === 'link') {
      checkFieldRef(ctx, report, `${at}/field`, form, `${prefix}${field.link}.${field.field}`);
    }
  },
  email: none,
  phone: none,
  url: none,
  attachment: none,
  json: none,
};

/** `prefix` is '' for the form's fields, '<line items key>.' for the fields of a row. */
function checkFields(
  ctx: CheckContext,
  report: Report,
  form: string,
  prefix: string,
  path: string,
  fields: readonly FieldDefinition[],
) {
  const keys = new Map<string, number>();
  const ids = new Map<string, number>();
  fields.forEach((field, i) => {
    const at = `${path}/${i}`;
    if (keys.has(field.key))
      report(
        `${at}/key`,
        `duplicate field key '${field.key}' (also ${path}/${keys.get(field.key)})`,
        'duplicate_key',
      );
    if (ids.has(field.id))
      report(
        `${at}/id`,
        `duplicate field id '${field.id}' (also ${path}/${ids.get(field.id)})`,
        'duplicate_key',
      );
    keys.set(field.key, i);
    ids.set(field.id, i);
    for (const e of fieldExpressionErrors(field, at)) report(e.path, e.message, 'invalid_definition');
    if (field.defaultFrom) checkDefaultFrom({ ctx, report, form, prefix, at }, field);
    (FIELD_REFERENCES[field.type] as FieldReferences<FieldType>)(
      { ctx, report, form, prefix, at },
      field as never,
    );
  });
}

/**
 * `defaultFrom` names a field of the linked form that holds the same kind of value: the same type
 * (a lookup or formula by the type it yields), and for money the same currency.
 */
function checkDefaultFrom({ ctx, report, form, prefix, at }: FieldAt, field: FieldDefinition) {
  const from = field.defaultFrom!;
  const link = checkFieldRef(ctx, report, `${at}/defaultFrom/link`, form, `${prefix}${from.link}`, ['link']);
  if (link?.type !== 'link') return;
  const source = checkFieldRef(
    ctx,
    report,
    `${at}/defaultFrom/field`,
    form,
    `${prefix}${from.link}.${from.field}`,
  );
  if (!source || source.valueType === undefined) return;
  const currency = (f: unknown) => (f as { currency?: string } | undefined)?.currency;
  if (source.valueType !== field.type)
    report(
      `${at}/defaultFrom/field`,
      `'${from.field}' holds ${source.valueType} values; '${field.key}' is ${field.type}`,
      'invalid_reference',
    );
  else if (field.type === 'money' && currency(source.definition) !== currency(field))
    report(
      `${at}/defaultFrom/field`,
      `'${from.field}' is money in ${currency(source.definition)}; '${field.key}' is in ${currency(field)}`,
      'invalid_reference',
    );
}

/** Unique field keys and ids; links, lookups and rollups name forms and fields that exist; expressions compile. */
export function checkForm(ctx: CheckContext, sink: ErrorSink, doc: PackDocument<FormDefinition>): void {
  checkFields(ctx, sink.at(doc), doc.value.key, '', '/fields', doc.value.fields);
}
