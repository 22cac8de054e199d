import { lazy } from 'react';

/** `/institution`: a page of its own (the API's resource is a single record), reached from the app bar. */
export const InstitutionSettingsPage = lazy(() => import('./InstitutionSettingsPage').then((m) => ({ default: m.InstitutionSettingsPage })));
export const INSTITUTION_PATH = '/institution';
