import type { Fn } from './compiled-node';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The key of `{"var": "key"}` (one segment, no default), the shape most rule conditions use. */
export function simpleFieldKey(node: unknown): string | undefined {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
  const keys = Object.keys(node);
  if (keys.length !== 1 || keys[0] !== 'var') return undefined;
  const raw = (node as { var: unknown }).var;
  const path = Array.isArray(raw) ? (raw.length === 1 ? raw[0] : undefined) : raw;
  if (typeof path !== 'string' || path === '' || path.includes('.') || FORBIDDEN_KEYS.has(path))
    return undefined;
  return path;
}

/**
 * `field <op> constant` as one monomorphic closure per operator: no call through a shared
 * `op` function, so V8 inlines the whole condition. Same results as the generic path
 * (a missing field reads as null; ordering with null is false).
 */
export function fieldConstComparison(op: string, key: string, k: any): Fn | undefined {
  const kNil = k === null || k === undefined;
  switch (op) {
    case '==':
      // biome-ignore lint/suspicious/noDoubleEquals: JSON-Logic `==` is JavaScript loose equality.
      return (d) => (d === null || d === undefined ? null : (d[key] ?? null)) == k;
    case '===':
      return (d) => {
        const v = d === null || d === undefined ? undefined : d[key];
        return (v === undefined ? null : v) === k;
      };
    case '!=':
      // biome-ignore lint/suspicious/noDoubleEquals: JSON-Logic `!=` is JavaScript loose inequality.
      return (d) => (d === null || d === undefined ? null : (d[key] ?? null)) != k;
    case '!==':
      return (d) => {
        const v = d === null || d === undefined ? undefined : d[key];
        return (v === undefined ? null : v) !== k;
      };
    case '<':
      if (kNil) return () => false;
      return (d) => {
        const v = d === null || d === undefined ? null : d[key];
        return v !== null && v !== undefined && v < k;
      };
    case '<=':
      if (kNil) return () => false;
      return (d) => {
        const v = d === null || d === undefined ? null : d[key];
        return v !== null && v !== undefined && v <= k;
      };
    case '>':
      if (kNil) return () => false;
      return (d) => {
        const v = d === null || d === undefined ? null : d[key];
        return v !== null && v !== undefined && v > k;
      };
    case '>=':
      if (kNil) return () => false;
      return (d) => {
        const v = d === null || d === undefined ? null : d[key];
        return v !== null && v !== undefined && v >= k;
      };
    default:
      return undefined;
  }
}
