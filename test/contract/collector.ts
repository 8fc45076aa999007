/** Collects what a subscription delivers and lets a test wait until it holds what it expects (an event, not a sleep). */
export class Collector<T> {
  readonly items: T[] = [];
  private waiters: Array<{ done: (items: T[]) => boolean; resolve: () => void }> = [];

  push = (item: T): void => {
    this.items.push(item);
    this.waiters = this.waiters.filter((w) => {
      if (!w.done(this.items)) return true;
      w.resolve();
      return false;
    });
  };

  /** Resolves once `done` holds; rejects after `failAfterMs` (a guard against hanging, not a measured threshold). */
  until(done: (items: T[]) => boolean, failAfterMs = 20_000): Promise<T[]> {
    if (done(this.items)) return Promise.resolve(this.items);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not delivered within ${failAfterMs} ms; got ${JSON.stringify(this.items).slice(0, 500)}`)), failAfterMs);
      this.waiters.push({ done, resolve: () => { clearTimeout(timer); resolve(this.items); } });
    });
  }
}
