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
}

export async function enqueueBatch(js: JetStreamClient, item: WorkItem): Promise<void> {
  await js.publish(workSubject(item.commandUuid, item.batch), JSON.stringify(item), {
    msgID: workMsgId(item.commandUuid, item.batch),
    timeout: 10000,
  });
}

export async function workConsumer(js: JetStreamClient): Promise<Consumer> {
  return js.consumers.get(WORK_STREAM, WORK_CONSUMER);
}
