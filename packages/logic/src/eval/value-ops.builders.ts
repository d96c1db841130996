import { roundDecimal, toDecimal } from '../decimal/exact-decimal';
import type { Fn, OperatorBuilder } from './compiled-node';
import { constantOf, isNil } from './compiled-node';
import {
  absolute,
  add,
  divide,
  extreme,
  multiply,
  type Numeric,
  negate,
  remainder,
  subtract,
} from './exact-arithmetic';

/** Evaluate every argument, then apply `op` to the values (json-logic-js's default path). */
function eager(op: (values: unknown[]) => unknown): OperatorBuilder {
  return (args, c) => {
    const fns = args.map(c);
    return (d, ctx) => {
      const values = new Array<unknown>(fns.length);
      for (let i = 0; i < fns.length; i++) values[i] = fns[i]!(d, ctx);
      return op(values);
    };
  };
}

function unary(op: (a: any) => unknown): OperatorBuilder {
  return (args, c) => {
    const a = c(args[0]);
    return (d, ctx) => op(a(d, ctx));
  };
}

function pair(op: (a: any, b: any) => unknown): OperatorBuilder {
  return (args, c) => {
    const [a, b] = args.map(c) as [Fn, Fn];
    return (d, ctx) => op(a(d, ctx), b(d, ctx));
  };
}

const anyNil = (values: readonly unknown[]): boolean => values.some(isNil);

/** Round half away from zero to `digits` decimals, exactly (1.005 → 1.01; digits may be negative). */
function round(x: unknown, digits: unknown): Numeric | null {
  const d = toDecimal(x);
  if (d === null) return null;
  return roundDecimal(d, isNil(digits) ? 0 : Math.trunc(Number(digits)));
}

/** Folds the values with `op` (null as soon as one is missing or not a number). */
function fold(op: (a: unknown, b: unknown) => Numeric | null, empty: number) {
  return (vs: unknown[]): Numeric | null => {
    if (vs.length === 0) return empty;
    if (anyNil(vs)) return null;
    let acc: Numeric | null = vs.length === 1 ? op(vs[0], empty) : (vs[0] as Numeric);
    for (let i = 1; i < vs.length && acc !== null; i++) acc = op(acc, vs[i]);
    return acc;
  };
}

function textOrNull(value: unknown): string | null {
  return isNil(value) ? null : String(value);
}

export const VALUE_BUILDERS: Readonly<Record<string, OperatorBuilder>> = {
  // Exact decimal arithmetic (see exact-arithmetic): money and quantities never go through a float.
  '+': (args, c, o) => (args.length === 2 ? pair(add) : eager(fold(add, 0)))(args, c, o),
  '-': (args, c, o) => (args.length === 1 ? unary(negate) : pair(subtract))(args, c, o),
  '*': (args, c, o) => (args.length === 2 ? pair(multiply) : eager(fold(multiply, 1)))(args, c, o),
  '/': pair(divide),
  '%': pair(remainder),
  min: eager((vs) => extreme(vs, -1)),
  max: eager((vs) => extreme(vs, 1)),
  cat: eager((vs) => vs.join('')),
  substr: eager(([source, start, end]) => {
    if ((end as number) < 0) {
      const temp = String(source).substr(start as number);
      return temp.substr(0, temp.length + (end as number));
    }
    return String(source).substr(start as number, end as number);
  }),
  in: (args, c) => {
    const [a, b] = args.map(c) as [Fn, Fn];
    const list = constantOf(b)?.value;
    if (Array.isArray(list)) return (d, ctx) => list.indexOf(a(d, ctx)) !== -1;
    return (d, ctx) => {
      const needle = a(d, ctx);
      const hay: any = b(d, ctx);
      if (!hay || typeof hay.indexOf === 'undefined') return false;
      if (typeof hay === 'string' && isNil(needle)) return false; // not "null" as text (agrees with SQL)
      return hay.indexOf(needle) !== -1;
    };
  },
  merge: eager((vs) => vs.reduce<unknown[]>((acc, v) => acc.concat(v), [])),
  round: eager(([x, digits]) => round(x, digits)),
  abs: unary(absolute),
  is_empty: unary((x) => isNil(x) || x === '' || (Array.isArray(x) && x.length === 0)),
  contains: pair((a, b) => {
    if (isNil(a) || isNil(b)) return false;
    return String(a).toLowerCase().includes(String(b).toLowerCase());
  }),
  starts_with: pair((a, b) => {
    if (isNil(a) || isNil(b)) return false;
    return String(a).toLowerCase().startsWith(String(b).toLowerCase());
  }),
  lower: unary((x) => textOrNull(x)?.toLowerCase() ?? null),
  upper: unary((x) => textOrNull(x)?.toUpperCase() ?? null),
  coalesce: (args, c) => {
    const fns = args.map(c);
    return (d, ctx) => {
      for (const f of fns) {
        const v = f(d, ctx);
        if (!isNil(v)) return v;
      }
      return null;
    };
  },
};
