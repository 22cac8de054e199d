import { API_URL, httpClient } from '../providers/httpClient';
import type { InboxItem } from '../notifications/inboxApi';

/** Shapes of apps/api/src/modules/notifications/channels/channels.dto.ts. */
export type NotificationKind = InboxItem['kind'];
export type Channel = 'email' | 'webhook';
export interface Mute {
  kind: NotificationKind;
  channel: Channel;
}
export interface Preferences {
  kinds: NotificationKind[];
  channels: Array<{ channel: Channel; available: boolean; kinds: NotificationKind[] }>;
  mutes: Mute[];
}
export interface ChannelSettings {
  emailEnabled: boolean;
  emailConfigured: boolean;
  webhookUrl: string | null;
  webhookFormat: 'wecom' | 'dingtalk' | 'json';
  webhookSecretSet: boolean;
  webhookKinds: NotificationKind[];
  updatedAt: string | null;
}
export type ChannelSettingsUpdate = Partial<Pick<ChannelSettings, 'emailEnabled' | 'webhookUrl' | 'webhookFormat' | 'webhookKinds'>> & { webhookSecret?: string | null };
export interface Delivery {
  id: string;
  channel: Channel;
  status: 'queued' | 'sent' | 'failed' | 'skipped';
  reason: string | null;
  attempts: number;
  recipient: { id: string; name: string; email: string };
  kind: NotificationKind;
  title: string;
  createdAt: string;
  sentAt: string | null;
}

const json = (method: string, body: unknown): RequestInit => ({ method, body: JSON.stringify(body), headers: new Headers({ Accept: 'application/json', 'Content-Type': 'application/json' }) });

export const preferencesApi = {
  preferences: async () => (await httpClient(`${API_URL}/notifications/preferences`)).json as Preferences,
  savePreferences: async (mutes: Mute[]) => (await httpClient(`${API_URL}/notifications/preferences`, json('PUT', { mutes }))).json as Preferences,
  channels: async () => (await httpClient(`${API_URL}/notifications/channels`)).json as ChannelSettings,
  saveChannels: async (update: ChannelSettingsUpdate) => (await httpClient(`${API_URL}/notifications/channels`, json('PUT', update))).json as ChannelSettings,
  deliveries: async (count: number) => (await httpClient(`${API_URL}/notifications/deliveries?range=${encodeURIComponent(JSON.stringify([0, count - 1]))}`)).json as Delivery[],
};
