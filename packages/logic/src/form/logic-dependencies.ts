import { OPERATORS } from '../validate/operator.registry';

/**
 * What an expression reads (pure): the top-level keys of the data its `var`s and `missing`s name —
 * a money field's `<key>__currency` counts as `<key>`, `a.b` as `a`. `everything` when it cannot be
 * told from the expression (a computed var name, `var ""`, the clock: `today`, `now`), so it is
 * re-evaluated on every change. Arguments evaluated per array element (`map`, `sum`'s second…) read
 * the element, not the record: the array they run over is the dependency.
 */
export interface LogicDependencies {
  readonly keys: ReadonlySet<string>;
  readonly everything: boolean;
}

const VOLATILE = new Set(['today', 'now']);

const fieldOf = (path: string) => {
  const top = path.split('.')[0]!;
  return top.endsWith('__currency') ? top.slice(0, -'__currency'.length) : top;
};

export function logicDependencies(expression: unknown): LogicDependencies {
  const keys = new Set<string>();
  let everything = false;
  const name = (path: unknown) => {
    if (typeof path === 'string' && path !== '') keys.add(fieldOf(path));
    else if (typeof path === 'number') keys.add(String(path));
    else everything = true;
  };
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const entries = Object.entries(node);
    if (entries.length !== 1) {
      for (const [, v] of entries) visit(v);
      return;
    }
    const [op, raw] = entries[0]!;
    const args = Array.isArray(raw) ? raw : [raw];
    if (VOLATILE.has(op)) everything = true;
    if (op === 'var') {
      name(args[0] ?? '');
      args.slice(1).forEach(visit);
      return;
    }
    if (op === 'missing' || op === 'missing_some') {
      const list = op === 'missing_some' ? args[1] : Array.isArray(args[0]) ? args[0] : args;
      if (Array.isArray(list) && list.every((k) => typeof k === 'string' || typeof k === 'number'))
        list.forEach(name);
      else everything = true;
      if (op === 'missing_some') visit(args[0]);
      return;
    }
    const scoped = new Set(OPERATORS[op]?.scoped ?? []);
    args.forEach((a, i) => {
      if (!scoped.has(i)) visit(a);
    });
  };
  visit(expression);
  return { keys, everything };
}

/** Whether anything an expression reads is among `changed`. */
export function readsAny(deps: LogicDependencies, changed: ReadonlySet<string> | 'all'): boolean {
  if (deps.everything || changed === 'all') return true;
  if (deps.keys.size < changed.size) {
    for (const k of deps.keys) if (changed.has(k)) return true;
    return false;
  }
  for (const k of changed) if (deps.keys.has(k)) return true;
  return false;
}
