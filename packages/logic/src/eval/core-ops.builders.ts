import { toDecimal } from '../decimal/exact-decimal';
import { LogicEmptyNumberError } from '../logic.error';
import type { EvalContext } from '../logic.types';
import { fieldConstComparison, simpleFieldKey } from './comparison-fast-paths';
import type { CompileChild, Fn, OperatorBuilder } from './compiled-node';
import { constantOf, isNil, truthy } from './compiled-node';
import { compareExact } from './exact-arithmetic';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Read a dot path like json-logic-js's `var`; prototype keys read as missing. */
export function readPath(data: unknown, path: unknown, notFound: unknown): unknown {
  if (path === undefined || path === '' || path === null) return data;
  const parts = String(path).split('.');
  let cur: any = data;
  for (const part of parts) {
    if (cur === null || cur === undefined || FORBIDDEN_KEYS.has(part)) return notFound;
    cur = cur[part];
    if (cur === undefined) return notFound;
  }
  return cur;
}

const varBuilder: OperatorBuilder = (args, c) => {
  const pathFn = args.length > 0 ? c(args[0]) : undefined;
  const defFn = args.length > 1 ? c(args[1]) : undefined;
  const staticPath = pathFn ? constantOf(pathFn) : { value: undefined };
  const staticDefault = defFn ? constantOf(defFn) : { value: null };
  if (staticPath && staticDefault) {
    const p = staticPath.value;
    const nf = staticDefault.value === undefined ? null : staticDefault.value;
    if (p === undefined || p === '' || p === null) return (d) => d;
    const parts = String(p).split('.');
    if (parts.some((part) => FORBIDDEN_KEYS.has(part))) return () => nf;
    if (parts.length === 1) {
      const k = parts[0]!;
      return (d) => {
        if (d === null || d === undefined) return nf;
        const v = d[k];
        return v === undefined ? nf : v;
      };
    }
    if (parts.length === 2) {
      const [k1, k2] = parts as [string, string];
      return (d) => {
        if (d === null || d === undefined) return nf;
        const v1 = d[k1];
        if (v1 === null || v1 === undefined) return nf;
        const v2 = v1[k2];
        return v2 === undefined ? nf : v2;
      };
    }
    return (d) => readPath(d, p, nf);
  }
  return (d, ctx) => {
    const def = defFn ? defFn(d, ctx) : undefined;
    return readPath(d, pathFn ? pathFn(d, ctx) : undefined, def === undefined ? null : def);
  };
};

function missingKeys(data: unknown, keys: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const key of keys) {
    const value = readPath(data, key, null);
    if (value === null || value === '') out.push(key);
  }
  return out;
}

/** A reader for a constant path, split once at compile time. */
function pathReader(path: unknown): (data: unknown) => unknown {
  if (path === undefined || path === '' || path === null) return (d) => d;
  const parts = String(path).split('.');
  if (parts.some((part) => FORBIDDEN_KEYS.has(part))) return () => null;
  return (d) => {
    let cur: any = d;
    for (const part of parts) {
      if (cur === null || cur === undefined) return null;
      cur = cur[part];
      if (cur === undefined) return null;
    }
    return cur;
  };
}

const missingBuilder: OperatorBuilder = (args, c) => {
  const fns = args.map(c);
  const constants = fns.map(constantOf);
  if (constants.every((k) => k)) {
    const values = constants.map((k) => k!.value);
    const keys = Array.isArray(values[0]) ? (values[0] as unknown[]) : values;
    const readers = keys.map(pathReader);
    return (d) => {
      const out: unknown[] = [];
      for (let i = 0; i < readers.length; i++) {
        const value = readers[i]!(d);
        if (value === null || value === '') out.push(keys[i]);
      }
      return out;
    };
  }
  return (d, ctx) => {
    const values = fns.map((f) => f(d, ctx));
    return missingKeys(d, Array.isArray(values[0]) ? values[0] : values);
  };
};

const missingSomeBuilder: OperatorBuilder = (args, c) => {
  const [needFn, optionsFn] = args.map(c) as [Fn, Fn];
  return (d, ctx) => {
    const need = needFn(d, ctx) as number;
    const options = optionsFn(d, ctx);
    const keys = Array.isArray(options) ? options : [options];
    const missing = missingKeys(d, keys);
    return keys.length - missing.length >= need ? [] : missing;
  };
};

const ifBuilder: OperatorBuilder = (args, c) => {
  const fns = args.map(c);
  if (fns.length === 3) {
    const [cond, yes, no] = fns as [Fn, Fn, Fn];
    return (d, ctx) => (truthy(cond(d, ctx)) ? yes(d, ctx) : no(d, ctx));
  }
  return (d, ctx) => {
    let i = 0;
    for (; i < fns.length - 1; i += 2) {
      if (truthy(fns[i]!(d, ctx))) return fns[i + 1]!(d, ctx);
    }
    return i === fns.length - 1 ? fns[i]!(d, ctx) : null;
  };
};

const andBuilder: OperatorBuilder = (args, c) => {
  const fns = args.map(c);
  if (fns.length === 2) {
    const [a, b] = fns as [Fn, Fn];
    return (d, ctx) => {
      const v = a(d, ctx);
      return truthy(v) ? b(d, ctx) : v;
    };
  }
  if (fns.length === 3) {
    const [a, b, x] = fns as [Fn, Fn, Fn];
    return (d, ctx) => {
      let v = a(d, ctx);
      if (!truthy(v)) return v;
      v = b(d, ctx);
      return truthy(v) ? x(d, ctx) : v;
    };
  }
  return (d, ctx) => {
    let current: unknown;
    for (const f of fns) {
      current = f(d, ctx);
      if (!truthy(current)) return current;
    }
    return current;
  };
};

