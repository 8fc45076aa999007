/** Creates the streams and the work consumer idempotently at start: the JetStream side of the ports. */
import { jetstreamManager, RetentionPolicy, StorageType, AckPolicy, DeliverPolicy, type JetStreamManager, type StreamConfig } from '@nats-io/jetstream';
import { nanos, type NatsConnection } from '@nats-io/transport-node';
import { EVENTS_STREAM, WORK_CONSUMER, WORK_STREAM } from '../events/subjects.js';
import { DEFAULT_WORK_SETTINGS, type WorkQueueSettings } from '../ports/work-queue.js';


const EVENTS: Partial<StreamConfig> & { name: string } = {
  name: EVENTS_STREAM,
  subjects: ['datagen.command.>', 'datagen.schedule.>'],
  storage: StorageType.File,
  retention: RetentionPolicy.Limits,
  deny_delete: true,
  deny_purge: true,
  duplicate_window: nanos(10 * 60 * 1000),
};

const WORK: Partial<StreamConfig> & { name: string } = {
  name: WORK_STREAM,
  subjects: ['datagen.work.>'],
  storage: StorageType.File,
  retention: RetentionPolicy.Workqueue,
  duplicate_window: nanos(10 * 60 * 1000),
};

/**
 * Retries a JetStream API call that timed out or found JetStream unavailable: on a cluster a stream or consumer that
 * was just created or scaled answers nothing until its replicas elect a leader (a second or two).
 */
export async function whileElecting<T>(call: () => Promise<T>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await call();
    } catch (e) {
      if (Date.now() > deadline || !isElecting(e)) throw e;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** A JetStream call that went unanswered while a leader is elected (or moved): worth trying again shortly. */
export function isElecting(e: unknown): boolean {
  return /timeout|temporarily unavailable|no responders/i.test(String((e as Error)?.message ?? e));
}

/** Whether `existing` already has every setting of `wanted`. */
function holds(existing: object, wanted: object): boolean {
  const have = existing as Record<string, unknown>;
  return Object.entries(wanted).every(([k, v]) => JSON.stringify(have[k]) === JSON.stringify(v));
}

/**
 * Updates only what differs: on a cluster an update is a replicated proposal, and one sent while a stream that was
 * just scaled elects its leader can go unanswered, so every process starting need not send one.
 */
async function ensureStream(jsm: JetStreamManager, config: Partial<StreamConfig> & { name: string }): Promise<void> {
  try {
    const info = await jsm.streams.info(config.name!);
    if (!holds(info.config, config)) await jsm.streams.update(config.name!, config);
  } catch (e) {
    if (!isNotFound(e)) throw e;
    await jsm.streams.add(config);
  }
}

/**
 * Sets an existing stream's replica count (a KV or object-store bucket's, which the kv and obj clients only set when
 * they create it): a deployment moved from one server to a cluster scales its streams up on the next start.
 */
export async function ensureReplicas(nc: NatsConnection, stream: string, replicas: number): Promise<void> {
  const jsm = await jetstreamManager(nc);
  const info = await whileElecting(() => jsm.streams.info(stream));
  if ((info.config.num_replicas || 1) !== replicas) await whileElecting(() => jsm.streams.update(stream, { num_replicas: replicas }));
  if (replicas > 1) await awaitLeader(jsm, stream);
}

/**
 * Waits until a replicated stream has a leader: one just created or scaled answers reads (a bucket's list, an
 * object's info) only then, and a port must not hand its first caller a time-out.
 */
async function awaitLeader(jsm: JetStreamManager, stream: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await whileElecting(() => jsm.streams.info(stream), timeoutMs)).cluster?.leader) {
    if (Date.now() > deadline) throw new Error(`stream ${stream} elected no leader within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Sets an existing stream's max age (a lease bucket's entry life, which the kv client only sets when it creates the
 * bucket): a changed lease time takes effect on the next start rather than leaving leases renewed less often than
 * they expire.
 */
export async function ensureMaxAge(nc: NatsConnection, stream: string, maxAgeMs: number): Promise<void> {
  const jsm = await jetstreamManager(nc);
  const info = await whileElecting(() => jsm.streams.info(stream));
  if (info.config.max_age !== nanos(maxAgeMs)) await whileElecting(() => jsm.streams.update(stream, { max_age: nanos(maxAgeMs) }));
}

/** `replicas`: of both streams (the work consumer inherits its stream's); more than 1 needs a JetStream cluster. */
export async function ensureStreams(nc: NatsConnection, work: WorkQueueSettings = DEFAULT_WORK_SETTINGS, replicas = 1): Promise<void> {
  const jsm = await jetstreamManager(nc);
  await whileElecting(() => ensureStream(jsm, { ...EVENTS, num_replicas: replicas }));
  await whileElecting(() => ensureStream(jsm, { ...WORK, num_replicas: replicas }));
  const consumer = {
    durable_name: WORK_CONSUMER,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: nanos(work.ackWaitSeconds * 1000),
    max_deliver: work.maxDeliver,
    max_ack_pending: 10000,
  };
  await whileElecting(async () => {
    try {
      const info = await jsm.consumers.info(WORK_STREAM, WORK_CONSUMER);
      if (!holds(info.config, consumer)) await jsm.consumers.update(WORK_STREAM, WORK_CONSUMER, consumer);
    } catch (e) {
      if (!isNotFound(e)) throw e;
      await jsm.consumers.add(WORK_STREAM, consumer);
    }
  });
}

export function isNotFound(e: unknown): boolean {
  const msg = String((e as Error)?.message ?? e);
  return /not found/i.test(msg);
}
