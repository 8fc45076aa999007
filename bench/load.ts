/**
 * Load figures (issue 6): 1,000 small commands submitted concurrently to one `datagen serve` (how long until
 * all are FINISHED, none lost), and the time to rebuild the read model from 100,000 events.
 */
import { jetstream } from '@nats-io/jetstream';
import { pathToFileURL } from 'node:url';
import { connectNats } from '../src/nats/connection.js';
import { NatsEventLog } from '../src/nats/event-log.js';
import { ensureStreams } from '../src/nats/streams.js';
import { rebuildReadModel } from '../src/projection/replay.js';
import { startTestNats } from '../test/helpers/nats-server.js';
import { getJson, startServe, submit } from '../test/helpers/service-process.js';
import type { BenchResult } from './types.js';

/** Each command writes its own files (LOCAL_FILE_NAME load-<i>): commands writing the same names would be refused (409). */
const model = (i: number) =>
  JSON.stringify({ model_name: 'load', Fields: [{ name: 'id', type: 'UUID' }, { name: 'n', type: 'INTEGER', min: 0, max: 100 }], Table_Names: { LOCAL_FILE_NAME: `load-${i}` } });

async function inParallel<T>(n: number, limit: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(n);
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < n) {
      const i = next++;
      out[i] = await task(i);
    }
  }));
  return out;
}

export async function benchManyCommands(count = 1000): Promise<BenchResult[]> {
  const svc = await startServe();
  try {
    const t0 = performance.now();
    const uuids = await inParallel(count, 64, async (i) => {
      const res = await submit(svc.url, 'json', { rows: 10, batches: 1, threads: 1 }, { text: model(i) });
      if (res.status !== 200) throw new Error(`submit failed: ${JSON.stringify(res.body)}`);
      return res.body.commandUuid;
    });
    const accepted = performance.now() - t0;
    let finished = 0;
    for (;;) {
      const all = (await getJson(svc.url, '/command/getAll')).body as Array<{ commandUuid: string; status: string }>;
      const mine = new Set(uuids);
      finished = all.filter((c) => mine.has(c.commandUuid) && c.status === 'FINISHED').length;
      const failed = all.filter((c) => mine.has(c.commandUuid) && c.status === 'FAILED').length;
      if (failed) throw new Error(`${failed} commands failed`);
      if (finished === count) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const total = performance.now() - t0;
    return [
      { name: `load: ${count} commands submitted concurrently (64 clients), all accepted`, value: accepted / 1000, unit: 's', note: `${Math.round(count / (accepted / 1000))} submissions/s` },
      { name: `load: ${count} commands, submission → all FINISHED`, value: total / 1000, unit: 's', note: `${finished}/${count} finished, none lost; ${Math.round(count / (total / 1000))} commands/s` },
    ];
  } finally {
    await svc.stop();
  }
}

/** Appends `count` synthetic lifecycle events (5 per command), then replays them into a fresh read model. */
export async function benchRebuild(count = 100_000): Promise<BenchResult[]> {
  const nats = await startTestNats();
  const nc = await connectNats(nats.url, 'bench');
  try {
    await ensureStreams(nc);
    const store = new NatsEventLog(jetstream(nc));
    const commands = count / 5;
    const base = { service: 'json', rows: 10, batches: 1, threads: 1, seed: 1, model: { name: 'm', hash: 'h' }, properties: {}, owner: 'bench' };
    const t0 = performance.now();
    await inParallel(commands, 256, async (i) => {
      const uuid = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
      await store.append(uuid, 'queued', base);
      await store.append(uuid, 'starting', {});
      await store.append(uuid, 'running', {});
      await store.append(uuid, 'batch-completed', { batch: 0, rows: 10, workerId: 'w/0', durationMs: 1 });
      await store.append(uuid, 'finished', { rows: 10 });
    });
    const appendMs = performance.now() - t0;
    const rebuilt = await rebuildReadModel(store);
    if (rebuilt.readModel.byStatus('FINISHED').length !== commands) throw new Error('replay lost commands');
    const baseline = performance.now();
    const raw = await store.readAll();
    const readMs = performance.now() - baseline;
    return [
      { name: `replay: append ${count.toLocaleString('en-US')} events (256 in flight)`, value: count / (appendMs / 1000), unit: 'events/s' },
      { name: `replay: rebuild the read model from ${rebuilt.events.toLocaleString('en-US')} events`, value: rebuilt.durationMs / 1000, unit: 's', note: `${Math.round(rebuilt.events / (rebuilt.durationMs / 1000)).toLocaleString('en-US')} events/s` },
      { name: `replay: baseline, read the same ${raw.length.toLocaleString('en-US')} events without folding`, value: readMs / 1000, unit: 's' },
    ];
  } finally {
    await nc.close();
    await nats.destroy();
  }
}

export async function benchLoad(): Promise<BenchResult[]> {
  return [...(await benchManyCommands()), ...(await benchRebuild())];
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const r of await benchLoad()) console.log(`${r.name}: ${r.value.toFixed(2)} ${r.unit}${r.note ? ` (${r.note})` : ''}`);
}
