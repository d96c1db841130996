/**
 * Canonical JSON of pack documents: the same value always gives the same bytes, whatever order
 * its keys came in (Postgres `jsonb` reorders them). Keys an author reads first come first, in a
 * fixed order; the rest follow alphabetically. 2-space indentation, a trailing newline.
 */
const LEADING_KEYS = [
  '$schema',
  'name',
  'version',
  'app',
  'key',
  'id',
  'type',
  'kind',
  'title',
  'label',
  'description',
  'form',
  'field',
  'value',
];
const RANK = new Map(LEADING_KEYS.map((k, i) => [k, i]));

function compareKeys(a: string, b: string): number {
  const ra = RANK.get(a) ?? LEADING_KEYS.length;
  const rb = RANK.get(b) ?? LEADING_KEYS.length;
  if (ra !== rb) return ra - rb;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A deep copy with object keys in canonical order (arrays keep their order; `undefined` dropped). */
export function canonicalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalize);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort(compareKeys)) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = canonicalize(v);
    }
    return out;
  }
  return value;
}

/** The file text of a document: canonical key order, 2-space JSON, trailing newline. */
export function canonicalJson(value: unknown): string {
  return `${JSON.stringify(canonicalize(value), null, 2)}\n`;
}

/** Equality of two JSON values regardless of key order. */
export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonicalize(a)) === JSON.stringify(canonicalize(b));
}
