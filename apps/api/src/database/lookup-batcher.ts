interface Waiter<V> {
  resolve: (value: V | null) => void;
  reject: (error: unknown) => void;
}

interface Batch<V> {
  /** The lookups waiting, by key. */
  keys: Map<string, Array<Waiter<V>>>;
  run: (keys: string[]) => Promise<Map<string, V>>;
}

/**
 * Gathers single-row lookups that arrive in the same turn of the event loop into one query per group: under
 * load, requests that each want one row by id then share one round trip to PostgreSQL (as DataLoader does)
 * instead of each paying for a query of their own. A lookup never waits for more than the current turn.
 */
export class LookupBatcher<V> {
  private readonly pending = new Map<string, Batch<V>>();
  private scheduled = false;

  /**
   * The value for `key`, fetched together with the other keys of the same `group` asked for in this turn.
   * `fetch` gets the distinct keys and returns the values found (a key without one resolves to null); lookups in
   * one group must mean the same query, since the group's first `fetch` is the one used.
   */
  load(group: string, key: string, fetch: (keys: string[]) => Promise<Map<string, V>>): Promise<V | null> {
    return new Promise((resolve, reject) => {
      let batch = this.pending.get(group);
      if (batch === undefined) this.pending.set(group, (batch = { keys: new Map(), run: fetch }));
      const waiting = batch.keys.get(key);
      if (waiting === undefined) batch.keys.set(key, [{ resolve, reject }]);
      else waiting.push({ resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const batches = [...this.pending.values()];
    this.pending.clear();
    for (const batch of batches) {
      batch.run([...batch.keys.keys()]).then(
        (found) => {
          for (const [key, waiting] of batch.keys) for (const one of waiting) one.resolve(found.get(key) ?? null);
        },
        (error: unknown) => {
          for (const waiting of batch.keys.values()) for (const one of waiting) one.reject(error);
        },
      );
    }
  }
}
