/**
 * Keeps one active orchestrator (the single writer of lifecycle events) per deployment: a key in a lease
 * bucket whose entries expire after the lease time. The holder refreshes it with a compare-and-set; others try
 * to create it. A holder that dies loses the lease when its entry expires; one that stops hands it over at once
 * by deleting it. A holder whose roles fail to start (NATS still electing leaders after a node was lost) steps
 * down at once and tries again later: holding the lease with no orchestrator running would stall every command.
 */
import type { Logger } from 'pino';
import { every, systemClock, type CancelTimer, type Clock } from '../ports/clock.js';
import type { LeaseBucket } from '../ports/lease-bucket.js';

export interface LeaseCallbacks {
  onAcquire(): Promise<void>;
  onLose(): Promise<void>;
}

export class LeaderLease {
  private revision = 0;
  private cancelTicks?: CancelTimer;
  private stopped = false;
  private busy: Promise<void> = Promise.resolve();

  constructor(private readonly bucket: LeaseBucket, private readonly key: string, readonly holder: string, private readonly ttlMs: number, private readonly log: Logger, private readonly clock: Clock = systemClock) {}

  get isLeader(): boolean {
    return this.revision > 0;
  }

  /** Tries at once, then every third of the lease time, for as long as the lease is not stopped. */
  async start(callbacks: LeaseCallbacks): Promise<void> {
    const tick = () => {
      this.busy = this.busy.then(() => this.tick(callbacks)).catch((err) => this.log.warn({ err: (err as Error).message }, 'lease check failed'));
      return this.busy;
    };
    await tick();
    if (!this.stopped) this.cancelTicks = every(this.clock, Math.max(200, Math.floor(this.ttlMs / 3)), () => void tick());
  }

  async stop(callbacks: LeaseCallbacks): Promise<void> {
    this.stopped = true;
    this.cancelTicks?.();
    await this.busy;
    if (!this.isLeader) return;
    const revision = this.revision;
    this.revision = 0;
    await callbacks.onLose();
    await this.bucket.delete(this.key, revision).catch(() => {});
  }

  private async tick(callbacks: LeaseCallbacks): Promise<void> {
    if (this.stopped) return;
    if (this.isLeader) {
      try {
        this.revision = await this.bucket.update(this.key, this.holder, this.revision);
      } catch (err) {
        this.log.warn({ holder: this.holder, err: (err as Error).message }, 'lost the orchestrator lease');
        this.revision = 0;
        await callbacks.onLose();
      }
      return;
    }
    try {
      this.revision = await this.bucket.create(this.key, this.holder);
    } catch {
      return; // someone else holds it
    }
    this.log.info({ holder: this.holder }, 'acquired the orchestrator lease');
    try {
      await callbacks.onAcquire();
    } catch (err) {
      this.log.warn({ holder: this.holder, err: (err as Error)?.message }, 'the orchestrator did not start: releasing the lease to try again');
      const revision = this.revision;
      this.revision = 0;
      await callbacks.onLose().catch((e) => this.log.warn({ err: (e as Error)?.message }, 'stopping a half-started orchestrator failed'));
      await this.bucket.delete(this.key, revision).catch(() => {});
    }
  }
}
