import fc from 'fast-check';
import type { EvalContext } from '../../logic.types';
import type { TestRecord } from './sql-test-kit';

/**
 * Random records and random filters for the SQL ⇔ memory agreement property. Values stay where
 * both sides are exact: ASCII text (collation- and case-folding-neutral), numbers that are
 * halves (exact in binary floating point and in numeric), ISO dates and millisecond timestamps.
 */
const DAY = 86_400_000;
const BASE = Date.UTC(2024, 0, 1);

const text = fc.oneof(
  fc.constantFrom('', 'Acme', 'acme co', 'ACME_50%', 'beta', 'Beta', 'b%x', 'z', 'a_b', 'x\\y'),
  fc.string({ unit: fc.constantFrom('a', 'A', 'b', 'B', '%', '_', ' ', '\\', 'x', 'Z'), maxLength: 6 }),
);
const half = fc.integer({ min: -20, max: 20 }).map((x) => x / 2);
const smallInt = fc.integer({ min: -5, max: 15 });
const date = fc
  .integer({ min: -90, max: 120 })
  .map((d) => new Date(BASE + d * DAY).toISOString().slice(0, 10));
const datetime = fc
  .integer({ min: -90 * 1440, max: 120 * 1440 })
  .chain((minutes) => fc.integer({ min: 0, max: 59_999 }).map((ms) => BASE + minutes * 60_000 + ms))
  .map((ms) => new Date(ms).toISOString());

export const recordsArb: fc.Arbitrary<TestRecord[]> = fc
  .array(
    fc.record({
      name: fc.option(text),
      n: fc.option(half),
      qty: fc.option(smallInt),
      d: fc.option(date),
      ts: fc.option(datetime),
      b: fc.option(fc.boolean()),
    }),
    { maxLength: 12 },
  )
  .map((rows) => rows.map((r, i) => ({ id: i + 1, ...r })));

export const ctxArb: fc.Arbitrary<EvalContext> = fc.record({
  now: fc.integer({ min: 0, max: 60 * DAY }).map((ms) => new Date(BASE + ms)),
  timeZone: fc.constantFrom('UTC', 'Asia/Shanghai', 'America/New_York', 'Pacific/Kiritimati'),
});

type Expr = unknown;
const v = (key: string) => ({ var: key });
const addUnit = fc.constantFrom('day', 'week', 'month', 'quarter', 'year');
const anyUnit = fc.constantFrom('day', 'week', 'month', 'quarter', 'year', 'hour', 'minute');
const truncUnit = fc.constantFrom('day', 'week', 'month', 'quarter', 'year');

function dateExpr(depth: number): fc.Arbitrary<Expr> {
  const leaves = [fc.constant(v('d')), date, fc.constant({ today: [] })];
  if (depth <= 0) return fc.oneof(...leaves);
  const inner = dateExpr(depth - 1);
  return fc.oneof(
    ...leaves,
    fc.tuple(inner, fc.integer({ min: -40, max: 40 }), addUnit).map((args) => ({ date_add: args })),
    fc.tuple(inner, truncUnit).map(([x, u]) => ({ start_of: [x, u] })),
    fc.tuple(inner, truncUnit).map(([x, u]) => ({ end_of: [x, u] })),
  );
}

function datetimeExpr(depth: number): fc.Arbitrary<Expr> {
  const leaves = [fc.constant(v('ts')), datetime, fc.constant({ now: [] })];
  if (depth <= 0) return fc.oneof(...leaves);
  const inner = datetimeExpr(depth - 1);
  return fc.oneof(
    ...leaves,
    fc.tuple(inner, fc.integer({ min: -500, max: 500 }), anyUnit).map((args) => ({ date_add: args })),
    fc.tuple(inner, truncUnit).map(([x, u]) => ({ start_of: [x, u] })),
    fc.tuple(inner, truncUnit).map(([x, u]) => ({ end_of: [x, u] })),
  );
}

const temporal = fc.oneof(dateExpr(1), datetimeExpr(1));

