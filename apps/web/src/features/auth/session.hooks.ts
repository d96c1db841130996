import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { authApi } from '../../api/auth.api';
import { rememberLocale } from '../../i18n/i18n';
import type { Locale } from '../../i18n/namespaces';

export const ME_KEY = ['auth', 'me'] as const;

export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: authApi.me,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Switches the UI language at once (no reload) and saves it on the user for the next login. */
export function useSwitchLocale() {
  const { i18n } = useTranslation();
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: authApi.setLocale,
    onSuccess: (me) => client.setQueryData(ME_KEY, me),
  });
  return (locale: Locale, signedIn: boolean) => {
    rememberLocale(locale);
    void i18n.changeLanguage(locale);
    if (signedIn) save.mutate(locale);
  };
}
