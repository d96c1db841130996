/**
 * A strict JSON parser (RFC 8259) that says where it failed — line and column, not just an
 * offset — and reports duplicate object keys (which JSON.parse silently resolves to the last).
 * Pure; used on every pack file.
 */

export interface JsonSyntaxError {
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

export interface DuplicateJsonKey {
  /** JSON pointer of the duplicated property. */
  readonly path: string;
  readonly key: string;
  readonly line: number;
  readonly column: number;
}

export type JsonParseResult =
  | {
      readonly ok: true;
      readonly value: unknown;
      readonly duplicateKeys: readonly DuplicateJsonKey[];
      /** Where the value at a JSON pointer starts (1-based line and column); undefined if absent. */
      readonly locate: (pointer: string) => { line: number; column: number } | undefined;
    }
  | { readonly ok: false; readonly error: JsonSyntaxError };

class Failure extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

function describe(ch: string | undefined): string {
  if (ch === undefined) return 'the end of the file';
  if (ch === '\n') return 'a line break';
  return `'${ch}'`;
}

export function parseJsonSource(text: string): JsonParseResult {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const offsetBase = source === text ? 0 : 1;
  const duplicates: { path: string; key: string; offset: number }[] = [];
  const offsets = new Map<string, number>();
  let pos = 0;

  const skipWhitespace = () => {
    while (pos < source.length && ' \t\n\r'.includes(source[pos]!)) pos++;
  };

  const expectLiteral = (literal: string, value: unknown) => {
    if (source.startsWith(literal, pos)) {
      pos += literal.length;
      return value;
    }
    throw new Failure(`unexpected ${describe(source[pos])}; expected a value`, pos);
  };

  const parseString = (): string => {
    const start = pos;
    pos++; // opening quote
    let out = '';
    for (;;) {
      const ch = source[pos];
      if (ch === undefined || ch === '\n') throw new Failure('unterminated string', start);
      if (ch === '"') {
        pos++;
        return out;
      }
      if (ch < ' ')
        throw new Failure('control character in a string (write it as an escape such as \\n)', pos);
      if (ch === '\\') {
        const next = source[pos + 1];
        const simple: Record<string, string> = {
          '"': '"',
          '\\': '\\',
          '/': '/',
          b: '\b',
          f: '\f',
          n: '\n',
          r: '\r',
          t: '\t',
        };
        if (next !== undefined && next in simple) {
          out += simple[next];
          pos += 2;
        } else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(source.slice(pos + 2, pos + 6))) {
          out += String.fromCharCode(Number.parseInt(source.slice(pos + 2, pos + 6), 16));
          pos += 6;
        } else {
          throw new Failure(`invalid escape '\\${next ?? ''}' in a string`, pos);
        }
        continue;
      }
      out += ch;
      pos++;
    }
  };

  const parseNumber = (): number => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(source.slice(pos));
    if (!match) throw new Failure(`unexpected ${describe(source[pos])}; expected a value`, pos);
    pos += match[0].length;
    return Number(match[0]);
  };

  const parseValue = (path: string): unknown => {
    skipWhitespace();
    offsets.set(path, pos);
    const ch = source[pos];
    switch (ch) {
      case '{':
        return parseObject(path);
      case '[':
        return parseArray(path);
      case '"':
        return parseString();
      case 't':
        return expectLiteral('true', true);
      case 'f':
        return expectLiteral('false', false);
      case 'n':
        return expectLiteral('null', null);
      default:
        if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) return parseNumber();
        if (ch === "'") throw new Failure('strings must use double quotes ("), not single quotes (\')', pos);
        throw new Failure(`unexpected ${describe(ch)}; expected a value`, pos);
    }
  };

  const parseObject = (path: string): Record<string, unknown> => {
    pos++;
    const object: Record<string, unknown> = {};
    const seen = new Set<string>();
    skipWhitespace();
    if (source[pos] === '}') {
      pos++;
      return object;
    }
    for (;;) {
      skipWhitespace();
      if (source[pos] !== '"') {
        const hint = source[pos] === '}' ? ' (a trailing comma is not allowed)' : '';
        throw new Failure(
          `expected a property name in double quotes, found ${describe(source[pos])}${hint}`,
          pos,
        );
      }
      const keyOffset = pos;
      const key = parseString();
      skipWhitespace();
      if (source[pos] !== ':')
        throw new Failure(`expected ':' after the property name, found ${describe(source[pos])}`, pos);
      pos++;
      const childPath = `${path}/${escapePointer(key)}`;
      if (seen.has(key)) duplicates.push({ path: childPath, key, offset: keyOffset });
      seen.add(key);
      Object.defineProperty(object, key, {
        value: parseValue(childPath),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      skipWhitespace();
      const next = source[pos];
      if (next === ',') {
        pos++;
        continue;
      }
      if (next === '}') {
        pos++;
        return object;
      }
      throw new Failure(`expected ',' or '}' after a property value, found ${describe(next)}`, pos);
    }
  };

  const parseArray = (path: string): unknown[] => {
    pos++;
    const array: unknown[] = [];
    skipWhitespace();
    if (source[pos] === ']') {
      pos++;
      return array;
    }
    for (;;) {
      skipWhitespace();
      if (source[pos] === ']')
        throw new Failure("expected a value, found ']' (a trailing comma is not allowed)", pos);
      array.push(parseValue(`${path}/${array.length}`));
      skipWhitespace();
      const next = source[pos];
      if (next === ',') {
        pos++;
        continue;
      }
      if (next === ']') {
        pos++;
        return array;
      }
      throw new Failure(`expected ',' or ']' after an array item, found ${describe(next)}`, pos);
    }
  };

  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const where = (offset: number) => {
    const at = offset + offsetBase;
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid]! <= at) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: at - lineStarts[low]! + 1 };
  };

  try {
    skipWhitespace();
    if (pos >= source.length) throw new Failure('the file is empty; expected a JSON object', pos);
    const value = parseValue('');
    skipWhitespace();
    if (pos < source.length)
      throw new Failure(`unexpected ${describe(source[pos])} after the end of the JSON value`, pos);
    return {
      ok: true,
      value,
      duplicateKeys: duplicates.map((d) => ({ path: d.path, key: d.key, ...where(d.offset) })),
      locate: (pointer) => {
        const offset = offsets.get(pointer);
        return offset === undefined ? undefined : where(offset);
      },
    };
  } catch (error) {
    if (error instanceof Failure)
      return { ok: false, error: { message: error.message, ...where(error.offset) } };
    throw error;
  }
}
