/** Topic creation for prepare(): DELETE_PREVIOUS deletes the topic and waits until it can be created anew. */
import type { Admin } from 'kafkajs';
import type { KafkaSinkOptions } from './options.js';

const RECREATE_WAIT_MS = 30_000;

export async function createTopic(admin: Admin, opts: KafkaSinkOptions): Promise<void> {
  if (opts.deletePrevious && (await admin.listTopics()).includes(opts.topic)) {
    await admin.deleteTopics({ topics: [opts.topic], timeout: 30_000 });
  }
  const deadline = Date.now() + RECREATE_WAIT_MS;
  for (;;) {
    const created = await admin.createTopics({
      topics: [{ topic: opts.topic, numPartitions: opts.partitions, replicationFactor: opts.replicationFactor }],
      waitForLeaders: true,
      timeout: 30_000,
    });
    // false: it exists. Fine when keeping previous data; after a delete it means the deletion is still in progress.
    if (created || !opts.deletePrevious) return;
    if (Date.now() > deadline) throw new Error(`topic ${opts.topic} still exists ${RECREATE_WAIT_MS / 1000}s after deleting it`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
