import { type CompiledLogic, compile, type EvalContext } from '@tessera/logic';

const cache = new Map<string, CompiledLogic>();

/**
 * The rule's condition compiled once per rule version and evaluated many times. No condition
 * means "always". JSON-Logic truthiness decides (`[]`, `0`, `""`, null are false) — except that a
 * number compared with an empty value throws (`strictNumbers`): the run is logged as failed with
 * the reason instead of the rule staying silent on a total nobody could compute.
 */
export function conditionOf(
  cacheKey: string,
  condition: unknown,
): (data: unknown, ctx: EvalContext) => boolean {
  if (condition === undefined || condition === null) return () => true;
  let fn = cache.get(cacheKey);
  if (!fn) {
    fn = compile(condition, { strictNumbers: true });
    if (cache.size > 1000) cache.clear();
    cache.set(cacheKey, fn);
  }
  const compiled = fn;
  return (data, ctx) => truthy(compiled(data, ctx));
}

function truthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return Boolean(value);
}
