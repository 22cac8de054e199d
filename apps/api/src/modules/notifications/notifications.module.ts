import { Module } from '@nestjs/common';
import { loadCasesConfig } from '../cases/cases-config';
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
 * (InboxRepository, written by the modules whose events notify people, in their transactions).
 */
@Module({
  controllers: [NotificationsController],
  providers: [
    NotificationsRepository,
    NotificationDelivery,
    InboxRepository,
    InboxService,
    {
      provide: NOTIFIER,
      useFactory: (): Notifier => {
        const config = loadCasesConfig();
        return config.webhookUrl ? new WebhookNotifier(config.webhookUrl, config.webhookFormat) : new LogNotifier();
      },
    },
  ],
  exports: [NotificationsRepository, NotificationDelivery, NOTIFIER, InboxRepository],
})
export class NotificationsModule {}
