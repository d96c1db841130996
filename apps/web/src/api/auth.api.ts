import type { MeInfo, MePatch, SessionInfo } from '@tessera/api';
import { setPlatformTimeZone } from '../shared/platform-clock';
import { http, request, setCsrfToken } from './http';

export const authApi = {
  async me(): Promise<MeInfo> {
    const me = await request<MeInfo>('GET', '/api/auth/me', { quiet401: true });
    setCsrfToken(me.csrfToken);
    setPlatformTimeZone(me.timeZone);
    return me;
  },
  async login(username: string, password: string): Promise<SessionInfo> {
    const session = await http.post<SessionInfo>(
      '/api/auth/login',
      { username, password },
      { quiet401: true },
    );
    setCsrfToken(session.csrfToken);
    return session;
  },
  async logout(): Promise<void> {
    await http.post('/api/auth/logout');
    setCsrfToken(null);
  },
  /** Saves the user's language (the UI switches at once; this keeps it for the next login). */
  setLocale: (locale: MePatch['locale']) => http.patch<MeInfo>('/api/auth/me', { locale } satisfies MePatch),
};
