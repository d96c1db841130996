import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonSource } from '../index.js';

describe('parseJsonSource', () => {
  it('parses what JSON.parse parses', () => {
    const text = '{ "a": [1, -2.5e3, true, false, null, "x\\n\\u00e9"], "b": {} }';
    const result = parseJsonSource(text);
    expect(result).toMatchObject({ ok: true, value: JSON.parse(text), duplicateKeys: [] });
  });

  it('skips a byte-order mark', () => {
    expect(parseJsonSource('\uFEFF{"a":1}')).toMatchObject({ ok: true, value: { a: 1 } });
  });

  it.each([
    [
      'trailing comma in an object',
      '{\n  "a": 1,\n}',
      3,
      1,
      "expected a property name in double quotes, found '}' (a trailing comma is not allowed)",
    ],
    [
      'trailing comma in an array',
      '[1,\n 2,\n]',
      3,
      1,
      "expected a value, found ']' (a trailing comma is not allowed)",
    ],
    [
      'missing comma',
      '{\n  "a": 1\n  "b": 2\n}',
      3,
      3,
      "expected ',' or '}' after a property value, found '\"'",
    ],
    ['single quotes', "{ 'a': 1 }", 1, 3, "expected a property name in double quotes, found '''"],
    ['unterminated string', '{ "a": "x\n}', 1, 8, 'unterminated string'],
    ['empty file', '  \n', 2, 1, 'the file is empty; expected a JSON object'],
    ['text after the value', '{}\n{}', 2, 1, "unexpected '{' after the end of the JSON value"],
    ['end of file inside an object', '{ "a": ', 1, 8, 'unexpected the end of the file; expected a value'],
  ])('%s → line and column', (_name, text, line, column, message) => {
    expect(parseJsonSource(text)).toEqual({ ok: false, error: { line, column, message } });
  });

  it('reports duplicate keys with their JSON pointer, keeping the last value like JSON.parse', () => {
    const result = parseJsonSource(
      '{\n  "fields": [{ "key": "a", "key": "b" }],\n  "a/b": 1,\n  "a/b": 2\n}',
    );
    expect(result).toMatchObject({
      ok: true,
      value: { fields: [{ key: 'b' }], 'a/b': 2 },
      duplicateKeys: [
        { path: '/fields/0/key', key: 'key', line: 2, column: 28 },
        { path: '/a~1b', key: 'a/b', line: 4, column: 3 },
      ],
    });
  });

  it('locates the value at a JSON pointer', () => {
    const result = parseJsonSource('{\n  "fields": [\n    { "key": "a" }\n  ]\n}');
    expect(result.ok && result.locate('/fields/0/key')).toEqual({ line: 3, column: 14 });
    expect(result.ok && result.locate('')).toEqual({ line: 1, column: 1 });
    expect(result.ok && result.locate('/nope')).toBeUndefined();
  });

  it('keeps a "__proto__" key as plain data', () => {
    const result = parseJsonSource('{"__proto__": {"x": 1}}');
    expect(result.ok && Object.hasOwn(result.value as object, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe('parseJsonSource agrees with JSON.parse (property-based)', () => {
  it('on any JSON text, indented or not', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 2, '\t'), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        const result = parseJsonSource(text);
        expect(result.ok).toBe(true);
        if (result.ok) expect(result.value).toEqual(JSON.parse(text));
      }),
    );
  });

  it('on damaged JSON text: it fails exactly when JSON.parse fails', () => {
    fc.assert(
      fc.property(
        fc.json(),
        fc.nat(),
        fc.constantFrom('', ',', '}', '"', ':', ']', '{'),
        (text, at, insert) => {
          const i = at % (text.length + 1);
          const damaged = text.slice(0, i) + insert + text.slice(i + 1);
          let parses = true;
          try {
            JSON.parse(damaged);
          } catch {
            parses = false;
          }
          expect(parseJsonSource(damaged).ok).toBe(parses);
        },
      ),
      { numRuns: 500 },
    );
  });
});
