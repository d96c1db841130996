import type { Chart, QueryModel } from '@tessera/schema';
import {
  type CheckContext,
  checkFieldRef,
  checkFormRef,
  DATE_TYPES,
  type FieldInfo,
  NUMBER_TYPES,
  type Report,
} from './check-context.js';

/** Averages and percentiles also of ratings (a sum of stars means nothing: the registry allows none). */
const AVERAGED_TYPES: readonly string[] = [...NUMBER_TYPES, 'rating'];

/** What the rest of a document may name from a query: its output columns. */
export interface QueryOutputs {
  readonly source: string | undefined;
  readonly dimensions: ReadonlySet<string>;
  readonly measures: ReadonlySet<string>;
  /** Resolves a field path of this query (through a join alias or from the source). */
  readonly field: (
    report: Report,
    path: string,
    fieldPath: string,
    types?: readonly string[],
  ) => FieldInfo | undefined;
}

/**
 * Checks a query model at `path` of a report or dashboard: the source form, joins, every field
 * path, and that sort / pivot / ratio keys name its dimensions and measures.
 */
export function checkQuery(ctx: CheckContext, report: Report, path: string, query: QueryModel): QueryOutputs {
  const source = checkFormRef(ctx, report, `${path}/source`, query.source) ? query.source : undefined;
  /** join alias → the form (key) or line items (field) its paths continue in. */
  const aliases = new Map<string, { form: string; prefix: string } | undefined>();

  /** With a stage, the query's own paths may name the stage's output keys. */
  const stageKeys = new Set<string>();
  const field: QueryOutputs['field'] = (rep, at, fieldPath, types) => {
    if (!source) return undefined;
    const [head, ...rest] = fieldPath.split('.');
    if (stageKeys.has(fieldPath)) return undefined;
    if (aliases.has(head!)) {
      const alias = aliases.get(head!);
      if (!alias || rest.length === 0) return undefined;
      return checkFieldRef(
        ctx,
        rep,
        at,
        alias.form,
        [alias.prefix, ...rest].filter(Boolean).join('.'),
        types,
      );
    }
    return checkFieldRef(ctx, rep, at, source, fieldPath, types);
  };

  query.joins?.forEach((join, i) => {
    const at = `${path}/joins/${i}`;
    if (aliases.has(join.as)) report(`${at}/as`, `duplicate join alias '${join.as}'`, 'duplicate_key');
    const forward = join.path !== undefined;
    const reverse = join.form !== undefined || join.link !== undefined;
    if (forward === reverse || (reverse && (join.form === undefined || join.link === undefined))) {
      report(at, "a join needs either 'path' or both 'form' and 'link'", 'invalid_definition');
      aliases.set(join.as, undefined);
      return;
    }
    if (join.path !== undefined) {
      const target = field(report, `${at}/path`, join.path, ['link', 'line_items']);
      if (target?.type === 'link' && target.form) aliases.set(join.as, { form: target.form, prefix: '' });
      else if (target?.type === 'line_items' && source)
        aliases.set(join.as, { form: source, prefix: join.path });
      else aliases.set(join.as, undefined);
    } else if (join.form !== undefined && join.link !== undefined) {
      if (checkFormRef(ctx, report, `${at}/form`, join.form)) {
        const link = checkFieldRef(ctx, report, `${at}/link`, join.form, join.link, ['link']);
        if (link?.form && source && link.form !== source) {
          report(
            `${at}/link`,
            `'${join.form}.${join.link}' links to form '${link.form}', not to the source '${source}'`,
            'invalid_reference',
          );
        }
        aliases.set(join.as, { form: join.form, prefix: '' });
      } else aliases.set(join.as, undefined);
    }
  });

  const stage = query.stage ? checkOutputs(report, `${path}/stage`, query.stage, field) : undefined;
  for (const key of stage?.keys() ?? []) stageKeys.add(key);
  const outputs = checkOutputs(report, path, query, field);
  const dimensions = new Set([...outputs].filter(([, kind]) => kind === 'dimension').map(([key]) => key));
  const measures = new Set([...outputs].filter(([, kind]) => kind === 'measure').map(([key]) => key));
  if (query.dateRange) {
    const range = query.dateRange;
    const at = `${path}/dateRange`;
    field(report, `${at}/field`, range.field, DATE_TYPES);
    const kinds = [
      range.relative !== undefined,
      range.last !== undefined,
      range.from !== undefined || range.to !== undefined,
    ];
    if (kinds.filter(Boolean).length !== 1)
      report(
        at,
        "a date range needs exactly one of 'relative', 'last', or 'from'/'to'",
        'invalid_definition',
      );
  }
  query.sort?.forEach((s, i) => {
    if (!outputs.has(s.by)) report(`${path}/sort/${i}/by`, `unknown dimension or measure '${s.by}'`);
  });
  for (const side of ['rows', 'columns'] as const) {
    query.pivot?.[side].forEach((key, i) => {
      if (!dimensions.has(key)) report(`${path}/pivot/${side}/${i}`, `unknown dimension '${key}'`);
    });
  }
  return { source, dimensions, measures, field };
}

