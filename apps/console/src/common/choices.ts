import { ROLES } from '../providers/session';

/** Choices for SelectInputs; react-admin translates the names. */
export const roleChoices = ROLES.map((id) => ({ id, name: `carescore.roles.${id}` }));
export const TIERS = ['junior', 'mid', 'senior'] as const;
export const tierChoices = TIERS.map((id) => ({ id, name: `carescore.tiers.${id}` }));
export const localeChoices = ['zh', 'en'].map((id) => ({ id, name: `carescore.locales.${id}` }));
export const kindChoices = ['scheme', 'workflow', 'survey'].map((id) => ({ id, name: `carescore.kinds.${id}` }));
export const statusChoices = ['draft', 'published', 'retired'].map((id) => ({ id, name: `carescore.statuses.${id}` }));

/** 2026-03 or 2026-Q1, as the API checks it. */
export const PERIOD_PATTERN = /^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/;
