/**
 * Verified sign-ins remembered for a while, so a client sending Basic credentials on every request pays the slow
 * check (scrypt, an LDAP bind) once. Keyed by an HMAC of the credentials under a key of this process: the map never
 * holds a password. Positive only: a failure is checked again each time (and throttled, src/api/auth-throttle.ts).
 */
import { createHmac, randomBytes } from 'node:crypto';

const MAX_REMEMBERED = 10_000;

export class RememberedSignIns<T> {
  private readonly key = randomBytes(32);
  private readonly entries = new Map<string, { value: T; until: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The key of these parts (name, password, whatever else the answer depends on). */
  mark(...parts: string[]): string {
    const hmac = createHmac('sha256', this.key);
    for (const p of parts) hmac.update(p).update('\0');
    return hmac.digest('base64');
  }

  get(mark: string): T | undefined {
    const entry = this.entries.get(mark);
    if (entry && entry.until > this.now()) return entry.value;
    if (entry) this.entries.delete(mark);
    return undefined;
  }

  remember(mark: string, value: T): void {
    if (this.ttlMs <= 0) return;
    if (this.entries.size >= MAX_REMEMBERED) this.entries.clear();
    this.entries.set(mark, { value, until: this.now() + this.ttlMs });
  }
}
