import type { FormDefinition } from '@tessera/schema';
import type { SheetField } from '../model/sheet-types';

/** Published definitions by form key (what the export has loaded). */
export type FormLookup = (key: string) => FormDefinition | undefined;

function liveField(form: FormDefinition | undefined, key: string): SheetField | undefined {
  return form?.fields.find((f) => f.key === key && f.deleted !== true) as SheetField | undefined;
}

/**
 * The field of the linked form a lookup shows (`customer.credit_level` for an order's credit
 * level), or undefined when its link or source is gone. A lookup of a lookup is not followed: the
 * records service reads no value for it either.
 */
export function lookupSource(
  field: SheetField,
  fields: readonly SheetField[],
  formOf: FormLookup,
): SheetField | undefined {
  if (field.type !== 'lookup') return undefined;
  const link = fields.find((f) => f.key === field.link && f.deleted !== true);
  if (link?.type !== 'link') return undefined;
  const source = liveField(formOf(link.form), field.field);
  return source && source.type !== 'lookup' ? source : undefined;
}

/**
 * The field whose cell codec writes a column: a lookup is written as its source field writes it
 * (an option's label, a user's name, money with its currency, the linked record's title), so an
 * export shows what the list shows; every other field as itself.
 */
export function cellFieldOf(
  field: SheetField,
  fields: readonly SheetField[],
  formOf: FormLookup,
): SheetField {
  return lookupSource(field, fields, formOf) ?? field;
}

/**
 * Every form whose definition an export of `form` needs, loaded through `load`: the targets of its
 * links (their title names a linked record), of the links its lookups read through (the source
 * field), and of a looked-up link (the title of the record it points to). Unpublished ones are left out.
 */
export async function exportForms(
  form: FormDefinition,
  load: (key: string) => Promise<FormDefinition | undefined>,
): Promise<Map<string, FormDefinition>> {
  const forms = new Map<string, FormDefinition>();
  const need = async (key: string) => {
    if (forms.has(key)) return;
    const definition = await load(key);
    if (definition) forms.set(key, definition);
  };
  const fields = form.fields.filter((f) => f.deleted !== true) as SheetField[];
  for (const field of fields) if (field.type === 'link') await need(field.form);
  for (const field of fields) {
    const source = lookupSource(field, fields, (key) => forms.get(key));
    if (source?.type === 'link') await need(source.form);
  }
  return forms;
}
