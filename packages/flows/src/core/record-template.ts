/** Reads `a.b.c` from nested objects; undefined when a segment is missing. */
export function readPath(data: unknown, path: string): unknown {
  let current: unknown = data;
  for (const segment of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** Fills `{{ field.path }}` placeholders of each language's text from the record. */
export function renderTemplate(
  template: Readonly<Record<string, string>>,
  data: unknown,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [lang, text] of Object.entries(template)) {
    out[lang] = text.replace(/\{\{\s*([a-zA-Z_][\w.]*)\s*\}\}/g, (_, path: string) => {
      const value = readPath(data, path);
      return value === undefined || value === null ? '' : String(value);
    });
  }
  return out;
}
