import { useTranslation } from 'react-i18next';
import { isLocale, type Locale } from './namespaces';

/** The language the UI shows now. */
export function useLocale(): Locale {
  const { i18n } = useTranslation();
  return isLocale(i18n.language) ? i18n.language : 'en';
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
