/**
 * Every UI string lives in a namespace JSON beside the code that uses it:
 * `features/<feature>/i18n/{en,zh-CN}.json` (namespace = the feature's folder name),
 * `shared/i18n/…` (namespace `shared`) and `fields/i18n/…` (namespace `fields`). Keys are stable
 * names (`list.empty`), never English text; code always names the namespace (`t('records:list.empty')`).
 * A test (i18n/__tests__) fails when a key lacks a language or code uses a key that does not exist.
 */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return value === 'zh-CN' || value === 'en';
}

/** `…/features/records/i18n/en.json` → `{ ns: 'records', locale: 'en' }`. */
export function namespaceOf(path: string): { ns: string; locale: string } | null {
  const m = /(?:features\/([^/]+)|(shared)|(fields))\/i18n\/([^/]+)\.json$/.exec(path);
  if (!m) return null;
  return { ns: m[1] ?? m[2] ?? m[3]!, locale: m[4]! };
}
