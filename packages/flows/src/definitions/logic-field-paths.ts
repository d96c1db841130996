import { OPERATORS } from '@tessera/logic';

/**
 * The record field paths a JSON-Logic expression reads with `var`, outside the arguments an
 * operator evaluates per array element (`some`, `filter`, …: there `var` names the element's
 * keys). Flow-scope names (`_flow.…`) and dynamic or empty paths are left out.
 */
export function logicFieldPaths(expression: unknown): string[] {
  const out = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (!node || typeof node !== 'object') return;
    for (const [op, raw] of Object.entries(node)) {
      const args = Array.isArray(raw) ? raw : [raw];
      if (op === 'var') {
        const path = args[0];
        if (typeof path === 'string' && path !== '' && !path.startsWith('_')) out.add(fieldPath(path));
        args.slice(1).forEach(visit);
        continue;
      }
      const scoped = OPERATORS[op]?.scoped ?? [];
      args.forEach((arg, i) => {
        if (!scoped.includes(i)) visit(arg);
      });
    }
  };
  visit(expression);
  return [...out];
}

/** `amount__currency` is how expressions see a money field's currency: the field is `amount`. */
function fieldPath(path: string): string {
  const segments = path.split('.').filter((s) => !/^\d+$/.test(s));
  const last = segments.length - 1;
  segments[last] = segments[last]!.replace(/__currency$/, '');
  return segments.join('.');
}
