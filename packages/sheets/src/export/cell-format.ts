import { type FormDefinition, type LabelLanguage, type OutCell, writeCell } from '@tessera/schema';
import { displayField } from '../import/identifying-fields';
import type { SheetField } from '../model/sheet-types';

export interface FormatContext {
  readonly lang: LabelLanguage;
  readonly timeZone: string;
  /** User id → the name people know them by. */
  readonly userName: (id: string) => string | undefined;
  /** A linked form's definition (its display field names linked records). */
  readonly formOf: (key: string) => FormDefinition | undefined;
  /** A linked record's title by form and id, when the export read it (a looked-up link's target). */
  readonly recordTitle?: (form: string, id: string) => string | undefined;
}

export type { OutCell };

/**
 * An API value as a person reads it, pure, and so that importing it gives the value back (each
 * field type's cell codec in the registry writes it): option labels, user names, the linked
 * record's title, money with its currency, dates as YYYY-MM-DD, datetimes as wall-clock time in
 * the platform's zone, percentages as "12.5%", yes/no in the language; line items and JSON as
 * JSON text.
 */
export function formatCell(field: SheetField, value: unknown, ctx: FormatContext): OutCell {
  return writeCell(field, value, {
    lang: ctx.lang,
    timeZone: ctx.timeZone,
    userName: ctx.userName,
    linkTitle: (form, linked) => linkTitle(form, linked, ctx),
  });
}

export function fieldLabel(field: SheetField, lang: LabelLanguage): string {
  return field.label[lang] ?? field.label.en ?? field.label['zh-CN'] ?? field.key;
}

function linkTitle(formKey: string, value: unknown, ctx: FormatContext): string {
  if (typeof value === 'string') return ctx.recordTitle?.(formKey, value) ?? value;
  const record = value as Record<string, unknown>;
  const form = ctx.formOf(formKey);
  const title = form ? displayField(form) : undefined;
  const shown = title ? record[title.key] : undefined;
  return typeof shown === 'string' && shown !== '' ? shown : String(record.id);
}
