/** The lease bucket in memory, for specs: entries expire `ttlMs` after their last write on the injected clock. */
import { systemClock, type Clock } from '../ports/clock.js';
import type { LeaseBucket } from '../ports/lease-bucket.js';

interface Entry {
  value: string;
  revision: number;
  writtenAt: number;
}

export class InMemoryLeaseBucket implements LeaseBucket {
  private readonly entries = new Map<string, Entry>();
  private revisions = 0;

  constructor(private readonly ttlMs: number, private readonly clock: Clock = systemClock) {}

  async create(key: string, value: string): Promise<number> {
    if (this.live(key)) throw new Error(`wrong last sequence: key ${key} exists`);
    return this.write(key, value);
  }

  async update(key: string, value: string, revision: number): Promise<number> {
    if (this.live(key)?.revision !== revision) throw new Error(`wrong last sequence: key ${key} is not at revision ${revision}`);
    return this.write(key, value);
  }

  async delete(key: string, revision: number): Promise<void> {
    if (this.live(key)?.revision !== revision) throw new Error(`wrong last sequence: key ${key} is not at revision ${revision}`);
    this.entries.delete(key);
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && this.clock.now() - entry.writtenAt >= this.ttlMs) this.entries.delete(key);
    return this.entries.get(key);
  }

  private write(key: string, value: string): number {
    const revision = ++this.revisions;
    this.entries.set(key, { value, revision, writtenAt: this.clock.now() });
    return revision;
  }
}
