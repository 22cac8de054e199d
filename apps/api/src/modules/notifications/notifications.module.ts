import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { loadCasesConfig } from '../cases/cases-config';
import { ChannelDeliveries } from './channels/channel-deliveries';
import { MAIL_SENDER, SmtpMailSender } from './channels/channel-senders';
import { ChannelsController } from './channels/channels.controller';
import { CHANNELS_CONFIG, type ChannelsConfig, loadChannelsConfig } from './channels/channels-config';
import { ChannelsRepository } from './channels/channels.repository';
import { ChannelsService } from './channels/channels.service';
import { BullDeliveryQueue, DELIVERY_QUEUE, InProcessDeliveryQueue } from './channels/delivery-queue';
import { NotificationTick, NotificationTimer } from './channels/notification-tick';
import { InboxRepository } from './inbox.repository';
import { InboxService } from './inbox.service';
import { NotificationDelivery } from './notification-delivery';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { LogNotifier, NOTIFIER, type Notifier, WebhookNotifier } from './notifier';

/**
 * Escalation notices: recorded with the escalation, delivered after commit by the notifier —
 * a group-bot webhook when CASES_WEBHOOK_URL is set, the log otherwise. Another notifier (e-mail,
 * SMS) is a class implementing `Notifier` provided under NOTIFIER. Beside them, each user's in-app inbox
 * (InboxRepository, written by the modules whose events notify people, in their transactions), and the channels that
 * carry its items further: e-mail and the institution's group robot, per user preference (channels/).
 */
@Module({
  controllers: [NotificationsController, ChannelsController],
  providers: [
    NotificationsRepository,
    NotificationDelivery,
    InboxRepository,
    InboxService,
    ChannelsRepository,
    ChannelsService,
    ChannelDeliveries,
    InProcessDeliveryQueue,
    NotificationTick,
    NotificationTimer,
    { provide: CHANNELS_CONFIG, useFactory: () => loadChannelsConfig() },
    {
      provide: MAIL_SENDER,
      inject: [CHANNELS_CONFIG],
      useFactory: (channels: ChannelsConfig) => (channels.smtpUrl ? new SmtpMailSender(channels.smtpUrl, channels.mailFrom) : null),
    },
    {
      provide: DELIVERY_QUEUE,
      inject: [APP_CONFIG, CHANNELS_CONFIG, InProcessDeliveryQueue],
      useFactory: (config: AppConfig, channels: ChannelsConfig, inProcess: InProcessDeliveryQueue) => (config.redisUrl ? new BullDeliveryQueue(config, channels) : inProcess),
    },
    {
      provide: NOTIFIER,
      useFactory: (): Notifier => {
        const config = loadCasesConfig();
        return config.webhookUrl ? new WebhookNotifier(config.webhookUrl, config.webhookFormat) : new LogNotifier();
      },
    },
  ],
  exports: [NotificationsRepository, NotificationDelivery, NOTIFIER, InboxRepository, ChannelDeliveries, NotificationTick, CHANNELS_CONFIG, DELIVERY_QUEUE, InProcessDeliveryQueue],
})
export class NotificationsModule {}
