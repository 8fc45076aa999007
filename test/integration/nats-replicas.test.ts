/**
 * DATAGEN_NATS_REPLICAS on a real 3-node JetStream cluster: every stream and bucket the ports open gets that many
 * replicas, a deployment started with one replica scales up on its next start, and opening again changes nothing.
 */
import test from 'ava';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { DEFAULT_WORK_SETTINGS } from '../../src/ports/work-queue.js';
import { EVENTS_STREAM, WORK_CONSUMER, WORK_STREAM } from '../../src/events/subjects.js';
import { connectNats } from '../../src/nats/connection.js';
import { openNatsPorts } from '../../src/nats/nats-ports.js';
import { startTestNatsCluster, type TestNatsCluster } from '../helpers/nats-cluster.js';

const STREAMS = [EVENTS_STREAM, WORK_STREAM, 'OBJ_datagen_models', 'KV_datagen_model_names', 'KV_datagen_model_secrets', 'KV_datagen_command_secrets', 'KV_datagen_leases', 'KV_datagen_llm_answers', 'KV_datagen_llm_permits', 'KV_datagen_llm_spend'];

let cluster: TestNatsCluster;
let nc: NatsConnection;

test.before(async () => {
  cluster = await startTestNatsCluster();
  nc = await connectNats(cluster.url, 'replicas-test');
});
test.after.always(async () => {
  await nc?.close();
  await cluster?.destroy();
});

async function replicas(): Promise<Record<string, number>> {
  const jsm = await jetstreamManager(nc);
  const out: Record<string, number> = {};
  for (const s of STREAMS) out[s] = (await jsm.streams.info(s)).config.num_replicas;
  return out;
}

test.serial('ports opened with one replica, then with three: every stream and bucket ends with three, the work consumer too', async (t) => {
  await openNatsPorts(nc, DEFAULT_WORK_SETTINGS, 6000, 1);
  t.deepEqual(await replicas(), Object.fromEntries(STREAMS.map((s) => [s, 1])));
  await openNatsPorts(nc, DEFAULT_WORK_SETTINGS, 6000, 3);
  t.deepEqual(await replicas(), Object.fromEntries(STREAMS.map((s) => [s, 3])));
  // Opening again (another process starting) is idempotent.
  await openNatsPorts(nc, DEFAULT_WORK_SETTINGS, 6000, 3);
  t.deepEqual(await replicas(), Object.fromEntries(STREAMS.map((s) => [s, 3])));
  const jsm = await jetstreamManager(nc);
  const consumer = await jsm.consumers.info(WORK_STREAM, WORK_CONSUMER);
  const stream = await jsm.streams.info(WORK_STREAM);
  // Three servers hold each: the leader and its peers.
  const members = (c: typeof stream.cluster) => new Set([c?.leader, ...(c?.replicas ?? []).map((r) => r.name)].filter(Boolean)).size;
  t.is(members(stream.cluster), 3, JSON.stringify(stream.cluster));
  t.is(members(consumer.cluster), 3, JSON.stringify(consumer.cluster));
});
