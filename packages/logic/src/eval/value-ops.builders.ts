import type { Fn, OperatorBuilder } from './compiled-node';
import { constantOf, isNil } from './compiled-node';

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

/** json-logic-js's `parseFloat(x)`, without the string round trip for numbers. */
const toFloat = (x: unknown): number => (typeof x === 'number' ? (x === 0 ? 0 : x) : parseFloat(x as string));

const anyNil = (values: readonly unknown[]): boolean => values.some(isNil);
const isZero = (v: unknown): boolean => Number(v) === 0;

/** Round half away from zero to `digits` decimals, on the decimal text (1.005 → 1.01). */
export function roundHalfAway(x: number, digits: number): number {
  if (!Number.isFinite(x)) return x;
  const sign = x < 0 ? -1 : 1;
  const shifted = Math.round(Number(`${Math.abs(x)}e${digits}`));
  const result = sign * Number(`${shifted}e${-digits}`);
  return result === 0 ? 0 : result;
}

const multiplyMany = eager((vs) => (anyNil(vs) ? null : vs.reduce((a, b) => toFloat(a) * toFloat(b))));

function textOrNull(value: unknown): string | null {
  return isNil(value) ? null : String(value);
}

export const VALUE_BUILDERS: Readonly<Record<string, OperatorBuilder>> = {
  '+': (args, c) => {
    const fns = args.map(c);
    if (fns.length === 2) {
      const [a, b] = fns as [Fn, Fn];
      return (d, ctx) => {
        const va = a(d, ctx);
        const vb = b(d, ctx);
        return isNil(va) || isNil(vb) ? null : toFloat(va) + toFloat(vb);
      };
    }
    return eager((vs) => (anyNil(vs) ? null : vs.reduce<number>((s, v) => s + toFloat(v), 0)))(args, c);
  },
  '-': eager((vs) => {
    if (anyNil(vs)) return null;
    return vs.length === 1 ? -(vs[0] as number) : (vs[0] as number) - (vs[1] as number);
  }),
  '*': (args, c) => {
    if (args.length === 2) {
      const [a, b] = args.map(c) as [Fn, Fn];
      return (d, ctx) => {
        const va = a(d, ctx);
        const vb = b(d, ctx);
        return isNil(va) || isNil(vb) ? null : toFloat(va) * toFloat(vb);
      };
    }
    return multiplyMany(args, c);
  },
  '/': pair((a, b) => (isNil(a) || isNil(b) || isZero(b) ? null : a / b)),
  '%': pair((a, b) => (isNil(a) || isNil(b) || isZero(b) ? null : a % b)),
  min: eager((vs) => Math.min(...(vs as number[]))),
  max: eager((vs) => Math.max(...(vs as number[]))),
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
  round: eager(([x, digits]) => {
    if (isNil(x)) return null;
    const n = Number(x);
    if (Number.isNaN(n)) return null;
    return roundHalfAway(n, isNil(digits) ? 0 : Math.trunc(Number(digits)));
  }),
  abs: unary((x) => (isNil(x) || Number.isNaN(Number(x)) ? null : Math.abs(Number(x)))),
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