const orBuilder: OperatorBuilder = (args, c) => {
  const fns = args.map(c);
  return (d, ctx) => {
    let current: unknown;
    for (const f of fns) {
      current = f(d, ctx);
      if (truthy(current)) return current;
    }
    return current;
  };
};

function binary(op: (a: any, b: any) => unknown, name?: string): OperatorBuilder {
  return (args, c) => {
    const [a, b] = args.map(c) as [Fn, Fn];
    const key = simpleFieldKey(args[0]);
    const k = constantOf(b);
    const fast = name && key !== undefined && k && fieldConstComparison(name, key, k.value);
    if (fast) return fast;
    const kb = constantOf(b);
    if (kb) {
      const bv = kb.value;
      return (d, ctx) => op(a(d, ctx), bv);
    }
    return (d, ctx) => op(a(d, ctx), b(d, ctx));
  };
}

/**
 * Ordering comparisons: false when either side is null/undefined (SQL-like, see README) — or,
 * under `strictNumbers`, an error when the other side is a number (see CompileOptions).
 */
function ordering(name: string, plainLt: (a: any, b: any) => boolean): OperatorBuilder {
  // An exact decimal (from arithmetic) compares by value; two decimals would compare as text.
  const lt = (a: unknown, b: unknown): boolean => {
    const exact = compareExact(a, b);
    return exact === undefined ? plainLt(a, b) : exact !== null && ORDER_HOLDS[name]!(exact);
  };
  return (args, c, options) => {
    const fns = args.map(c);
    const empty = options.strictNumbers === true ? emptyNumberCheck(name, args) : null;
    if (fns.length === 3) {
      const [a, b, x] = fns as [Fn, Fn, Fn];
      return (d, ctx: EvalContext | undefined) => {
        const va = a(d, ctx);
        const vb = b(d, ctx);
        const vx = x(d, ctx);
        if (isNil(va) || isNil(vb) || isNil(vx)) {
          empty?.([va, vb, vx]);
          return false;
        }
        return lt(va, vb) && lt(vb, vx);
      };
    }
    if (empty) {
      const [a, b] = fns as [Fn, Fn];
      return (d, ctx) => {
        const va = a(d, ctx);
        const vb = b(d, ctx);
        if (isNil(va) || isNil(vb)) {
          empty([va, vb]);
          return false;
        }
        return lt(va, vb);
      };
    }
    return binary((va, vb) => (isNil(va) || isNil(vb) ? false : lt(va, vb)), name)(args, c, options);
  };
}

/** Throws when an empty operand faces a number (the operands' values in argument order). */
function emptyNumberCheck(name: string, args: readonly unknown[]): (values: readonly unknown[]) => void {
  const text = args.map(describeOperand).join(` ${name} `);
  return (values) => {
    if (!values.some((v) => typeof v === 'number' || toDecimal(v) !== null)) return;
    const i = values.findIndex(isNil);
    throw new LogicEmptyNumberError(describeOperand(args[i]), text);
  };
}

function describeOperand(arg: unknown): string {
  const path = simpleFieldKey(arg) ?? varPath(arg);
  if (path !== undefined) return `"${path}"`;
  return arg !== null && typeof arg === 'object' ? `(${Object.keys(arg)[0]} …)` : JSON.stringify(arg);
}

function varPath(arg: unknown): string | undefined {
  if (arg === null || typeof arg !== 'object' || !('var' in arg)) return undefined;
  const v = (arg as { var: unknown }).var;
  const p = Array.isArray(v) ? v[0] : v;
  return typeof p === 'string' ? p : undefined;
}

const ORDER_HOLDS: Readonly<Record<string, (cmp: number) => boolean>> = {
  '<': (c) => c < 0,
  '<=': (c) => c <= 0,
  '>': (c) => c > 0,
  '>=': (c) => c >= 0,
};

/**
 * (In)equality that sees an exact decimal as the number it is (5 == decimal 5, decimal 5 === 5);
 * `plain` is the JavaScript operator for everything else, `negate` marks the inequalities.
 */
function equality(plain: (a: any, b: any) => boolean, negate: boolean): (a: any, b: any) => boolean {
  return (a, b) => {
    const exact = compareExact(a, b);
    if (exact === undefined) return plain(a, b);
    return (exact === 0) !== negate;
  };
}

export const CORE_BUILDERS: Readonly<Record<string, OperatorBuilder>> = {
  var: varBuilder,
  missing: missingBuilder,
  missing_some: missingSomeBuilder,
  if: ifBuilder,
  '?:': ifBuilder,
  and: andBuilder,
  or: orBuilder,
  '==': binary(
    // biome-ignore lint/suspicious/noDoubleEquals: JSON-Logic `==` is JavaScript loose equality.
    equality((a, b) => a == b, false),
    '==',
  ),
  '===': binary(
    equality((a, b) => a === b, false),
    '===',
  ),
  '!=': binary(
    // biome-ignore lint/suspicious/noDoubleEquals: JSON-Logic `!=` is JavaScript loose inequality.
    equality((a, b) => a != b, true),
    '!=',
  ),
  '!==': binary(
    equality((a, b) => a !== b, true),
    '!==',
  ),
  '!': (args, c: CompileChild) => {
    const a = c(args[0]);
    return (d, ctx) => !truthy(a(d, ctx));
  },
  '!!': (args, c) => {
    const a = c(args[0]);
    return (d, ctx) => truthy(a(d, ctx));
  },
  '<': ordering('<', (a, b) => a < b),
  '<=': ordering('<=', (a, b) => a <= b),
  '>': ordering('>', (a, b) => a > b),
  '>=': ordering('>=', (a, b) => a >= b),
};
