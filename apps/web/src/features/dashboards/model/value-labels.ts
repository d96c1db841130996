import type { AnyField } from '@tessera/logic/browser';
import type { QueryModel } from '@tessera/schema';
import type { ResultColumn } from '../../../api/reports.api';
import type { Locale } from '../../../i18n/namespaces';
import { type PackLabel, pickLabel } from '../../../i18n/use-locale';
import { formatDate } from '../../../shared/format';
import { type FormLookup, resolveFieldPath } from './field-path.resolver';

type Dimension = NonNullable<QueryModel['dimensions']>[number];

export interface ValueWords {
  readonly empty: string;
  readonly yes: string;
  readonly no: string;
  readonly quarter: (year: string, quarter: number) => string;
}

/** A select field's stored values → their labels in the UI's language. */
function optionLabels(field: AnyField | undefined, locale: Locale): Map<string, string> | null {
  if (!field || (field.type !== 'single_select' && field.type !== 'multi_select')) return null;
  const options = ('options' in field ? field.options : []) as readonly {
    value: string;
    label?: PackLabel;
  }[];
  return new Map(options.map((o) => [o.value, pickLabel(o.label, locale, o.value)]));
}

function bucketLabel(bucket: Dimension['bucket'], value: string, locale: Locale): string {
  const [y = '', m = '1'] = value.split('-');
  switch (bucket) {
    case 'month':
      return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(
        new Date(Date.UTC(Number(y), Number(m) - 1, 1)),
      );
    case 'year':
      return y;
    case 'hour':
      return value.replace('T', ' ');
    default:
      return formatDate(value, locale);
  }
}

/** A cases dimension's group labels: the result's metadata, else the query model's branches. */
function caseLabels(dim: Dimension | undefined, column: ColumnNames | undefined): Map<string, PackLabel> {
  const out = new Map<string, PackLabel>();
  for (const [value, label] of Object.entries(column?.valueLabels ?? {})) out.set(value, label);
  for (const c of dim?.cases ?? []) if (c.label && !out.has(c.value)) out.set(c.value, c.label);
  if (dim?.else !== undefined && dim.elseLabel && !out.has(dim.else)) out.set(dim.else, dim.elseLabel);
  return out;
}

/** What the server attached to a dimension column for display: user names, case labels. */
export type ColumnNames = Pick<ResultColumn, 'names' | 'valueLabels'>;

/**
 * How a dimension's values read on screen: option labels of select fields (not their stored
 * values), case groups by their labels, months and quarters in the UI's language, yes/no for
 * conditions, a word for "no value". User and department dimensions keep the display names the
 * server attached (`names`). The values themselves stay keys, so drill-downs still filter by them.
 */
export function dimensionLabeller(
  query: QueryModel,
  key: string,
  forms: FormLookup,
  locale: Locale,
  words: ValueWords,
  column?: ColumnNames,
): (value: unknown) => string {
  const dim = query.dimensions?.find((d) => d.key === key);
  const field = dim?.field ? resolveFieldPath(query, dim.field, forms) : undefined;
  const options = optionLabels(field, locale);
  const cases = caseLabels(dim, column);
  const names = column?.names;
  return (value) => {
    if (value === null || value === undefined || value === '') return words.empty;
    if (typeof value === 'boolean') return value ? words.yes : words.no;
    const text = String(value);
    if (names && Object.hasOwn(names, text)) return names[text] as string;
    if (cases.has(text)) return pickLabel(cases.get(text), locale, text);
    if (options?.has(text)) return options.get(text) as string;
    if (dim?.bucket === 'quarter') {
      const [y = '', m = '1'] = text.split('-');
      return words.quarter(y, Math.floor((Number(m) - 1) / 3) + 1);
    }
    if (dim?.bucket) return bucketLabel(dim.bucket, text, locale);
    if (field?.type === 'date') return formatDate(text, locale);
    return text;
  };
}

/** A measure's or dimension's label from the query model, else its key. */
export function columnLabel(query: QueryModel | undefined, key: string, locale: Locale): string {
  const column = query?.measures?.find((m) => m.key === key) ?? query?.dimensions?.find((d) => d.key === key);
  return pickLabel(column?.label, locale, key);
}
