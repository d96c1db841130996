/**
 * Nesting depth of JSON, measured without recursion: a document nested thousands deep must be
 * refused before a recursive validator, compiler or serializer overflows the stack on it.
 * Depth counts objects and arrays: `1` and `"a"` are 0, `[]` and `{}` are 1, `{"a":[1]}` is 2.
 */

/** Whether JSON text nests deeper than `max` (scans the text; strings are skipped). */
export function jsonTextTooDeep(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > max) return true;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) depth--;
  }
  return false;
}

/** Whether a parsed value nests deeper than `max` (an explicit stack, never the call stack). */
export function jsonValueTooDeep(value: unknown, max: number): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: here, depth } = stack.pop()!;
    if (here === null || typeof here !== 'object') continue;
    if (depth + 1 > max) return true;
    for (const item of Array.isArray(here) ? here : Object.values(here))
      if (item !== null && typeof item === 'object') stack.push({ value: item, depth: depth + 1 });
  }
  return false;
}
