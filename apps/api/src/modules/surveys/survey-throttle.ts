import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, SURVEY_THROTTLE_DEFAULTS } from '../../config/app-config';
import { CLOCK, type Clock } from '../cases/clock';
import { ThrottleStoreProvider } from '../auth/throttle-store-provider';
import type { ThrottleCounter } from '../auth/throttle-stores';

/**
 * Requests to the public survey pages per client address, in fixed windows (SURVEY_REQUESTS_PER_ADDRESS,
 * SURVEY_WINDOW_SECONDS): every GET and POST of /s/<token> counts, so nobody can walk through guessed tokens or flood
 * a link with answers. Counted as sign-in failures are (LoginThrottle): the same fixed-window stores, in Redis when
 * REDIS_URL is set (shared by every API process), in this process otherwise or while Redis is unreachable; on the
 * app's clock, so tests can pin a window's end.
 */
@Injectable()
export class SurveyThrottle implements OnApplicationShutdown {
  private readonly stores: ThrottleStoreProvider;
  private readonly limit: number;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    const settings = config.surveyThrottle ?? SURVEY_THROTTLE_DEFAULTS;
    this.stores = new ThrottleStoreProvider(config.redisUrl, settings.windowMs, 'survey page requests', 'SurveyThrottle');
    this.limit = settings.requestsPerAddress;
  }

  /** null when the request may go on; otherwise the whole seconds to wait. */
  async take(address: string | null): Promise<number | null> {
    const counters: ThrottleCounter[] = [{ key: `${this.config.queuePrefix}:survey:address:${address ?? 'unknown'}`, limit: this.limit }];
    const now = this.clock.now().getTime();
    let taken;
    try {
      taken = await (await this.stores.store()).take(counters, now);
    } catch (error) {
      this.stores.degrade(error);
      taken = await this.stores.memory.take(counters, now);
    }
    return taken.ok ? null : Math.max(1, Math.ceil(taken.retryAfterMs / 1000));
  }

  onApplicationShutdown(): void {
    this.stores.close();
  }
}
