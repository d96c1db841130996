import type { FieldDefinition, FormDefinition } from '@tessera/schema';
import type { PackDocument } from '../model/pack.js';
import {
  type CheckContext,
  checkFieldRef,
  checkFormRef,
  type ErrorSink,
  type Report,
} from './check-context.js';

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
    switch (field.type) {
      case 'link':
        checkFormRef(ctx, report, `${at}/form`, field.form);
        break;
      case 'lookup':
        if (
          checkFieldRef(ctx, report, `${at}/link`, form, `${prefix}${field.link}`, ['link'])?.type === 'link'
        ) {
          checkFieldRef(ctx, report, `${at}/field`, form, `${prefix}${field.link}.${field.field}`);
        }
        break;
      case 'rollup': {
        if (!checkFormRef(ctx, report, `${at}/source/form`, field.source.form)) break;
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
        break;
      }
      case 'line_items':
        checkFields(
          ctx,
          report,
          form,
          `${prefix}${field.key}.`,
          `${at}/fields`,
          field.fields as readonly FieldDefinition[],
        );
        break;
      default:
        break;
    }
  });
}

/** Unique field keys and ids; links, lookups and rollups name forms and fields that exist. */
export function checkForm(ctx: CheckContext, sink: ErrorSink, doc: PackDocument<FormDefinition>): void {
  checkFields(ctx, sink.at(doc), doc.value.key, '', '/fields', doc.value.fields);
}
