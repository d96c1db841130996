import { describe, expect, it } from 'vitest';
import { jsonTextTooDeep, jsonValueTooDeep } from '../json-depth.js';

describe('JSON nesting depth', () => {
  it.each([
    ['1', 0],
    ['"[[[[{{{{"', 0],
    ['[]', 1],
    ['{"a":[1,{"b":"]]]}"}]}', 3],
    ['{"a":"\\"[[["}', 1],
  ])('%s nests %i deep', (text, depth) => {
    expect(jsonTextTooDeep(text, depth)).toBe(false);
    if (depth > 0) expect(jsonTextTooDeep(text, depth - 1)).toBe(true);
    expect(jsonValueTooDeep(JSON.parse(text), depth)).toBe(false);
    if (depth > 0) expect(jsonValueTooDeep(JSON.parse(text), depth - 1)).toBe(true);
  });

  it('measures 20,000 levels without overflowing', () => {
    const text = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    expect(jsonTextTooDeep(text, 128)).toBe(true);
    expect(jsonValueTooDeep(JSON.parse(text), 128)).toBe(true);
    expect(jsonTextTooDeep(text, 20_000)).toBe(false);
  });
});
