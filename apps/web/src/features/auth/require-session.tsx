import { useQueryClient } from '@tanstack/react-query';
import { Spin } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { onUnauthorized } from '../../api/http';
import { rememberLocale } from '../../i18n/i18n';
import { isLocale } from '../../i18n/namespaces';
import { ErrorState } from '../../shared/ui/error-state';
import { ME_KEY, useMe } from './session.hooks';

export function loginPath(location: { pathname: string; search: string }): string {
  return `/login?next=${encodeURIComponent(location.pathname + location.search)}`;
}

/**
 * The signed-in part of the app. A 401 from any call (the session expired or was ended
 * elsewhere) leads to the login page with the current location kept; forms keep what was typed
 * as a draft in sessionStorage, so nothing is lost on the way back.
 */
export function RequireSession() {
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { i18n } = useTranslation();

  useEffect(
    () =>
      onUnauthorized(() => {
        client.removeQueries({ queryKey: ME_KEY });
        navigate(`${loginPath(window.location)}&expired=1`, { replace: true });
      }),
    [client, navigate],
  );

  const userLocale = me.data?.user.locale;
  useEffect(() => {
    if (isLocale(userLocale) && userLocale !== i18n.language) {
      rememberLocale(userLocale);
      void i18n.changeLanguage(userLocale);
    }
  }, [userLocale, i18n]);

  if (me.isPending) {
    return (
      <div style={{ display: 'grid', placeItems: 'center', height: '100vh' }}>
        <Spin size="large" />
      </div>
    );
  }
  if (me.isError) {
    const status = (me.error as { status?: number }).status;
    if (status === 401) return <Navigate to={loginPath(location)} replace />;
    return <ErrorState error={me.error} onRetry={() => me.refetch()} />;
  }
  return <Outlet />;
}
