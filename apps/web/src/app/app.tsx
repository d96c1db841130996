import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import { useEffect } from 'react';
import { I18nextProvider } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { ANTD_LOCALES, applyDayjsLocale } from '../i18n/antd-locale';
import { i18n } from '../i18n/i18n';
import { LocaleProvider, useLocale } from '../i18n/use-locale';
import { queryClient } from './query-client';
import { router } from './router';
import { theme } from './theme';

function Localized() {
  const locale = useLocale();
  useEffect(() => applyDayjsLocale(locale), [locale]);
  return (
    <ConfigProvider locale={ANTD_LOCALES[locale]} theme={theme}>
      <AntApp>
        <RouterProvider router={router} />
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <LocaleProvider>
          <Localized />
        </LocaleProvider>
      </QueryClientProvider>
    </I18nextProvider>
  );
}
