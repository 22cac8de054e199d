import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, SURVEY_THROTTLE_DEFAULTS } from '../../config/app-config';
import { CLOCK, type Clock } from '../cases/clock';
import { MemoryThrottleStore } from '../auth/throttle-stores';

/**
 * Requests to the public survey pages per client address, in fixed windows (SURVEY_REQUESTS_PER_ADDRESS,
 * SURVEY_WINDOW_SECONDS): every GET and POST of /s/<token> counts, so nobody can walk through guessed tokens or flood
 * a link with answers. Counted the way sign-in failures are (the same fixed-window store, on the app's clock), in
 * this process: with several API processes behind a balancer each counts its own share.
 */
@Injectable()
export class SurveyThrottle {
  private readonly store: MemoryThrottleStore;
  private readonly limit: number;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    const settings = config.surveyThrottle ?? SURVEY_THROTTLE_DEFAULTS;
    this.store = new MemoryThrottleStore(settings.windowMs);
    this.limit = settings.requestsPerAddress;
  }

  /** null when the request may go on; otherwise the whole seconds to wait. */
  async take(address: string | null): Promise<number | null> {
    const taken = await this.store.take([{ key: `${this.config.queuePrefix}:survey:address:${address ?? 'unknown'}`, limit: this.limit }], this.clock.now().getTime());
    return taken.ok ? null : Math.max(1, Math.ceil(taken.retryAfterMs / 1000));
  }
}
