/** A fresh bench topic, created the way the sink creates one (src/sinks/kafka/topic.ts), with the given partitions. */
import { platformaticClient } from '../src/sinks/kafka/platformatic-client.js';
import { createTopic as createSinkTopic } from '../src/sinks/kafka/topic.js';

export async function createBenchTopic(brokers: string, topic: string, partitions: number): Promise<void> {
  const admin = await platformaticClient.admin([brokers], 'bench-admin', 3);
  try {
    await createSinkTopic(platformaticClient, admin, { topic, partitions, replicationFactor: 1, deletePrevious: false });
  } finally {
    await admin.close();
  }
}
