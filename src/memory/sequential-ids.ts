/** Predictable ids for specs: uuids counted up from a prefix, seeds counted up from 1. */
import type { Ids } from '../ports/ids.js';

export class SequentialIds implements Ids {
  private uuids = 0;
  private seeds = 0;

  /** `prefix`: eight hex digits, so that every id is a well-formed uuid. */
  constructor(private readonly prefix = '00000000') {}

  uuid(): string {
    const n = (++this.uuids).toString(16).padStart(12, '0');
    return `${this.prefix}-0000-4000-8000-${n}`;
  }

  seed(): number {
    return ++this.seeds;
  }
}
