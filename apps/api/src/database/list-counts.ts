import { Inject, Injectable } from '@nestjs/common';
import { ChangeNotices } from './change-notices';

/** Where the tables behind the big lists announce any write (migration ListIndexes). */
export const LIST_COUNTS_CHANGED_CHANNEL = 'carescore_list_counts_changed';

/**
 * The totals react-admin's Content-Range needs for the big lists (staff, scorecards), kept per query text and
 * values while this process hears the change notices of the tables they count: a page costs an index range scan
 * of 25 rows, but its total counted 50 000 index entries on every request, most of a list request's database work,
 * repeated for every page, sort and client. Any insert, update or delete of those tables (a run, an import, an
 * edit, from any process or psql) forgets every total at once; without a live listener (embedded PGlite, a lost
 * connection) every total is counted. Concurrent requests for the same uncounted total share one query.
 */
@Injectable()
export class ListCounts {
  private static readonly LIMIT = 5_000;
  private readonly totals = new Map<string, number>();
  private readonly counting = new Map<string, Promise<number>>();
  private generation = 0;

  constructor(@Inject(ChangeNotices) private readonly notices: ChangeNotices) {
    notices.subscribe(LIST_COUNTS_CHANGED_CHANNEL, { notice: () => this.clear(), lost: () => this.clear() });
  }

  /** The total for this count query: kept, shared with a count under way, or counted by `count`. */
  async total(sql: string, values: readonly unknown[], count: () => Promise<number>): Promise<number> {
    if (!this.notices.listening) return count();
    const key = `${sql}\u0000${JSON.stringify(values)}`;
    const kept = this.totals.get(key);
    if (kept !== undefined) return kept;
    const pending = this.counting.get(key);
    if (pending !== undefined) return pending;
    const generation = this.generation;
    const counted: Promise<number> = count().finally(() => {
      if (this.counting.get(key) === counted) this.counting.delete(key);
    });
    this.counting.set(key, counted);
    const total = await counted;
    // A change announced while counting may not be in the total: use it for this answer, keep it not.
    if (generation === this.generation) {
      this.totals.set(key, total);
      if (this.totals.size > ListCounts.LIMIT) this.totals.delete(this.totals.keys().next().value as string);
    }
    return total;
  }

  private clear(): void {
    this.generation += 1;
    this.totals.clear();
    this.counting.clear();
  }
}
