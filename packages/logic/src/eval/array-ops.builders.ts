import { toDecimal } from '../decimal/exact-decimal';
import type { Fn, OperatorBuilder } from './compiled-node';
import { isNil, truthy } from './compiled-node';
import { add, type Numeric } from './exact-arithmetic';

/** `[array, scopedExpr]` operators: the scoped expression sees each element as its data. */
function scoped(
  run: (items: unknown[] | null, each: Fn | undefined, d: unknown, ctx: any) => unknown,
): OperatorBuilder {
  return (args, c) => {
    const source = c(args[0]);
    const each = args.length > 1 ? c(args[1]) : undefined;
    return (d, ctx) => {
      const items = source(d, ctx);
      return run(Array.isArray(items) ? items : null, each, d, ctx);
    };
  };
}

export const ARRAY_BUILDERS: Readonly<Record<string, OperatorBuilder>> = {
  some: scoped((items, each, _d, ctx) => {
    if (!items) return false;
    for (const item of items) if (truthy(each!(item, ctx))) return true;
    return false;
  }),
  all: scoped((items, each, _d, ctx) => {
    if (!items || items.length === 0) return false;
    for (const item of items) if (!truthy(each!(item, ctx))) return false;
    return true;
  }),
  none: scoped((items, each, _d, ctx) => {
    if (!items) return true;
    for (const item of items) if (truthy(each!(item, ctx))) return false;
    return true;
  }),
  map: scoped((items, each, _d, ctx) => (items ? items.map((item) => each!(item, ctx)) : [])),
  filter: scoped((items, each, _d, ctx) => (items ? items.filter((item) => truthy(each!(item, ctx))) : [])),
  reduce: (args, c) => {
    const source = c(args[0]);
    const step = c(args[1]);
    const initial = args.length > 2 ? c(args[2]) : undefined;
    return (d, ctx) => {
      const items = source(d, ctx);
      let acc = initial ? initial(d, ctx) : null;
      if (!Array.isArray(items)) return acc;
      for (const current of items) acc = step({ current, accumulator: acc }, ctx);
      return acc;
    };
  },
  /** Sum of the elements (or of `expr` per element); null and non-numbers are skipped, like SQL SUM. */
  sum: scoped((items, each, _d, ctx) => {
    let total: Numeric = 0;
    if (!items) return total;
    for (const item of items) {
      const value = each ? each(item, ctx) : item;
      if (isNil(value) || toDecimal(value) === null) continue;
      total = add(total, value) ?? total;
    }
    return total;
  }),
  /** Number of elements (satisfying `cond` when given); 0 for a non-array. */
  count: scoped((items, each, _d, ctx) => {
    if (!items) return 0;
    if (!each) return items.length;
    let n = 0;
    for (const item of items) if (truthy(each(item, ctx))) n++;
    return n;
  }),
};
