import i18next, { type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { isLocale, type Locale, namespaceOf } from './namespaces';

const bundles = import.meta.glob<Record<string, unknown>>(
  ['../features/*/i18n/*.json', '../shared/i18n/*.json', '../fields/i18n/*.json'],
  { eager: true, import: 'default' },
);

function resources(): Resource {
  const out: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const [path, bundle] of Object.entries(bundles)) {
    const where = namespaceOf(path);
    if (!where) continue;
    out[where.locale] ??= {};
    out[where.locale]![where.ns] = bundle;
  }
  return out;
}

const STORAGE_KEY = 'tessera.locale';

/** Before login: the last language used in this browser, else the browser's own. */
export function initialLocale(): Locale {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (isLocale(saved)) return saved;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function rememberLocale(locale: Locale): void {
  localStorage.setItem(STORAGE_KEY, locale);
  document.documentElement.lang = locale;
}

export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources: resources(),
  lng: initialLocale(),
  fallbackLng: 'en',
  defaultNS: 'shared',
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = i18n.language;
