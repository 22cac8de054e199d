import { Module } from '@nestjs/common';
import { loadCasesConfig } from '../cases/cases-config';
import { NotificationDelivery } from './notification-delivery';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { LogNotifier, NOTIFIER, type Notifier, WebhookNotifier } from './notifier';

/**
 * Escalation notices: recorded with the escalation, delivered after commit by the notifier —
 * a group-bot webhook when CASES_WEBHOOK_URL is set, the log otherwise. Another notifier (e-mail,
 * SMS) is a class implementing `Notifier` provided under NOTIFIER.
 */
@Module({
  controllers: [NotificationsController],
  providers: [
    NotificationsRepository,
    NotificationDelivery,
    {
      provide: NOTIFIER,
      useFactory: (): Notifier => {
        const config = loadCasesConfig();
        return config.webhookUrl ? new WebhookNotifier(config.webhookUrl, config.webhookFormat) : new LogNotifier();
      },
    },
  ],
  exports: [NotificationsRepository, NotificationDelivery, NOTIFIER],
})
export class NotificationsModule {}
