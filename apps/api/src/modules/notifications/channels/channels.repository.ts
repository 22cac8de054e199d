import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { publishedPeriodSql } from '../../../common/access/reader-scope';
import type { Tx } from '../../../database/transaction';
import type { InboxItemRow, InboxKind } from '../inbox.repository';
import type { WebhookFormat } from '../notifier';

export const CHANNELS = ['email', 'webhook'] as const;
export type Channel = (typeof CHANNELS)[number];
export const DELIVERY_STATUSES = ['queued', 'sent', 'failed', 'skipped'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export const WEBHOOK_FORMATS = ['wecom', 'dingtalk', 'json'] as const satisfies readonly WebhookFormat[];
export type { WebhookFormat };

export interface ChannelSettingsRow {
  emailEnabled: boolean;
  webhookUrl: string | null;
  webhookFormat: WebhookFormat;
  webhookSecret: string | null;
  webhookKinds: string[];
  updatedAt: Date | null;
}

/** Settings of an institution that never set any. */
export const DEFAULT_CHANNEL_SETTINGS: ChannelSettingsRow = {
  emailEnabled: true,
  webhookUrl: null,
  webhookFormat: 'wecom',
  webhookSecret: null,
  webhookKinds: ['case_stage_started', 'case_stage_due_soon', 'scheduled_run_failed'],
  updatedAt: null,
};

/** A delivery with everything sending it needs: the item, its recipient, and the institution's channel settings. */
export interface DeliveryToSend {
  id: string;
  channel: Channel;
  address: string | null;
  attempts: number;
  item: Pick<InboxItemRow, 'id' | 'kind' | 'targetType' | 'targetId' | 'params' | 'createdAt'>;
  recipient: { name: string; email: string; locale: string };
  settings: ChannelSettingsRow;
}

export interface DeliveryRow {
  id: string;
  channel: Channel;
  status: DeliveryStatus;
  reason: string | null;
  attempts: number;
  createdAt: Date;
  sentAt: Date | null;
  recipient: { id: string; name: string; email: string };
  item: Pick<InboxItemRow, 'kind' | 'targetType' | 'targetId' | 'params'>;
}

const SETTINGS_COLUMNS = `email_enabled AS "emailEnabled", webhook_url AS "webhookUrl", webhook_format AS "webhookFormat", webhook_secret AS "webhookSecret", webhook_kinds AS "webhookKinds", updated_at AS "updatedAt"`;

/** Items whose deliveries are not planned yet and that their reader may see now (held items wait for their period's publication). */
const UNPLANNED = `i.planned_at IS NULL AND (i.held_for_period IS NULL OR ${publishedPeriodSql({ institutionId: 'i.institution_id', period: 'i.held_for_period' })})`;

/**
 * Deliveries of inbox items over e-mail and the institution's group robot, the channel settings of an institution and the
 * kinds each user muted per channel.
 */
@Injectable()
export class ChannelsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /**
   * Plans the deliveries of up to `limit` new items (claimed with SKIP LOCKED, so several processes never plan one item
   * twice): an e-mail to the recipient when e-mail is configured (`emailConfigured`) and on for the institution, a group
   * message when the institution has a group robot for the item's kind; minus what the recipient muted. A recipient
   * without an address is recorded as skipped. Returns the deliveries queued.
   */
  async planNew(limit: number, emailConfigured: boolean, at: Date, tx: Tx): Promise<{ planned: number; queued: string[] }> {
    const claimed = (await tx.query(
      `UPDATE inbox_items i SET planned_at = $2
        WHERE i.id IN (SELECT i.id FROM inbox_items i WHERE ${UNPLANNED} ORDER BY i.created_at LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING i.id`,
      [limit, at.toISOString()],
    )) as [Array<{ id: string }>, number];
    const ids = claimed[0].map((row) => row.id);
    if (ids.length === 0) return { planned: 0, queued: [] };
    const rows = (await tx.query(
      `INSERT INTO notification_deliveries (institution_id, inbox_item_id, user_id, channel, address, status, reason, created_at, updated_at)
       SELECT i.institution_id, i.id, i.user_id, ch.channel, ch.address,
              CASE WHEN ch.address IS NULL THEN 'skipped' ELSE 'queued' END, CASE WHEN ch.address IS NULL THEN 'no_address' END, $3, $3
         FROM inbox_items i
         JOIN users u ON u.id = i.user_id AND u.active
         LEFT JOIN notification_settings ns ON ns.institution_id = i.institution_id
        CROSS JOIN LATERAL (VALUES ('email', nullif(btrim(u.email), '')), ('webhook', 'group')) AS ch(channel, address)
        WHERE i.id = ANY($1::uuid[])
          AND ((ch.channel = 'email' AND $2::boolean AND coalesce(ns.email_enabled, true))
            OR (ch.channel = 'webhook' AND ns.webhook_url IS NOT NULL AND i.kind = ANY(ns.webhook_kinds)))
          AND NOT EXISTS (SELECT 1 FROM notification_mutes m WHERE m.user_id = i.user_id AND m.kind = i.kind AND m.channel = ch.channel)
       RETURNING id, status`,
      [ids, emailConfigured, at.toISOString()],
    )) as Array<{ id: string; status: DeliveryStatus }>;
    return { planned: ids.length, queued: rows.filter((row) => row.status === 'queued').map((row) => row.id) };
  }

  /** Deliveries still queued that no job may hold any more (a lost job, a restart in embedded mode), oldest first. */
  async queuedSince(before: Date, limit: number): Promise<string[]> {
    const rows = (await this.dataSource.query(`SELECT id FROM notification_deliveries WHERE status = 'queued' AND updated_at <= $1 ORDER BY updated_at LIMIT $2`, [before.toISOString(), limit])) as Array<{
      id: string;
    }>;
    return rows.map((row) => row.id);
  }

  /** A queued delivery and what sending it needs; null once it was sent, failed for good or skipped. */
  async toSend(id: string): Promise<DeliveryToSend | null> {
    const rows = (await this.dataSource.query(
      `SELECT d.id, d.channel, d.address, d.attempts,
              i.id AS "itemId", i.kind, i.target_type AS "targetType", i.target_id AS "targetId", i.params, i.created_at AS "createdAt",
              u.name AS "recipientName", u.email AS "recipientEmail", u.locale AS "recipientLocale",
              ns.email_enabled AS "emailEnabled", ns.webhook_url AS "webhookUrl", ns.webhook_format AS "webhookFormat", ns.webhook_secret AS "webhookSecret", ns.webhook_kinds AS "webhookKinds", ns.updated_at AS "updatedAt"
         FROM notification_deliveries d
         JOIN inbox_items i ON i.id = d.inbox_item_id
         JOIN users u ON u.id = d.user_id
         LEFT JOIN notification_settings ns ON ns.institution_id = d.institution_id
        WHERE d.id = $1 AND d.status = 'queued'`,
      [id],
    )) as Array<Record<string, unknown>>;
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.id as string,
      channel: row.channel as Channel,
      address: row.address as string | null,
      attempts: row.attempts as number,
      item: { id: row.itemId as string, kind: row.kind as InboxKind, targetType: row.targetType as InboxItemRow['targetType'], targetId: row.targetId as string, params: row.params as InboxItemRow['params'], createdAt: new Date(row.createdAt as string) },
      recipient: { name: row.recipientName as string, email: row.recipientEmail as string, locale: row.recipientLocale as string },
      settings:
        row.emailEnabled === null || row.emailEnabled === undefined
          ? DEFAULT_CHANNEL_SETTINGS
          : { emailEnabled: row.emailEnabled as boolean, webhookUrl: row.webhookUrl as string | null, webhookFormat: row.webhookFormat as WebhookFormat, webhookSecret: row.webhookSecret as string | null, webhookKinds: row.webhookKinds as string[], updatedAt: new Date(row.updatedAt as string) },
    };
  }

  async recordSent(id: string, at: Date): Promise<void> {
    await this.dataSource.query(`UPDATE notification_deliveries SET status = 'sent', reason = NULL, attempts = attempts + 1, sent_at = $2, updated_at = $2 WHERE id = $1 AND status = 'queued'`, [id, at.toISOString()]);
  }

  /** A try that failed: the delivery stays queued for the next try with the reason, or is failed for good (`final`). */
  async recordFailure(id: string, reason: string, final: boolean, at: Date): Promise<void> {
    await this.dataSource.query(`UPDATE notification_deliveries SET status = CASE WHEN $3 THEN 'failed' ELSE status END, reason = $2, attempts = attempts + 1, updated_at = $4 WHERE id = $1 AND status = 'queued'`, [
      id,
      reason.slice(0, 500),
      final,
      at.toISOString(),
    ]);
  }

  /** Skipped after all (the channel was switched off or the address removed since it was planned). */
  async recordSkipped(id: string, reason: string, at: Date): Promise<void> {
    await this.dataSource.query(`UPDATE notification_deliveries SET status = 'skipped', reason = $2, updated_at = $3 WHERE id = $1 AND status = 'queued'`, [id, reason, at.toISOString()]);
  }

  /** The institution's deliveries, newest first, with their recipient and item. */
  async list(institutionId: string, page: { offset: number; limit: number; status?: DeliveryStatus; channel?: Channel }): Promise<{ items: DeliveryRow[]; total: number }> {
    const where = ['d.institution_id = $1'];
    const params: unknown[] = [institutionId];
    if (page.status) where.push(`d.status = $${params.push(page.status)}`);
    if (page.channel) where.push(`d.channel = $${params.push(page.channel)}`);
    const filter = where.join(' AND ');
    const [rows, counts] = await Promise.all([
      this.dataSource.query(
        `SELECT d.id, d.channel, d.status, d.reason, d.attempts, d.created_at AS "createdAt", d.sent_at AS "sentAt",
                u.id AS "userId", u.name AS "userName", u.email AS "userEmail",
                i.kind, i.target_type AS "targetType", i.target_id AS "targetId", i.params
           FROM notification_deliveries d JOIN users u ON u.id = d.user_id JOIN inbox_items i ON i.id = d.inbox_item_id
          WHERE ${filter} ORDER BY d.created_at DESC, d.id DESC OFFSET $${params.length + 1} LIMIT $${params.length + 2}`,
        [...params, page.offset, page.limit],
      ) as Promise<Array<Record<string, unknown>>>,
      this.dataSource.query(`SELECT count(*)::int AS n FROM notification_deliveries d WHERE ${filter}`, params) as Promise<Array<{ n: number }>>,
    ]);
    return {
      items: rows.map((row) => ({
        id: row.id as string,
        channel: row.channel as Channel,
        status: row.status as DeliveryStatus,
        reason: row.reason as string | null,
        attempts: row.attempts as number,
        createdAt: new Date(row.createdAt as string),
        sentAt: row.sentAt ? new Date(row.sentAt as string) : null,
        recipient: { id: row.userId as string, name: row.userName as string, email: row.userEmail as string },
        item: { kind: row.kind as InboxKind, targetType: row.targetType as InboxItemRow['targetType'], targetId: row.targetId as string, params: row.params as InboxItemRow['params'] },
      })),
      total: counts[0].n,
    };
  }

  async settings(institutionId: string, tx?: Tx): Promise<ChannelSettingsRow> {
    const rows = (await (tx ?? this.dataSource).query(`SELECT ${SETTINGS_COLUMNS} FROM notification_settings WHERE institution_id = $1`, [institutionId])) as ChannelSettingsRow[];
    return rows[0] ? { ...rows[0], updatedAt: rows[0].updatedAt ? new Date(rows[0].updatedAt) : null } : DEFAULT_CHANNEL_SETTINGS;
  }

  async saveSettings(institutionId: string, settings: Omit<ChannelSettingsRow, 'updatedAt'>, at: Date, tx: Tx): Promise<void> {
    await tx.query(
      `INSERT INTO notification_settings (institution_id, email_enabled, webhook_url, webhook_format, webhook_secret, webhook_kinds, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (institution_id) DO UPDATE SET email_enabled = excluded.email_enabled, webhook_url = excluded.webhook_url, webhook_format = excluded.webhook_format,
         webhook_secret = excluded.webhook_secret, webhook_kinds = excluded.webhook_kinds, updated_at = excluded.updated_at`,
      [institutionId, settings.emailEnabled, settings.webhookUrl, settings.webhookFormat, settings.webhookSecret, settings.webhookKinds, at.toISOString()],
    );
  }

  async mutes(userId: string, tx?: Tx): Promise<Array<{ kind: string; channel: Channel }>> {
    return (await (tx ?? this.dataSource).query(`SELECT kind, channel FROM notification_mutes WHERE user_id = $1 ORDER BY kind, channel`, [userId])) as Array<{ kind: string; channel: Channel }>;
  }

  async replaceMutes(userId: string, mutes: ReadonlyArray<{ kind: string; channel: Channel }>, tx: Tx): Promise<void> {
    await tx.query(`DELETE FROM notification_mutes WHERE user_id = $1`, [userId]);
    if (mutes.length === 0) return;
    await tx.query(`INSERT INTO notification_mutes (user_id, kind, channel) SELECT $1, m.kind, m.channel FROM jsonb_to_recordset($2::jsonb) AS m(kind text, channel text)`, [userId, JSON.stringify(mutes)]);
  }
}
