import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { ChangeNotices } from '../../database/change-notices';

/** Where the tables behind a scorecard's detail announce their changes (migration ScorecardViewNotices). */
export const SCORECARD_VIEWS_CHANGED_CHANNEL = 'carescore_scorecard_views_changed';

/** A scorecard detail response as sent: the JSON bytes and their entity tag. */
export interface ScorecardDetailBody {
  body: Buffer;
  etag: string;
}

/** A served detail with what deciding who may read it needs, so a cached one is checked like a queried one. */
export interface CachedScorecardDetail extends ScorecardDetailBody {
  institutionId: string;
  staffId: string;
  /** The team the scorecard was evaluated in and the staff member's team now: a manager of either may read it. */
  teamIds: readonly string[];
}

/** Taken before reading from the database; what was read is kept only if no change was announced since. */
export type CacheToken = number | null;

/**
 * The scorecard detail responses this API process served, and the teams each manager manages, kept in memory
 * while ChangeNotices hears the tables they are made of. A succeeded run's scorecards do not change, but their
 * staff member's and team's names, the current flag and who manages which team can: any such change, from any
 * process or tool, is announced (migration ScorecardViewNotices) and everything here is forgotten at once, as it
 * is when the notices are lost. Bounded by SCORECARD_CACHE_MB, least recently read first out.
 */
@Injectable()
export class ScorecardDetailCache {
  private readonly details = new Map<string, CachedScorecardDetail>();
  private readonly managedTeams = new Map<string, ReadonlySet<string>>();
  private bytes = 0;
  private generation = 0;

  constructor(
    @Inject(ChangeNotices) private readonly notices: ChangeNotices,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    if (config.scorecardCacheBytes > 0) notices.subscribe(SCORECARD_VIEWS_CHANGED_CHANNEL, { notice: () => this.clear(), lost: () => this.clear() });
  }

  /** To pass to `keep…` after reading: null when nothing read now may be kept. */
  token(): CacheToken {
    return this.enabled() ? this.generation : null;
  }

  detail(id: string): CachedScorecardDetail | undefined {
    if (!this.enabled()) return undefined;
    const detail = this.details.get(id);
    if (detail !== undefined) {
      // Read again: to the back of the eviction order.
      this.details.delete(id);
      this.details.set(id, detail);
    }
    return detail;
  }

  keepDetail(token: CacheToken, id: string, detail: CachedScorecardDetail): void {
    if (!this.keeps(token) || detail.body.length > this.config.scorecardCacheBytes) return;
    const previous = this.details.get(id);
    if (previous !== undefined) this.bytes -= previous.body.length;
    this.details.set(id, detail);
    this.bytes += detail.body.length;
    for (const [oldest, evicted] of this.details) {
      if (this.bytes <= this.config.scorecardCacheBytes) break;
      this.details.delete(oldest);
      this.bytes -= evicted.body.length;
    }
  }

  teamsManagedBy(managerId: string): ReadonlySet<string> | undefined {
    return this.enabled() ? this.managedTeams.get(managerId) : undefined;
  }

  keepTeamsManagedBy(token: CacheToken, managerId: string, teamIds: ReadonlySet<string>): void {
    if (!this.keeps(token)) return;
    this.managedTeams.set(managerId, teamIds);
    if (this.managedTeams.size > 10_000) this.managedTeams.delete(this.managedTeams.keys().next().value as string);
  }

  private enabled(): boolean {
    return this.config.scorecardCacheBytes > 0 && this.notices.listening;
  }

  /** A token from while notices were heard, and no notice or loss of them since (both bump the generation). */
  private keeps(token: CacheToken): boolean {
    return token === this.generation;
  }

  private clear(): void {
    this.generation += 1;
    this.details.clear();
    this.managedTeams.clear();
    this.bytes = 0;
  }
}
