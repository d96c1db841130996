/**
 * How a value displays: the web app picks its renderer by `format`, exports format cells by
 * it, and `align` is the column's alignment in lists. Labels of values (options, users, linked
 * records) come from the form and the server; the words here are the type's own.
 */
export const DISPLAY_FORMATS = [
  'text',
  'multiline',
  'rich_text',
  'email',
  'phone',
  'url',
  'number',
  'integer',
  'money',
  'percent',
  'rating',
  'boolean',
  'date',
  'datetime',
  'option',
  'options',
  'user',
  'department',
  'role',
  'link',
  'rows',
  'code',
  'files',
  'json',
] as const;
export type DisplayFormat = (typeof DISPLAY_FORMATS)[number];

export interface FieldDisplay {
  readonly format: DisplayFormat;
  readonly align: 'left' | 'right' | 'center';
}

/** Yes / no in each language (boolean values in lists and exports). */
export const YES_NO = {
  en: ['Yes', 'No'],
  'zh-CN': ['是', '否'],
} as const satisfies Record<'en' | 'zh-CN', readonly [string, string]>;
