import { Inject, Injectable, Logger } from '@nestjs/common';
import type { NotificationEntity } from './notification.entity';
import { NotificationsRepository } from './notifications.repository';
import { NOTIFIER, type Notifier } from './notifier';

/** Sends recorded notices through the notifier and records the outcome; never throws. */
@Injectable()
export class NotificationDelivery {
  private readonly logger = new Logger('NotificationDelivery');

  constructor(
    @Inject(NotificationsRepository) private readonly notifications: NotificationsRepository,
    @Inject(NOTIFIER) private readonly notifier: Notifier,
  ) {}

  async deliver(ids: readonly string[]): Promise<number> {
    return this.send(await this.notifications.findByIds(ids));
  }

  /** Notices that failed or were never sent (a crash between commit and delivery), oldest first. */
  async deliverUndelivered(limit = 100): Promise<number> {
    return this.send(await this.notifications.undelivered(limit));
  }

  private async send(notifications: NotificationEntity[]): Promise<number> {
    let sent = 0;
    for (const notification of notifications) {
      if (notification.status === 'sent' || !(await this.notifications.claim(notification.id, notification.attempts))) continue;
      let error: string | null = null;
      try {
        await this.notifier.send(notification);
        sent += 1;
      } catch (failure) {
        error = failure instanceof Error ? failure.message : String(failure);
        this.logger.warn(`notification ${notification.id} (case ${notification.caseId}) was not delivered: ${error}`);
      }
      await this.notifications.recordOutcome(notification.id, this.notifier.channel, error, new Date()).catch((failure: unknown) => this.logger.error((failure as Error).message));
    }
    return sent;
  }
}
