/**
 * A sharded batch on a real nats-server: the orchestrator enqueues one work item per shard on DATAGEN_WORK,
 * two batch pullers (each its own activities) pull them, write the shards with the real json sink, and the
 * batch completes as one file once every shard has; the same seed unsharded gives the same bytes.
 */
import test from 'ava';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { InlineActivities } from '../../src/activities/inline-activities.js';
import { commandFilter, WORK_STREAM } from '../../src/events/subjects.js';
import type { CommandEventMap, StoredEvent } from '../../src/events/types.js';
import { parseModelText } from '../../src/model/parse.js';
import { connectNats } from '../../src/nats/connection.js';
import { openNatsPorts } from '../../src/nats/nats-ports.js';
import { Orchestrator } from '../../src/orchestrator/orchestrator.js';
import type { ServicePorts } from '../../src/service-ports.js';
import { sinkSettings } from '../../src/sinks/context.js';
import { BatchPuller } from '../../src/worker/batch-puller.js';
import { Collector } from '../contract/collector.js';
import { startTestNats, type TestNats } from '../helpers/nats-server.js';

const log = pino({ level: process.env.DATAGEN_LOG_LEVEL ?? 'silent' });
/** Rows per shard (whole row blocks) and per batch: three shards of S, S and S / 2 rows. */
const S = 65_536;
const ROWS = 2.5 * S;

const MODEL = parseModelText(JSON.stringify({
  model_name: 'sharded-model',
  Fields: [{ name: 'id', type: 'INCREMENT_INTEGER' }, { name: 'word', type: 'STRING', length: 6 }],
  Table_Names: { LOCAL_FILE_NAME: 'sharded' },
}), 'sharded');

let nats: TestNats;
let nc: NatsConnection;
let ports: ServicePorts;
let dataDir: string;
const stops: Array<() => Promise<void>> = [];

test.before(async () => {
  nats = await startTestNats();
  nc = await connectNats(nats.url, 'test');
  ports = await openNatsPorts(nc, { ackWaitSeconds: 30, maxDeliver: 3 }, 6000);
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'datagen-sharded-'));
  const settings = (overrides: Record<string, string>) => sinkSettings({ dataDir, outputRoots: [dataDir], properties: {} }, overrides);
  const orchestratorActivities = new InlineActivities();
  const orchestrator = new Orchestrator({ events: ports.events, work: ports.work, models: ports.models, secrets: ports.secrets, activities: orchestratorActivities, settings, log });
  await orchestrator.start();
  stops.push(() => orchestrator.stop(), () => orchestratorActivities.close());
  for (const id of ['w1', 'w2']) {
    const activities = new InlineActivities();
    const puller = new BatchPuller({ events: ports.events, work: ports.work, workSettings: ports.workSettings, models: ports.models, secrets: ports.secrets, activities, settings, compileDirs: [dataDir], slots: 1, log, id });
    puller.start();
    stops.push(() => puller.stop(), () => activities.close());
  }
});

test.after.always(async () => {
  for (const stop of stops.reverse()) await stop().catch(() => {});
  await nc?.close();
  await nats?.destroy();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Queues a one-batch command as the API records it, and resolves with its events once it finished. */
async function run(shardRows: number): Promise<StoredEvent[]> {
  const uuid = ports.ids.uuid();
  const hash = await ports.models.putContent(MODEL);
  const events = new Collector<StoredEvent>();
  const stop = await ports.events.follow((e) => events.push(e), { filter: commandFilter(uuid) });
  try {
    await ports.events.append(uuid, 'queued', {
      service: 'json', rows: ROWS, batches: 1, threads: 3, seed: 7, model: { name: MODEL.name, hash }, properties: {}, owner: 'spec', shardRows,
    }, { actor: 'api' });
    return await events.until((items) => items.some((e) => e.type === 'finished' || e.type === 'failed'), 120_000);
  } finally {
    await stop();
  }
}

const dataOf = <T extends keyof CommandEventMap>(events: StoredEvent[], type: T) => events.filter((e) => e.type === type).map((e) => e.data as CommandEventMap[T]);
const outputFile = () => path.join(dataDir, 'output', MODEL.name, 'sharded-0000000000.json');

test.serial('a 3-shard batch completes once its three shards have, as one file of exactly its rows, the same bytes as unsharded', async (t) => {
  const sharded = await run(S);
  t.deepEqual(dataOf(sharded, 'failed'), []);
  t.deepEqual(dataOf(sharded, 'batch-completed').map((b) => [b.shard, b.shards, b.rows]).sort(), [[0, 3, S], [1, 3, S], [2, 3, S / 2]]);
  t.deepEqual(dataOf(sharded, 'finished'), [{ rows: ROWS }]);
  const text = await readFile(outputFile(), 'utf8');
  const ids = text.split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { id: number }).id);
  t.is(ids.length, ROWS);
  t.true(ids.every((id, i) => id === i), 'rows in order, none twice');
  const jsm = await jetstreamManager(nc);
  t.is((await jsm.streams.info(WORK_STREAM)).state.messages, 0, 'every shard was acked');

  const whole = await run(0);
  t.deepEqual(dataOf(whole, 'batch-completed').map((b) => [b.shard, b.rows]), [[undefined, ROWS]]);
  t.is(await readFile(outputFile(), 'utf8'), text);
});
