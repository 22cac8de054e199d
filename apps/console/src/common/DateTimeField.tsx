import { DateField, useLocaleState } from 'react-admin';

/** A timestamp in the console's language. */
export function DateTimeField({ source, showTime = true }: { source: string; label?: string; showTime?: boolean; sortable?: boolean }) {
  const [locale] = useLocaleState();
  return <DateField source={source} showTime={showTime} locales={locale} options={{ dateStyle: 'medium', ...(showTime ? { timeStyle: 'short' } : {}) }} emptyText="—" />;
}
