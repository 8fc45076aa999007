/**
 * Keeps one active orchestrator (the single writer of lifecycle events) per deployment: a key in a
 * JetStream KV bucket whose entries expire after the lease time. The holder refreshes it with a
 * compare-and-set; others try to create it. A holder that dies loses the lease when its entry expires;
 * one that stops hands it over at once by deleting it.
 */
import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';

const BUCKET = 'datagen_leases';

export interface LeaseCallbacks {
  onAcquire(): Promise<void>;
  onLose(): Promise<void>;
}

export class LeaderLease {
  private revision = 0;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private busy: Promise<void> = Promise.resolve();

  private constructor(private readonly kv: KV, private readonly key: string, readonly holder: string, private readonly ttlMs: number, private readonly log: Logger) {}

  static async open(nc: NatsConnection, key: string, holder: string, ttlMs: number, log: Logger): Promise<LeaderLease> {
    const kv = await new Kvm(nc).create(BUCKET, { ttl: ttlMs, history: 1 });
    return new LeaderLease(kv, key, holder, ttlMs, log);
  }

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
    this.timer = setInterval(() => void tick(), Math.max(200, Math.floor(this.ttlMs / 3)));
  }

  async stop(callbacks: LeaseCallbacks): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.busy;
    if (!this.isLeader) return;
    const revision = this.revision;
    this.revision = 0;
    await callbacks.onLose();
    await this.kv.delete(this.key, { previousSeq: revision }).catch(() => {});
  }

  private async tick(callbacks: LeaseCallbacks): Promise<void> {
    if (this.stopped) return;
    if (this.isLeader) {
      try {
        this.revision = await this.kv.update(this.key, this.holder, this.revision);
      } catch (err) {
        this.log.warn({ holder: this.holder, err: (err as Error).message }, 'lost the orchestrator lease');
        this.revision = 0;
        await callbacks.onLose();
      }
      return;
    }
    try {
      this.revision = await this.kv.create(this.key, this.holder);
    } catch {
      return; // someone else holds it
    }
    this.log.info({ holder: this.holder }, 'acquired the orchestrator lease');
    await callbacks.onAcquire();
  }
}
