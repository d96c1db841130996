/**
 * Text Postgres cannot store: a NUL character (text and jsonb refuse U+0000) or an unpaired UTF-16
 * surrogate (not Unicode; it cannot be encoded as UTF-8). Every value that reaches the database,
 * a bound parameter or a search pattern is checked with this first, so such input is a 400 that
 * names its path, never a driver error.
 */
export function unstorableText(text: string): string | null {
  if (text.includes('\u0000')) return 'contains a NUL character (U+0000), which cannot be stored';
  if (!isWellFormed(text)) return 'contains an unpaired surrogate (not valid Unicode)';
  return null;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function isWellFormed(text: string): boolean {
  const native = (text as { isWellFormed?: () => boolean }).isWellFormed;
  return native ? native.call(text) : !LONE_SURROGATE.test(text);
}

export interface TextProblem {
  readonly path: string;
  readonly message: string;
}

/**
 * The first unstorable string in a JSON value (object keys included), with its path below `base`:
 * dotted (`notes`, `items[2].name`, `meta.tags[0]`) or, with `style: 'pointer'`, a JSON Pointer
 * (`/filter/and/0`). Iterative, so any nesting depth is safe to walk.
 */
export function findUnstorableText(
  value: unknown,
  base = '',
  style: 'dotted' | 'pointer' = 'dotted',
): TextProblem | null {
  const item = (path: string, i: number) => (style === 'pointer' ? `${path}/${i}` : `${path}[${i}]`);
  const property = (path: string, key: string) =>
    style === 'pointer'
      ? `${path}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`
      : path
        ? `${path}.${key}`
        : key;
  const stack: { value: unknown; path: string }[] = [{ value, path: base }];
  while (stack.length > 0) {
    const { value: here, path } = stack.pop()!;
    if (typeof here === 'string') {
      const problem = unstorableText(here);
      if (problem) return { path, message: problem };
    } else if (Array.isArray(here)) {
      for (let i = here.length - 1; i >= 0; i--) stack.push({ value: here[i], path: item(path, i) });
    } else if (here !== null && typeof here === 'object') {
      const entries = Object.entries(here);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        const at = property(path, key);
        const problem = unstorableText(key);
        if (problem) return { path: at, message: `has a property name that ${problem}` };
        stack.push({ value: child, path: at });
      }
    }
  }
  return null;
}
