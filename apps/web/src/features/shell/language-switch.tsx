import { TranslationOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { LOCALES, type Locale } from '../../i18n/namespaces';
import { useLocale } from '../../i18n/use-locale';
import { useSwitchLocale } from '../auth/session.hooks';

const NAMES: Record<Locale, string> = { 'zh-CN': '简体中文', en: 'English' };

/** Language menu: switches at once; when signed in, the choice is saved on the user. */
export function LanguageSwitch({ signedIn = false, dark = false }: { signedIn?: boolean; dark?: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const switchTo = useSwitchLocale();
  return (
    <Dropdown
      menu={{
        selectedKeys: [locale],
        items: LOCALES.map((l) => ({ key: l, label: NAMES[l], lang: l })),
        onClick: ({ key }) => switchTo(key as Locale, signedIn),
      }}
    >
      <Button
        type="text"
        icon={<TranslationOutlined />}
        // the accessible name holds the visible text (WCAG 2.5.3): "Language: English"
        aria-label={`${t('shell:language')}: ${NAMES[locale]}`}
        style={dark ? { color: '#fff' } : undefined}
      >
        {NAMES[locale]}
      </Button>
    </Dropdown>
  );
}
