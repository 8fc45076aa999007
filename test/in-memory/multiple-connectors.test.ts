/**
 * A multipleconnectors command through the orchestrator and a generator actor, in process, with the real json and
 * csv file sinks: every batch reaches both, and a batch that fails on one sink is retried on both.
 */
import test from 'ava';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { scheduleFilter, type StoredScheduleEvent } from '../../src/events/schedule-types.js';
import { ManualClock } from '../../src/memory/manual-clock.js';
import { Scheduler } from '../../src/scheduler/scheduler.js';
import { Collector } from '../contract/collector.js';
import { Deployment, MODEL, dataOf, log } from './deployment.js';

async function submitMulti(d: Deployment, connectors: string[], batches: number): Promise<string> {
  const uuid = d.ports.ids.uuid();
  const hash = await d.ports.models.putContent(MODEL);
  await d.ports.events.append(uuid, 'queued', {
    service: 'multipleconnectors', connectors, rows: 10, batches, threads: 2, seed: 42, model: { name: MODEL.name, hash }, properties: {}, owner: 'spec',
  }, { actor: 'api' });
  return uuid;
}

const outputDir = (d: Deployment) => path.join(d.dataDir, 'output', MODEL.name);
const lines = async (file: string) => (await readFile(file, 'utf8')).split('\n').filter(Boolean);

test('given connectors json and csv, every batch is committed by both sinks and the command finishes with the rows once', async (t) => {
  const d = await Deployment.open();
  try {
    await d.startOrchestrator();
    d.startPuller({ id: 'w1', slots: 2 });
    const uuid = await submitMulti(d, ['json', 'csv'], 3);
    const events = await d.waitFor(uuid, 'finished');
    t.deepEqual(dataOf(events, 'finished'), [{ rows: 30 }]);
    for (const b of dataOf(events, 'batch-completed')) t.deepEqual(b.sinks?.map((s) => [s.service, s.rows]), [['json', 10], ['csv', 10]]);
    t.deepEqual((await d.outputRows()).map((r) => r.id), Array.from({ length: 30 }, (_, i) => i));
    const csvIds = [];
    for (const f of (await readdir(outputDir(d))).filter((n) => n.endsWith('.csv')).sort()) csvIds.push(...(await lines(path.join(outputDir(d), f))).slice(1).map((l) => Number(l.split(',')[0])));
    t.deepEqual(csvIds, Array.from({ length: 30 }, (_, i) => i), 'the csv files hold the same rows');
    t.is(d.ports.work.size, 0);
  } finally {
    await d.close();
  }
});

test('given a batch whose csv file cannot be put in place, the attempt fails naming csv and the retry rewrites both sinks\' files, one copy each', async (t) => {
  // The work queue's clock: the failed attempt's retry (a nak with a delay) waits until the spec moves it.
  const clock = new ManualClock();
  const d = await Deployment.open({ clock });
  try {
    // A non-empty directory where batch 0's csv file goes: renaming the written file into place fails.
    const blocker = path.join(outputDir(d), 'spec-0000000000.csv');
    await mkdir(path.join(blocker, 'in-the-way'), { recursive: true });
    await d.startOrchestrator();
    d.startPuller({ id: 'w1' });
    const uuid = await submitMulti(d, ['json', 'csv'], 1);
    const failed = dataOf(await d.waitFor(uuid, 'batch-failed'), 'batch-failed');
    t.regex(failed[0]!.error, /^csv: /);
    t.false(failed[0]!.final);
    await rm(blocker, { recursive: true });
    clock.advance(60_000); // the nak followed the batch-failed append at once, long before the removal ended
    const events = await d.waitFor(uuid, 'finished');
    t.deepEqual(dataOf(events, 'batch-completed').map((b) => b.sinks?.map((s) => s.service)), [['json', 'csv']]);
    t.deepEqual((await d.outputRows()).map((r) => r.id), Array.from({ length: 10 }, (_, i) => i), 'json: the retry replaced its file');
    t.is((await lines(blocker)).length, 11, 'csv: a header and the batch\'s rows');
    t.deepEqual((await readdir(outputDir(d))).filter((f) => !f.startsWith('.')).sort(), ['spec-0000000000.csv', 'spec-0000000000.json']);
  } finally {
    await d.close();
  }
});

test('given a multipleconnectors schedule, each execution records its connectors and its own outputs, and writes its files to both sinks', async (t) => {
  const d = await Deployment.open();
  const scheduler = new Scheduler({ ...d.ports, log });
  try {
    await d.startOrchestrator();
    d.startPuller({ id: 'w1' });
    await scheduler.start();
    const scheduleId = d.ports.ids.uuid();
    const hash = await d.ports.models.putContent(MODEL);
    const target = (ext: string) => ({ dir: outputDir(d), base: 'spec', ext, execution: 'every' as const, deletesPrevious: false });
    const schedule = new Collector<StoredScheduleEvent>();
    const stop = await d.ports.events.follow<StoredScheduleEvent>((e) => schedule.push(e), { filter: scheduleFilter(scheduleId) });
    await d.ports.events.appendSchedule(scheduleId, 'schedule-created', {
      request: { service: 'multipleconnectors', connectors: ['json', 'csv'], rows: 2, batches: 1, threads: 1, model: { name: MODEL.name, hash }, properties: {}, owner: 'spec', outputs: [target('json'), target('csv')] },
      delaySeconds: 3600,
    });
    const started = await schedule.until((e) => e.some((x) => x.type === 'execution-started'));
    const { commandUuid } = started.find((e) => e.type === 'execution-started')!.data as { commandUuid: string };
    await stop();
    const events = await d.waitFor(commandUuid, 'finished');
    const [queued] = dataOf(events, 'queued');
    t.deepEqual(queued!.connectors, ['json', 'csv']);
    t.is(queued!.output, undefined);
    t.deepEqual(queued!.outputs?.map((o) => [o.ext, o.execution]), [['json', 1], ['csv', 1]]);
    t.deepEqual((await readdir(outputDir(d))).filter((f) => !f.startsWith('.')).sort(), ['spec-execution-000001-0000000000.csv', 'spec-execution-000001-0000000000.json']);
  } finally {
    await scheduler.stop();
    await d.close();
  }
});