function numberExpr(depth: number): fc.Arbitrary<Expr> {
  const leaves = [fc.constant(v('n')), fc.constant(v('qty')), half];
  if (depth <= 0) return fc.oneof(...leaves);
  const inner = numberExpr(depth - 1);
  return fc.oneof(
    ...leaves,
    fc.tuple(fc.constantFrom('+', '-', '*'), inner, inner).map(([op, a, b]) => ({ [op]: [a, b] })),
    inner.map((a) => ({ '-': [a] })),
    inner.map((a) => ({ abs: [a] })),
    fc.tuple(inner, fc.constantFrom(0, 1)).map(([a, d]) => ({ round: [a, d] })),
    fc.tuple(inner, fc.constantFrom(2, 3, -4)).map(([a, m]) => ({ '%': [a, m] })),
    fc.tuple(temporal, temporal, anyUnit).map((args) => ({ date_diff: args })),
    fc.oneof(dateExpr(1), datetimeExpr(1)).map((x) => ({ days_since: [x] })),
    half.map((x) => ({ coalesce: [v('qty'), x] })),
  );
}

function textExpr(depth: number): fc.Arbitrary<Expr> {
  const leaves = [fc.constant(v('name')), text];
  if (depth <= 0) return fc.oneof(...leaves);
  const inner = textExpr(depth - 1);
  return fc.oneof(
    ...leaves,
    inner.map((x) => ({ lower: [x] })),
    inner.map((x) => ({ upper: [x] })),
    fc.tuple(inner, inner).map((args) => ({ cat: args })),
    text.map((x) => ({ coalesce: [v('name'), x] })),
  );
}

/** A pair of comparable expressions: same type on both sides. */
const comparable: fc.Arbitrary<[Expr, Expr]> = fc.oneof(
  fc.tuple(numberExpr(2), numberExpr(1)),
  fc.tuple(textExpr(1), textExpr(1)),
  fc.tuple(dateExpr(2), dateExpr(1)),
  fc.tuple(datetimeExpr(2), datetimeExpr(1)),
  fc.tuple(fc.constant(v('b')), fc.oneof(fc.boolean(), fc.constant(v('b')))),
);

const leafCondition: fc.Arbitrary<Expr> = fc.oneof(
  fc.tuple(fc.constantFrom('==', '===', '!=', '!==', '<', '<=', '>', '>='), comparable).map(([op, pair]) => ({
    [op]: pair,
  })),
  fc.tuple(fc.constantFrom('<', '<='), numberExpr(0), numberExpr(1), numberExpr(0)).map(([op, a, b, c]) => ({
    [op]: [a, b, c],
  })),
  fc
    .tuple(fc.constantFrom('==', '!='), fc.constantFrom(...['name', 'n', 'qty', 'd', 'ts', 'b'].map(v)))
    .map(([op, x]) => ({ [op]: [x, null] })),
  fc
    .oneof(
      fc.tuple(fc.constant(v('qty')), fc.array(fc.option(smallInt, { freq: 4 }), { maxLength: 4 })),
      fc.tuple(fc.constant(v('name')), fc.array(text, { maxLength: 4 })),
      fc.tuple(fc.constant(v('d')), fc.array(date, { maxLength: 3 })),
    )
    .map((args) => ({ in: args })),
  fc.tuple(text, fc.constant(v('name'))).map((args) => ({ in: args })),
  fc
    .tuple(fc.constantFrom('contains', 'starts_with'), textExpr(1), text)
    .map(([op, a, b]) => ({ [op]: [a, b] })),
  fc.constantFrom(...['name', 'n', 'qty', 'd', 'ts', 'b'].map((k) => ({ is_empty: [v(k)] }))),
  fc.constant(v('b')),
);

export const conditionArb: fc.Arbitrary<Expr> = fc.letrec<{ cond: Expr }>((tie) => ({
  cond: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leafCondition,
    fc.array(tie('cond'), { minLength: 1, maxLength: 3 }).map((xs) => ({ and: xs })),
    fc.array(tie('cond'), { minLength: 1, maxLength: 3 }).map((xs) => ({ or: xs })),
    tie('cond').map((x) => ({ '!': [x] })),
    tie('cond').map((x) => ({ '!!': [x] })),
  ),
})).cond;
