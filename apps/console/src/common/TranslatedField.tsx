import { useFieldValue, useTranslate } from 'react-admin';

/** Shows `<prefix>.<value>` translated: a role, a tier, a kind. */
export function TranslatedField({ source, prefix }: { source: string; prefix: string; label?: string; sortable?: boolean }) {
  const value: unknown = useFieldValue({ source });
  const translate = useTranslate();
  if (value === null || value === undefined || value === '') return null;
  return <span>{translate(`${prefix}.${String(value)}`, { _: String(value) })}</span>;
}
