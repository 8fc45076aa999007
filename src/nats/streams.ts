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

async function ensureStream(jsm: JetStreamManager, config: Partial<StreamConfig> & { name: string }): Promise<void> {
  try {
    await jsm.streams.info(config.name!);
    await jsm.streams.update(config.name!, config);
  } catch (e) {
    if (!isNotFound(e)) throw e;
    await jsm.streams.add(config);
  }
}

export async function ensureStreams(nc: NatsConnection, work: WorkQueueSettings = DEFAULT_WORK_SETTINGS): Promise<void> {
  const jsm = await jetstreamManager(nc);
  await ensureStream(jsm, EVENTS);
  await ensureStream(jsm, WORK);
  const consumer = {
    durable_name: WORK_CONSUMER,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: nanos(work.ackWaitSeconds * 1000),
    max_deliver: work.maxDeliver,
    max_ack_pending: 10000,
  };
  try {
    await jsm.consumers.info(WORK_STREAM, WORK_CONSUMER);
    await jsm.consumers.update(WORK_STREAM, WORK_CONSUMER, consumer);
  } catch (e) {
    if (!isNotFound(e)) throw e;
    await jsm.consumers.add(WORK_STREAM, consumer);
  }
}

export function isNotFound(e: unknown): boolean {
  const msg = String((e as Error)?.message ?? e);
  return /not found/i.test(msg);
}
