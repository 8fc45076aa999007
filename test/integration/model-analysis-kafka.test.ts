/**
 * Model analysis of a Kafka topic on a real broker (test/helpers/services/kafka.ts): JSON records of the known model
 * written by the Kafka sink analyse back into that model and regenerate alike; only the newest records are read,
 * the same share from each partition; a missing topic is a 404.
 */
import anyTest, { type TestFn } from 'ava';
import { kafkaTopicSource } from '../../src/analysis/sources/kafka-topic.js';
import { profileRecords } from '../../src/analysis/profile-records.js';
import { assertLikeKnown, assertRegeneratedLike, generate, inferModel, serviceSettings, uniqueName, writeKnown } from '../helpers/analysis-roundtrip.js';
import { runSink } from '../helpers/readback-sinks.js';
import { serviceForTests } from '../helpers/services/for-tests.js';
import { sinkCtx } from '../helpers/services/fixtures.js';
import { parseModel } from '../../src/model/parse.js';
import { sinkFor } from '../../src/sinks/registry.js';
import { randomUUID } from 'node:crypto';

const test = anyTest as TestFn;
const kafka = await serviceForTests(test, 'kafka');

kafka.test('a topic of a known model analyses into that model, which regenerates alike', async (t) => {
  const props = { KAFKA_BROKERS: kafka.address() };
  const topic = uniqueName('customers');
  const rows = await writeKnown('kafka', props, { KAFKA_TOPIC: topic });
  const inferred = await inferModel(kafkaTopicSource(serviceSettings(props), topic));
  t.is(inferred.model_name, topic);
  assertLikeKnown(t, inferred, 'kafka');
  assertRegeneratedLike(t, rows, await generate(inferred, 7), 'kafka');
});

kafka.test('only the newest records are read, the same share of each of the 3 partitions', async (t) => {
  const props = { KAFKA_BROKERS: kafka.address() };
  const topic = uniqueName('counted');
  const model = { ...parseModel({ model_name: 'counted', Fields: [{ name: 'n', type: 'INCREMENT_INTEGER' }] }), tableNames: { KAFKA_TOPIC: topic } };
  const rows = await generate({ model_name: 'counted', Fields: [{ name: 'n', type: 'INCREMENT_INTEGER' }] }, 1, 900);
  await runSink(sinkFor('kafka'), sinkCtx(model, props, 900, 1, randomUUID()), [rows]);
  const { records, columns } = await profileRecords(kafkaTopicSource(serviceSettings(props), topic), 90);
  t.is(records, 90);
  // Rows are spread over the partitions in order: the newest 30 of each are among the newest rows written.
  t.true(columns[0]!.integers!.min >= 600n, `the oldest record read is n=${columns[0]!.integers!.min}`);

  const missing = await t.throwsAsync(inferModel(kafkaTopicSource(serviceSettings(props), uniqueName('none'))));
  t.is((missing as { status?: number }).status, 404);
  t.regex(missing!.message, /topic none_.*: there is no such topic/);
});
