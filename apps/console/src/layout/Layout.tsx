import type { ReactNode } from 'react';
import { useEffect } from 'react';
import { Layout as RaLayout, useLocaleState } from 'react-admin';
import { consoleLocale } from '../i18n/i18nProvider';
import { session } from '../providers/session';
import { AppBar } from './AppBar';

/**
 * Right after signing in, switch once to the user's own language (the app bar switches it after
 * that), and keep <html lang> in step for screen readers and fonts.
 */
function UserLocale() {
  const [locale, setLocale] = useLocaleState();
  useEffect(() => {
    const pending = session.takePendingLocale();
    if (pending) setLocale(consoleLocale(pending));
  }, [setLocale]);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
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
