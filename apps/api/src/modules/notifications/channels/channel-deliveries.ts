import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { TransactionRunner } from '../../../database/transaction';
import { postToRobot } from '../notifier';
import { MAIL_SENDER, type MailSender } from './channel-senders';
import { CHANNELS_CONFIG, type ChannelsConfig } from './channels-config';
import { ChannelsRepository } from './channels.repository';
import { mailOf, robotBody, signedRobotUrl } from './delivery-message';

/** Items planned per round of a tick; a tick runs rounds until none is left. */
const PLAN_BATCH = 500;
/** A delivery queued this long without an outcome is queued again (its job was lost: a restart, a Redis outage). */
export const STALE_QUEUED_MS = 10 * 60_000;

export type SendOutcome = 'sent' | 'skipped' | 'gone';

/**
 * Delivery of inbox items beyond the app: `plan()` turns new items into deliveries (per channel, preference and
 * address) and `send(id)` makes one try. Who calls them: the embedded mode's timer and in-process queue, or the
 * workers' BullMQ jobs (with their retries and backoff). The in-app item never depends on any of it.
 */
@Injectable()
export class ChannelDeliveries {
  private readonly logger = new Logger('ChannelDeliveries');

  constructor(
    @Inject(ChannelsRepository) private readonly repository: ChannelsRepository,
    @Inject(TransactionRunner) private readonly transactions: TransactionRunner,
    @Inject(CHANNELS_CONFIG) private readonly config: ChannelsConfig,
    @Optional() @Inject(MAIL_SENDER) private readonly mail: MailSender | null,
  ) {}

  /** Plans every new item's deliveries; returns the deliveries to send (new ones, and queued ones whose job was lost). */
  async plan(now = new Date()): Promise<{ planned: number; queued: string[] }> {
    const result = { planned: 0, queued: [] as string[] };
    for (;;) {
      const round = await this.transactions.run((tx) => this.repository.planNew(PLAN_BATCH, this.mail !== null, now, tx));
      result.planned += round.planned;
      result.queued.push(...round.queued);
      if (round.planned < PLAN_BATCH) break;
    }
    const stale = await this.repository.queuedSince(new Date(now.getTime() - STALE_QUEUED_MS), PLAN_BATCH);
    result.queued.push(...stale.filter((id) => !result.queued.includes(id)));
    return result;
  }

  /**
   * One try of a delivery. A failure is recorded with its reason and thrown (for the queue to try again), or, on the
   * last try (`final`), recorded as failed for good and thrown all the same.
   */
  async send(id: string, final: boolean, now = new Date()): Promise<SendOutcome> {
    const delivery = await this.repository.toSend(id);
    if (!delivery) return 'gone';
    try {
      if (delivery.channel === 'email') {
        if (!this.mail || !delivery.settings.emailEnabled) return this.skip(id, 'channel_off', now);
        if (!delivery.address) return this.skip(id, 'no_address', now);
        await this.mail.send(delivery.address, mailOf(delivery.item, delivery.recipient.locale, this.config.publicUrl));
      } else {
        const { webhookUrl, webhookFormat, webhookSecret, webhookKinds } = delivery.settings;
        if (!webhookUrl || !webhookKinds.includes(delivery.item.kind)) return this.skip(id, 'channel_off', now);
        await postToRobot(signedRobotUrl(webhookUrl, webhookSecret, webhookFormat, now), robotBody(delivery.item, delivery.recipient.name, webhookFormat, this.config.publicUrl));
      }
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await this.repository.recordFailure(id, reason, final, new Date());
      this.logger.warn(`${delivery.channel} delivery ${id} failed${final ? ' for good' : ''}: ${reason}`);
      throw error;
    }
    await this.repository.recordSent(id, new Date());
    return 'sent';
  }

  private async skip(id: string, reason: string, now: Date): Promise<SendOutcome> {
    await this.repository.recordSkipped(id, reason, now);
    return 'skipped';
  }
}
