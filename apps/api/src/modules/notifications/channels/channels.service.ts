import { Inject, Injectable, Optional } from '@nestjs/common';
import type { AuthUser, RequestContext } from '../../../common/auth/auth-user';
import type { ListQuery, Page } from '../../../common/http/list-query';
import { currentLanguage } from '../../../common/i18n/request-language';
import { TransactionRunner } from '../../../database/transaction';
import { AuditService } from '../../audit/audit.service';
import { inboxText } from '../inbox.dto';
import type { Role } from '@carescore/engine';
import { INBOX_KINDS, type InboxKind } from '../inbox.repository';
import { MAIL_SENDER, type MailSender } from './channel-senders';
import {
  type ChannelSettingsResponse,
  type DeliveryFilter,
  type DeliveryResponse,
  maskedRobotUrl,
  type PreferencesResponse,
  type UpdateChannelSettings,
  type UpdatePreferences,
} from './channels.dto';
import { type ChannelSettingsRow, ChannelsRepository } from './channels.repository';

/** The kinds each role can receive: only those are offered in its preferences (admins receive every kind). */
const KINDS_OF_ROLE: Record<Exclude<Role, 'admin'>, ReadonlySet<InboxKind>> = {
  quality_officer: new Set(['case_stage_started', 'case_assigned', 'case_stage_due_soon', 'run_failed', 'change_request_pending', 'change_request_decided']),
  manager: new Set(['case_stage_started', 'case_assigned', 'case_stage_due_soon', 'appeal_decided', 'reminder']),
  staff: new Set(['case_stage_started', 'case_stage_due_soon', 'period_published', 'appeal_decided', 'reminder']),
};

/**
 * Who hears what beyond the inbox: each user's mutes per kind and channel, an institution's channels (admins), and the
 * institution's delivery log (admins). Every change is audited; secrets never appear in a response or the audit log.
 */
@Injectable()
export class ChannelsService {
  constructor(
    @Inject(ChannelsRepository) private readonly repository: ChannelsRepository,
    @Inject(TransactionRunner) private readonly transactions: TransactionRunner,
    @Inject(AuditService) private readonly audit: AuditService,
    @Optional() @Inject(MAIL_SENDER) private readonly mail: MailSender | null,
  ) {}

  async preferences(user: AuthUser): Promise<PreferencesResponse> {
    const [settings, mutes] = await Promise.all([this.repository.settings(user.institutionId), this.repository.mutes(user.id)]);
    const kinds = INBOX_KINDS.filter((kind) => user.role === 'admin' || KINDS_OF_ROLE[user.role].has(kind));
    return {
      kinds,
      channels: [
        { channel: 'email', available: this.mail !== null && settings.emailEnabled, kinds },
        { channel: 'webhook', available: settings.webhookUrl !== null, kinds: kinds.filter((kind) => settings.webhookKinds.includes(kind)) },
      ],
      mutes: mutes.filter((mute) => (kinds as readonly string[]).includes(mute.kind)) as PreferencesResponse['mutes'],
    };
  }

  async updatePreferences(ctx: RequestContext, body: UpdatePreferences): Promise<PreferencesResponse> {
    const unique = [...new Map(body.mutes.map((mute) => [`${mute.kind}/${mute.channel}`, mute])).values()];
    await this.transactions.run(async (tx) => {
      const before = await this.repository.mutes(ctx.user.id, tx);
      await this.repository.replaceMutes(ctx.user.id, unique, tx);
      await this.audit.record(ctx, 'update', 'notification_preferences', ctx.user.id, { before: { mutes: before }, after: { mutes: unique } }, tx);
    });
    return this.preferences(ctx.user);
  }

  async settings(user: AuthUser): Promise<ChannelSettingsResponse> {
    return this.toResponse(await this.repository.settings(user.institutionId));
  }

  async updateSettings(ctx: RequestContext, body: UpdateChannelSettings): Promise<ChannelSettingsResponse> {
    const saved = await this.transactions.run(async (tx) => {
      const current = await this.repository.settings(ctx.user.institutionId, tx);
      // The masked address a GET returned, sent back unchanged, keeps the address it hides.
      const webhookUrl = body.webhookUrl === undefined || (body.webhookUrl !== null && body.webhookUrl === maskedRobotUrl(current.webhookUrl)) ? current.webhookUrl : body.webhookUrl;
      const webhookFormat = body.webhookFormat ?? current.webhookFormat;
      const next = {
        emailEnabled: body.emailEnabled ?? current.emailEnabled,
        webhookUrl,
        webhookFormat,
        webhookSecret: webhookUrl === null || webhookFormat !== 'dingtalk' ? null : body.webhookSecret === undefined ? current.webhookSecret : body.webhookSecret,
        webhookKinds: body.webhookKinds ? [...new Set(body.webhookKinds)] : current.webhookKinds,
      };
      await this.repository.saveSettings(ctx.user.institutionId, next, new Date(), tx);
      await this.audit.record(ctx, 'update', 'notification_settings', ctx.user.institutionId, { before: this.audited(current), after: this.audited(next) }, tx);
      return this.repository.settings(ctx.user.institutionId, tx);
    });
    return this.toResponse(saved);
  }

  async deliveries(user: AuthUser, query: ListQuery<DeliveryFilter>): Promise<Page<DeliveryResponse>> {
    const page = await this.repository.list(user.institutionId, { offset: query.offset, limit: query.limit, ...query.filter });
    const language = currentLanguage();
    return {
      total: page.total,
      items: page.items.map((row) => ({
        id: row.id,
        channel: row.channel,
        status: row.status,
        reason: row.reason,
        attempts: row.attempts,
        recipient: row.recipient,
        kind: row.item.kind,
        title: inboxText(row.item, language).title,
        target: { type: row.item.targetType, id: row.item.targetId },
        createdAt: row.createdAt.toISOString(),
        sentAt: row.sentAt?.toISOString() ?? null,
      })),
    };
  }

  private toResponse(row: ChannelSettingsRow): ChannelSettingsResponse {
    return {
      emailEnabled: row.emailEnabled,
      emailConfigured: this.mail !== null,
      webhookUrl: maskedRobotUrl(row.webhookUrl),
      webhookFormat: row.webhookFormat,
      webhookSecretSet: row.webhookSecret !== null,
      webhookKinds: row.webhookKinds.filter((kind): kind is ChannelSettingsResponse['webhookKinds'][number] => (INBOX_KINDS as readonly string[]).includes(kind)),
      updatedAt: row.updatedAt?.toISOString() ?? null,
    };
  }

  private audited(settings: Omit<ChannelSettingsRow, 'updatedAt'>): Record<string, unknown> {
    return { emailEnabled: settings.emailEnabled, webhookUrl: maskedRobotUrl(settings.webhookUrl), webhookFormat: settings.webhookFormat, webhookSecretSet: settings.webhookSecret !== null, webhookKinds: settings.webhookKinds };
  }
}
