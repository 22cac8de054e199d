import { useLocaleState } from 'react-admin';
import type { LocalizedText } from '../providers/dataProvider';

/** A `{zh, en}` name in the given console locale, falling back to the other language, then to `fallback`. */
export function pickLocalized(text: LocalizedText | null | undefined, locale: string, fallback = ''): string {
  if (!text) return fallback;
  const preferred = locale.startsWith('zh') ? [text.zh, text.en] : [text.en, text.zh];
  return preferred.find((value) => typeof value === 'string' && value.trim() !== '') ?? fallback;
}

/** `{zh, en}` → the current language's text. */
export function useLocalized(): (text: LocalizedText | null | undefined, fallback?: string) => string {
  const [locale] = useLocaleState();
  return (text, fallback) => pickLocalized(text, locale, fallback);
}

export interface TeamName {
  name: string;
  nameEn: string | null;
}

/** Teams keep a Chinese name and an optional English one. */
export function useTeamName(): (team: TeamName | null | undefined) => string {
  const localized = useLocalized();
  return (team) => (team ? localized({ zh: team.name, en: team.nameEn ?? undefined }, team.name) : '');
}
