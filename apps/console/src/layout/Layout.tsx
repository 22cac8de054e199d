import type { ReactNode } from 'react';
import { useEffect, useRef } from 'react';
import { Layout as RaLayout, useLocaleState } from 'react-admin';
import { consoleLocale } from '../i18n/i18nProvider';
import { API_URL, httpClient } from '../providers/httpClient';
import { session } from '../providers/session';
import { AppBar } from './AppBar';

/**
 * Right after signing in, switch once to the user's own language; a switch in the app bar after that is saved to the
 * account (PUT /api/auth/me/locale), so the next sign-in, and the user's mail, keep it. <html lang> follows for screen
 * readers and fonts.
 */
function UserLocale() {
  const [locale, setLocale] = useLocaleState();
  const saved = useRef<string | null>(null);
  useEffect(() => {
    document.documentElement.lang = locale;
    if (saved.current === null) {
      const pending = session.takePendingLocale();
      saved.current = pending ? consoleLocale(pending) : locale;
      if (saved.current !== locale) setLocale(saved.current);
      return;
    }
    if (saved.current === locale) return;
    saved.current = locale;
    httpClient(`${API_URL}/auth/me/locale`, { method: 'PUT', body: JSON.stringify({ locale: locale === 'zh-CN' ? 'zh' : 'en' }) }).catch(() => undefined);
  }, [locale, setLocale]);
  return null;
}

export function Layout({ children }: { children: ReactNode }) {
  return (
    <RaLayout appBar={AppBar}>
      <UserLocale />
      {children}
    </RaLayout>
  );
}
