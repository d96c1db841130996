import {
  type Chart,
  ChartSchema,
  createAjv,
  findUnstorableText,
  type QueryModel,
  QuerySchema,
  translateErrors,
} from '@tessera/schema';
import type { ValidateFunction } from 'ajv';
import type { ReportIssue } from './report.error';

let validator: ValidateFunction | undefined;

/** The longest "last N units" range: a thousand years, so every date of it is a real one. */
const MAX_LAST = { days: 365_250, weeks: 52_000, months: 12_000, quarters: 4_000, years: 1_000 } as const;
let chartValidator: ValidateFunction | undefined;

export type QueryValidation =
  | { readonly ok: true; readonly value: QueryModel }
  | { readonly ok: false; readonly errors: readonly ReportIssue[] };

/**
 * Checks a query model's shape against the pack format (JSON Schema) and that its output keys
 * are unique. Whether fields exist is checked by the compiler against the form metadata.
 */
export function validateQuery(value: unknown): QueryValidation {
  validator ??= createAjv().compile(QuerySchema);
  if (!validator(value)) return { ok: false, errors: translateErrors(validator.errors ?? []) };
  const query = value as QueryModel;
  const errors: ReportIssue[] = [];
  const text = findUnstorableText(query, '', 'pointer');
  if (text) errors.push(text);
  const last = query.dateRange?.last;
  if (last && last.amount > MAX_LAST[last.unit])
    errors.push({
      path: '/dateRange/last/amount',
      message: `must be at most ${MAX_LAST[last.unit]} ${last.unit} (1000 years)`,
    });
  const seen = new Set<string>();
  const keys = [
    ...(query.dimensions ?? []).map((d, i) => ({ key: d.key, path: `/dimensions/${i}/key` })),
    ...(query.measures ?? []).map((m, i) => ({ key: m.key, path: `/measures/${i}/key` })),
  ];
  for (const { key, path } of keys) {
    if (seen.has(key)) errors.push({ path, message: `key "${key}" is used twice` });
    seen.add(key);
  }
  if (keys.length === 0)
    errors.push({ path: '', message: 'a query needs at least one dimension or measure' });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: query };
}

/** Checks a chart spec's shape against the pack format. */
export function validateChart(
  value: unknown,
):
  | { readonly ok: true; readonly value: Chart }
  | { readonly ok: false; readonly errors: readonly ReportIssue[] } {
  chartValidator ??= createAjv().compile(ChartSchema);
  if (!chartValidator(value)) return { ok: false, errors: translateErrors(chartValidator.errors ?? []) };
  return { ok: true, value: value as Chart };
}
