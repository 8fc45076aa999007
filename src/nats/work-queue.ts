/** Batch work items on DATAGEN_WORK: published by the orchestrator, pulled by generator actors. */
import type { Consumer, JetStreamClient } from '@nats-io/jetstream';
import { WORK_CONSUMER, WORK_STREAM, workMsgId, workSubject } from '../events/subjects.js';

/** Everything a generator actor needs to run one batch, with no other lookup than the model by hash. */
export interface WorkItem {
  commandUuid: string;
  batch: number;
  rows: number;
  seed: number;
  service: string;
  modelHash: string;
  properties: Record<string, string>;
  batches: number;
  /** The command's reference instant (epoch ms): time-based values are relative to it, so reruns are identical. */
  referenceTime: number;
  /** Failed attempts of this batch recorded before it was re-sent (after a failover): its attempts continue from there. */
  priorAttempts?: number;
}

/** `generation` distinguishes a deliberate re-send (after a failover) from a retry, which the server de-duplicates. */
export async function enqueueBatch(js: JetStreamClient, item: WorkItem, generation?: string): Promise<void> {
  const msgID = workMsgId(item.commandUuid, item.batch) + (generation ? `:${generation}` : '');
  await js.publish(workSubject(item.commandUuid, item.batch), JSON.stringify(item), { msgID, timeout: 10000 });
}

/**
 * Replaces the queued work item of a batch with one of `generation`. A previous orchestrator's item may be dead
 * (delivered max_deliver times while no orchestrator heard the advisory) or still pending: either way it goes.
 * An item of this generation already there (a retried call) is kept, never removed and re-sent.
 */
export async function replaceQueuedBatch(js: JetStreamClient, item: WorkItem, generation: string): Promise<void> {
  const jsm = await js.jetstreamManager();
  const stored = await jsm.streams.getMessage(WORK_STREAM, { last_by_subj: workSubject(item.commandUuid, item.batch) });
  if (stored?.header?.get('Nats-Msg-Id')?.endsWith(`:${generation}`)) return;
  if (stored) await jsm.streams.deleteMessage(WORK_STREAM, stored.seq, false).catch(() => {});
  await enqueueBatch(js, item, generation);
}

export async function workConsumer(js: JetStreamClient): Promise<Consumer> {
  return js.consumers.get(WORK_STREAM, WORK_CONSUMER);
}
