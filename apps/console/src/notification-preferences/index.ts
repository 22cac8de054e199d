import { lazy } from 'react';

/** `/notification-preferences`: each user's channels per kind of notification; for admins also the institution's channels and delivery log. */
export const NotificationPreferencesPage = lazy(() => import('./NotificationPreferencesPage').then((m) => ({ default: m.NotificationPreferencesPage })));
export const NOTIFICATION_PREFERENCES_PATH = '/notification-preferences';
