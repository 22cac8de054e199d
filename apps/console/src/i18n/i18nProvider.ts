import polyglotI18nProvider from 'ra-i18n-polyglot';
import englishMessages from 'ra-language-english';
import type { TranslationMessages } from 'react-admin';
import { mergeMessages } from './merge-messages';
import { OWN_MESSAGES } from './messages';
import { raZhCN } from './ra-zh-CN';

export type Locale = 'zh-CN' | 'en';
export const LOCALES: Array<{ locale: Locale; name: string }> = [
  { locale: 'zh-CN', name: '简体中文' },
  { locale: 'en', name: 'English' },
];

// zh-CN is laid over English, so a key added by a react-admin upgrade shows in English, never blank.
export const MESSAGES: Record<Locale, TranslationMessages> = {
  en: mergeMessages(englishMessages, OWN_MESSAGES.en) as TranslationMessages,
  'zh-CN': mergeMessages(englishMessages, raZhCN, OWN_MESSAGES['zh-CN']) as TranslationMessages,
};

/** The API's user locale (zh, en) as a console locale. */
export function consoleLocale(apiLocale: string | null | undefined): Locale {
  return apiLocale?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** Before anybody signs in: the browser's language. */
export function browserLocale(): Locale {
  return consoleLocale(typeof navigator === 'undefined' ? 'en' : navigator.language);
}

export const i18nProvider = polyglotI18nProvider((locale) => MESSAGES[locale as Locale] ?? MESSAGES.en, browserLocale(), LOCALES);
