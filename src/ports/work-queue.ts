/**
 * The work queue port: one item per batch, or per shard of a sharded batch (DATAGEN_WORK in production), pulled by generator actors.
 * An item pulled and neither acked nor heartbeaten within the ack wait is delivered again; after `maxDeliver`
 * deliveries that all ended without an ack it is a dead letter, reported to the dead-letter listeners.
 */
import type { RateSpec } from '../events/types.js';
import type { Unsubscribe } from './event-log.js';

/** Everything a generator actor needs to run one batch, with no other lookup than the model by hash. */
export interface WorkItem {
  commandUuid: string;
  batch: number;
  rows: number;
  seed: number;
  service: string;
  /** The sinks of a multipleconnectors command (absent for any other). */
  connectors?: string[];
  modelHash: string;
  properties: Record<string, string>;
  batches: number;
  /** The command's reference instant (epoch ms): time-based values are relative to it, so reruns are identical. */
  referenceTime: number;
  /** TIMESTAMP reads the wall clock (the command has no seed of its own); absent: the row clock from referenceTime. */
  wallClock?: boolean;
  /** Rows per shard recorded in the command (src/command/shards.ts); absent: the batch is one shard. */
  shardRows?: number;
  /** The shard of the batch this item generates (absent: the whole batch, shard 0 of 1). */
  shard?: number;
  /** Failed attempts of this batch recorded before it was re-sent (after a failover): its attempts continue from there. */
  priorAttempts?: number;
  /** A rate-controlled command: its pace and the pace's origin, so every worker sends each row at the same instant. */
  pace?: Pace;
}

/** The pace of a rate-controlled command's rows: row i goes at `startsAt` + the schedule's offset of i (rate-schedule.ts). */
export interface Pace {
  rate: RateSpec;
  /** Epoch ms: when the command's batches started (its `running` event). */
  startsAt: number;
}

export interface WorkQueueSettings {
  /** Seconds a worker may hold a batch without a heartbeat before it is redelivered. */
  ackWaitSeconds: number;
  /** Deliveries of one batch before it is given up (the command then fails). */
  maxDeliver: number;
}

export const DEFAULT_WORK_SETTINGS: WorkQueueSettings = { ackWaitSeconds: 30, maxDeliver: 3 };

/** One delivery of an item to one puller. */
export interface WorkDelivery {
  readonly item: WorkItem;
  /** 1 for the first delivery of this item, 2 for its first redelivery... */
  readonly deliveryCount: number;
  /** Done: the item leaves the queue. */
  ack(): void;
  /** Failed this time: deliver it again, after `delayMs` when given. */
  nak(delayMs?: number): void;
  /** Never deliver it again (no dead letter either). */
  term(reason?: string): void;
  /** Still working on it: the ack wait starts over. */
  heartbeat(): void;
}

/** An item whose every delivery ended without an ack. */
export interface DeadLetter {
  commandUuid: string;
  batch: number;
  /** The item's shard, for an item of a sharded batch. */
  shard?: number;
  deliveries: number;
}

export interface WorkQueue {
  /** `generation` distinguishes a deliberate re-send (after a failover) from a retry, which is de-duplicated. */
  enqueue(item: WorkItem, generation?: string): Promise<void>;
  /**
   * Replaces the queued item of a batch with one of `generation`: a previous one (pending or dead) goes;
   * an item of this generation already there (a retried call) is kept.
   */
  replace(item: WorkItem, generation: string): Promise<void>;
  /** The next delivery, or null when none came within `expiresMs`. */
  pull(expiresMs: number): Promise<WorkDelivery | null>;
  /**
   * Calls `handler` for each dead letter while subscribed; the item is removed once the handler resolved
   * (a rejection goes to `onError` and leaves it in the queue).
   */
  onDeadLetter(handler: (dead: DeadLetter) => Promise<void>, onError?: (err: unknown) => void): Unsubscribe;
}
