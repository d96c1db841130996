import type { ComputedResultType } from '@tessera/schema';

/**
 * A formula's raw result as the value stored in its column: numbers rounded half away from zero
 * to `scale` (or to 15 significant digits, which removes binary noise such as 0.1 + 0.2),
 * integers rounded, non-finite numbers and unparsable dates become null.
 */
export function formulaResult(raw: unknown, type: ComputedResultType, scale?: number): unknown {
  if (raw === null || raw === undefined) return null;
  switch (type) {
    case 'number': {
      const n = toNumber(raw);
      if (n === null) return null;
      return scale === undefined ? Number(n.toPrecision(15)) : roundTo(n, scale);
    }
    case 'integer': {
      const n = toNumber(raw);
      return n === null ? null : roundTo(n, 0);
    }
    case 'text':
      return typeof raw === 'object' ? JSON.stringify(raw) : String(raw);
    case 'boolean':
      return Boolean(raw) && !(Array.isArray(raw) && raw.length === 0);
    case 'date': {
      const text = String(raw).slice(0, 10);
      return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(text)) ? text : null;
    }
    case 'datetime': {
      const t = Date.parse(String(raw));
      return Number.isNaN(t) ? null : new Date(t).toISOString();
    }
    default:
      return assertNever(type);
  }
}

function toNumber(v: unknown): number | null {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v !== 'number' && typeof v !== 'string') return null;
  if (v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

/** Half away from zero on the decimal text, so 1.005 → 1.01 (not 1.00 as toFixed gives). */
export function roundTo(x: number, digits: number): number {
  const sign = x < 0 ? -1 : 1;
  const shifted = Math.round(Number(`${Math.abs(x)}e${digits}`));
  const result = sign * Number(`${shifted}e${-digits}`);
  return result === 0 ? 0 : result;
}

function assertNever(value: never): never {
  throw new Error(`unexpected result type ${String(value)}`);
}
