import type { ReactNode } from 'react';
import { useEffect, useRef } from 'react';
import { Layout as RaLayout, useLocaleState } from 'react-admin';
import { consoleLocale } from '../i18n/i18nProvider';
import { API_URL, httpClient } from '../providers/httpClient';
import { session } from '../providers/session';
import { AppBar } from './AppBar';
import { AppMenu } from './AppMenu';

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

/** The content column may shrink below its widest child (a table, a chart), which then scrolls inside its own box: a phone's page never scrolls sideways. */
const LAYOUT_SX = { minWidth: 0, '& .RaLayout-appFrame, & .RaLayout-contentWithSidebar, & .RaLayout-content': { minWidth: 0 } } as const;

export function Layout({ children }: { children: ReactNode }) {
  return (
    <RaLayout appBar={AppBar} menu={AppMenu} sx={LAYOUT_SX}>
      <UserLocale />
      {children}
    </RaLayout>
  );
}
