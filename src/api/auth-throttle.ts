/**
 * Throttling of failed sign-ins: failures are counted per key (a user name, a client address) in a sliding
 * minute; a key that reaches its limit is locked for a time that doubles at each new lockout (capped). While
 * locked, requests are refused without checking the password, so guessing gains nothing. Pure logic with an
 * injected clock; memory is bounded by evicting the least recently failed keys.
 */

export interface ThrottleOptions {
  /** Failures within `windowMs` that lock the key. */
  maxFailures: number;
  windowMs: number;
  /** First lockout; each later one doubles, up to `maxLockoutMs`. */
  lockoutMs: number;
  maxLockoutMs: number;
  /** A key with no failure for this long is forgotten (its lockouts too). */
  forgetMs: number;
  /** Tracked keys at most. */
  maxKeys: number;
}

interface Entry {
  failures: number[];
  lockouts: number;
  lockedUntil: number;
  lastFailure: number;
}

export class FailureThrottle {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly opts: ThrottleOptions,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** Milliseconds until the key may try again; 0 when it is not locked. */
  lockedFor(key: string): number {
    const entry = this.current(key);
    return entry ? Math.max(0, entry.lockedUntil - this.now()) : 0;
  }

  /** Records a failure; answers the new lockout in milliseconds when this failure locked the key, else 0. */
  fail(key: string): number {
    const now = this.now();
    const entry = this.current(key) ?? { failures: [], lockouts: 0, lockedUntil: 0, lastFailure: now };
    entry.failures = entry.failures.filter((t) => now - t < this.opts.windowMs);
    entry.failures.push(now);
    entry.lastFailure = now;
    let locked = 0;
    if (entry.failures.length >= this.opts.maxFailures) {
      locked = Math.min(this.opts.lockoutMs * 2 ** entry.lockouts, this.opts.maxLockoutMs);
      entry.lockouts++;
      entry.lockedUntil = now + locked;
      entry.failures = [];
    }
    // Re-insert so the map's order is least recently failed first, the order of eviction.
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.evict(now);
    return locked;
  }

  reset(key: string): void {
    this.entries.delete(key);
  }

  /** The key's entry, unless it has been forgotten. */
  private current(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && this.forgotten(entry, this.now())) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private forgotten(entry: Entry, now: number): boolean {
    return now >= entry.lockedUntil && now - entry.lastFailure >= this.opts.forgetMs;
  }

  /** Over the cap: drop forgotten keys, then the least recently failed unlocked ones, then locked ones, so a
   * flood of new names cannot free a locked key. */
  private evict(now: number): void {
    if (this.entries.size <= this.opts.maxKeys) return;
    const passes: Array<(e: Entry) => boolean> = [(e) => this.forgotten(e, now), (e) => e.lockedUntil <= now, () => true];
    for (const drop of passes) {
      for (const [key, entry] of this.entries) {
        if (this.entries.size <= this.opts.maxKeys) return;
        if (drop(entry)) this.entries.delete(key);
      }
    }
  }
}
