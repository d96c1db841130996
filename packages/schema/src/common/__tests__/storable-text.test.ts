import { describe, expect, it } from 'vitest';
import { findUnstorableText, unstorableText } from '../storable-text.js';

describe('unstorableText', () => {
  it.each([
    ['plain', 'Acme 有限公司', null],
    ['a surrogate pair (emoji)', 'ok 😀', null],
    ['a NUL byte', 'a\u0000b', /NUL/],
    ['a lone high surrogate', 'a\ud800b', /unpaired surrogate/],
    ['a lone low surrogate', '\udc00', /unpaired surrogate/],
    ['a reversed pair', '\ude00\ud83d', /unpaired surrogate/],
  ])('%s', (_name, text, expected) => {
    const problem = unstorableText(text);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });
});

describe('findUnstorableText', () => {
  it('names the path of the first bad string, keys included', () => {
    expect(findUnstorableText({ name: 'ok', items: [{ q: 1 }, { name: 'x\u0000' }] })).toEqual({
      path: 'items[1].name',
      message: expect.stringMatching(/NUL/),
    });
    expect(findUnstorableText({ meta: { 'k\ud800': 1 } }, 'json')?.path).toBe('json.meta.k\ud800');
    expect(findUnstorableText({ filter: { '==': [1, '\u0000'] } }, '', 'pointer')?.path).toBe('/filter/==/1');
    expect(findUnstorableText({ 'a/b': ['\u0000'] }, '', 'pointer')?.path).toBe('/a~1b/0');
    expect(findUnstorableText({ a: ['fine', 2, null, true] })).toBeNull();
  });

  it('walks any depth without the call stack', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 50_000; i++) deep = [deep];
    expect(findUnstorableText(deep)?.message).toMatch(/NUL/);
  });
});