/**
 * The dimensions and measures of a query (or of its stage): unique keys, one source per
 * dimension, fields of the right type, ratio and arithmetic operands naming measures.
 * Returns output key → kind.
 */
function checkOutputs(
  report: Report,
  path: string,
  query: Pick<QueryModel, 'dimensions' | 'measures'>,
  field: QueryOutputs['field'],
): Map<string, 'dimension' | 'measure'> {
  const outputs = new Map<string, 'dimension' | 'measure'>();
  const where = new Map<string, string>();
  const claim = (key: string, at: string, kind: 'dimension' | 'measure') => {
    if (where.has(key))
      report(`${at}/key`, `duplicate output key '${key}' (also ${where.get(key)})`, 'duplicate_key');
    else {
      where.set(key, at);
      outputs.set(key, kind);
    }
  };
  query.dimensions?.forEach((dim, i) => {
    const at = `${path}/dimensions/${i}`;
    claim(dim.key, at, 'dimension');
    const sources = [dim.field, dim.expr, dim.cases].filter((x) => x !== undefined).length;
    if (sources !== 1)
      report(at, "a dimension needs exactly one of 'field', 'expr' and 'cases'", 'invalid_definition');
    if (dim.bucket && dim.bins)
      report(at, "a dimension takes 'bucket' or 'bins', not both", 'invalid_definition');
    if (dim.else !== undefined && !dim.cases)
      report(`${at}/else`, "'else' applies only with 'cases'", 'invalid_definition');
    if (dim.elseLabel !== undefined && dim.else === undefined)
      report(`${at}/elseLabel`, "'elseLabel' applies only with 'else'", 'invalid_definition');
    if (dim.field)
      field(report, `${at}/field`, dim.field, dim.bucket ? DATE_TYPES : dim.bins ? NUMBER_TYPES : undefined);
  });
  query.measures?.forEach((m, i) => {
    claim(m.key, `${path}/measures/${i}`, 'measure');
  });
  const isMeasure = (key: string) => outputs.get(key) === 'measure';
  query.measures?.forEach((m, i) => {
    const at = `${path}/measures/${i}`;
    const operand = (name: string, key: string) => {
      if (key === m.key) report(`${at}/${name}`, 'a measure cannot use itself', 'invalid_definition');
      else if (!isMeasure(key)) report(`${at}/${name}`, `unknown measure '${key}'`);
    };
    switch (m.agg) {
      case 'count':
        break;
      case 'sum':
        field(report, `${at}/field`, m.field, NUMBER_TYPES);
        break;
      case 'avg':
      case 'median':
      case 'percentile':
        field(report, `${at}/field`, m.field, AVERAGED_TYPES);
        break;
      case 'count_distinct':
      case 'min':
      case 'max':
        field(report, `${at}/field`, m.field);
        break;
      case 'ratio':
        operand('numerator', m.numerator);
        operand('denominator', m.denominator);
        break;
      case 'arithmetic':
        operand('left', m.left);
        operand('right', m.right);
        break;
      case 'duration':
        field(report, `${at}/from`, m.from, DATE_TYPES);
        field(report, `${at}/to`, m.to, DATE_TYPES);
        break;
      default:
        m satisfies never;
    }
  });
  return outputs;
}

/** A chart's axes name the query's dimensions and measures. */
export function checkChart(report: Report, path: string, chart: Chart, outputs: QueryOutputs): void {
  for (const axis of ['x', 'series'] as const) {
    const key = chart[axis];
    if (key !== undefined && !outputs.dimensions.has(key))
      report(`${path}/${axis}`, `unknown dimension '${key}'`);
  }
  chart.y?.forEach((key, i) => {
    if (!outputs.measures.has(key)) report(`${path}/y/${i}`, `unknown measure '${key}'`);
  });
}
