import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIELD_ERROR_CODES } from '@tessera/schema';
import { describe, expect, it } from 'vitest';
import { LOCALES, namespaceOf } from '../namespaces';

/**
 * Every UI string exists in zh-CN and en: each namespace has both files with the same keys (plural
 * forms aside: English has `_one`, Chinese only `_other`), no empty text, and every key the code
 * names (`t('ns:key')`, `i18nKey="ns:key"`) exists in both.
 */
const SRC = fileURLToPath(new URL('../..', import.meta.url));

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'node_modules' && name !== '__tests__') walk(path, out);
    } else out.push(path);
  }
  return out;
}

function flatten(value: unknown, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else out.set(prefix, value);
  return out;
}

const PLURAL = /_(zero|one|two|few|many|other)$/;
const files = walk(SRC);
const bundles = new Map<string, Map<string, Map<string, unknown>>>(); // ns → locale → key → text
for (const path of files.filter((p) => p.endsWith('.json'))) {
  const where = namespaceOf(relative(SRC, path));
  if (!where) continue;
  const byLocale = bundles.get(where.ns) ?? new Map();
  byLocale.set(where.locale, flatten(JSON.parse(readFileSync(path, 'utf8'))));
  bundles.set(where.ns, byLocale);
}
const baseKeys = (keys: Map<string, unknown>) => new Set([...keys.keys()].map((k) => k.replace(PLURAL, '')));

describe('UI strings', () => {
  it('has namespaces', () => {
    expect([...bundles.keys()]).toEqual(
      expect.arrayContaining(['shared', 'auth', 'shell', 'records', 'fields']),
    );
  });

  for (const [ns, byLocale] of bundles) {
    it(`namespace ${ns}: zh-CN and en have the same keys, none empty`, () => {
      expect([...byLocale.keys()].sort()).toEqual([...LOCALES].sort());
      const [a, b] = LOCALES.map((l) => [...baseKeys(byLocale.get(l)!)].sort());
      expect(a).toEqual(b);
      for (const [locale, keys] of byLocale) {
        for (const [key, text] of keys) {
          expect(typeof text === 'string' && text.trim() !== '', `${ns}:${key} (${locale})`).toBe(true);
        }
        if (locale === 'en') {
          for (const key of keys.keys())
            if (key.endsWith('_one'))
              expect(keys.has(key.replace(/_one$/, '_other')), `${ns}:${key}`).toBe(true);
        }
      }
    });
  }

  it('every key used in the code exists in both languages', () => {
    const used = new Set<string>();
    const missing: string[] = [];
    const call = /\bt\(\s*['"`]([a-z0-9-]+):([A-Za-z0-9_.]+)['"`]/g;
    const attr = /i18nKey=["']([a-z0-9-]+):([A-Za-z0-9_.]+)["']/g;
    const unqualified = /\bt\(\s*['"]([A-Za-z0-9_.]+)['"]/g;
    for (const path of files.filter((p) => /\.(ts|tsx)$/.test(p))) {
      const source = readFileSync(path, 'utf8');
      for (const re of [call, attr]) {
        for (const m of source.matchAll(re)) {
          used.add(`${m[1]}:${m[2]}`);
          const byLocale = bundles.get(m[1]!);
          for (const locale of LOCALES) {
            const keys = byLocale?.get(locale);
            if (!keys || !baseKeys(keys).has(m[2]!))
              missing.push(`${relative(SRC, path)}: ${m[1]}:${m[2]} (${locale})`);
          }
        }
      }
      for (const m of source.matchAll(unqualified))
        missing.push(`${relative(SRC, path)}: t('${m[1]}') names no namespace`);
    }
    expect(missing).toEqual([]);
    expect(used.size).toBeGreaterThan(20);
  });

  it('every field error code the server sends has its text in both languages (shared:fieldError.<CODE>)', () => {
    // the record form translates server field errors by code (shared/field-error-text.ts)
    const shared = bundles.get('shared')!;
    const missing = FIELD_ERROR_CODES.flatMap((code) =>
      LOCALES.filter((locale) => !shared.get(locale)?.has(`fieldError.${code}`)).map((l) => `${code} (${l})`),
    );
    expect(missing).toEqual([]);
    // and no stale key: each names a code of the catalogue
    const stale = [...shared.get('en')!.keys()]
      .filter((k) => k.startsWith('fieldError.'))
      .filter((k) => !FIELD_ERROR_CODES.includes(k.slice('fieldError.'.length) as never));
    expect(stale).toEqual([]);
  });
});
