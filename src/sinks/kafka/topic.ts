/**
 * Topic creation for prepare(): DELETE_PREVIOUS deletes the topic and waits until it can be created anew.
 * Retriable broker answers (a just-started or busy broker may not know a new topic's partitions yet) are retried
 * until a deadline; anything else fails at once. Done when every partition's leader answers (ListOffsets).
 */
import type { KafkaClientAdapter, TopicAdmin } from './client.js';

const DEADLINE_MS = 30_000;

export interface TopicSpec {
  topic: string;
  partitions: number;
  replicationFactor: number;
  deletePrevious: boolean;
}

export async function createTopic(client: Pick<KafkaClientAdapter, 'retriable'>, admin: TopicAdmin, opts: TopicSpec): Promise<void> {
  const deadline = Date.now() + DEADLINE_MS;
  let deleted = !opts.deletePrevious;
  // After a delete, the topic must be seen gone before it is created again: from then on, "it exists" means our own
  // earlier create took (one whose leaders were not ready yet answers a retriable error although the topic is made).
  let gone = !opts.deletePrevious;
  for (;;) {
    try {
      if (!deleted) {
        if ((await admin.listTopics()).includes(opts.topic)) await admin.deleteTopic(opts.topic);
        deleted = true;
      }
      if (!gone) gone = !(await admin.listTopics()).includes(opts.topic);
      if (gone) {
        await admin.createTopic(opts.topic, opts.partitions, opts.replicationFactor);
        // Every partition's leader must answer before the first batch: a produce that meets a partition still
        // becoming leader fails, and a client may then resend the whole request, duplicating the other partitions.
        await admin.leadersReady(opts.topic);
        return;
      }
    } catch (err) {
      if (!client.retriable(err) || Date.now() > deadline) throw err;
    }
    if (Date.now() > deadline) throw new Error(`topic ${opts.topic} still exists ${DEADLINE_MS / 1000}s after deleting it`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
