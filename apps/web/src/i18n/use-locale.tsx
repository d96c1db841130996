import { createContext, type ReactNode, useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { isLocale, type Locale } from './namespaces';

const LocaleContext = createContext<Locale | null>(null);

/**
 * The UI's language for everything below (app.tsx puts it at the root). One component follows
 * i18next's language changes; the rest read a context — `useLocale` runs in every list cell, and
 * react-i18next's `useTranslation` (a translator and a language subscription per caller) there
 * was a large part of what mounting a row cost.
 */
export function LocaleProvider({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const locale = isLocale(i18n.language) ? i18n.language : 'en';
  return <LocaleContext value={locale}>{children}</LocaleContext>;
}

/** The language the UI shows now. */
export function useLocale(): Locale {
  const locale = useContext(LocaleContext);
  if (locale === null) throw new Error('useLocale is used outside <LocaleProvider> (app.tsx)');
  return locale;
}

export type PackLabel = Partial<Record<string, string>> | null | undefined;

/** A pack label (`{ en, zh-CN }`) in the UI's language, falling back to English, then any. */
export function pickLabel(label: PackLabel, locale: Locale, fallback = ''): string {
  if (!label) return fallback;
  return label[locale] ?? label.en ?? label['zh-CN'] ?? Object.values(label)[0] ?? fallback;
}

export function useLabel(): (label: PackLabel, fallback?: string) => string {
  const locale = useLocale();
  return (label, fallback) => pickLabel(label, locale, fallback);
}
