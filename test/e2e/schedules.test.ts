/** Scheduled commands through a real service: executions, removal, pause on failure, and a restart in between. */
import test from 'ava';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { getJson, startServe, submit, type ServiceProcess } from '../helpers/service-process.js';

const MODEL = JSON.stringify({ model_name: 'sched', Fields: [{ name: 'id', type: 'INCREMENT_INTEGER' }] });

async function until<T>(fn: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function schedule(url: string, id: string) {
  const list = (await getJson(url, '/command/getAllScheduled')).body as any[];
  return list.find((s) => s.scheduleId === id);
}

const ENDED = ['FINISHED', 'FAILED', 'CANCELLED'];

/**
 * Resolves once the removed schedule `id` would have started its next execution: its last one has ended, and a
 * schedule created after that, with the same delay, has started its second execution (the scheduler's timers
 * fire in order, and that one was due later).
 */
async function laterThanNextExecution(url: string, id: string): Promise<void> {
  await until(async () => (ENDED.includes((await getJson(url, `/command/get?commandUuid=${id}`)).body.executions.at(-1)?.status) ? true : undefined));
  const probeModel = JSON.stringify({ model_name: 'sched-probe', Fields: [{ name: 'id', type: 'INCREMENT_INTEGER' }] });
  const probe = (await submit(url, 'json', { rows: 1, batches: 1, delay_between_executions_seconds: 1 }, { text: probeModel })).body.commandUuid;
  await until(async () => ((await schedule(url, probe))?.executions.length >= 2 ? true : undefined));
  await getJson(url, `/command/removeScheduled?commandUuid=${probe}`);
}

test.serial('a schedule runs executions one delay apart, each a new command, until removed', async (t) => {
  const svc = await startServe();
  try {
    const res = await submit(svc.url, 'json', { rows: 5, batches: 1, delay_between_executions_seconds: 1 }, { text: MODEL });
    t.is(res.status, 200);
    const id = res.body.commandUuid;
    const s = await until(async () => {
      const v = await schedule(svc.url, id);
      return v && v.executions.filter((e: any) => e.status === 'FINISHED').length >= 2 ? v : undefined;
    });
    t.is(s.status, 'ACTIVE');
    t.is(s.delayBetweenExecutionsSeconds, 1);
    const [first, second] = s.executions;
    t.not(first.commandUuid, second.commandUuid);
    t.not(first.commandUuid, id);
    t.true(Date.parse(second.queuedAt) - Date.parse(first.finishedAt) >= 1000, 'the next execution starts the delay after the previous finished');
    const files = await readdir(path.join(svc.dataDir, 'output', 'sched'));
    t.true(files.includes('sched-execution-000001-0000000000.json') && files.includes('sched-execution-000002-0000000000.json'), `each execution keeps its own files: ${files.join(', ')}`);
    const status = await getJson(svc.url, `/command/getCommandStatus?commandUuid=${id}`);
    t.is(status.status, 200);
    t.is(status.body.scheduleId, id);
    const removed = await getJson(svc.url, `/command/removeScheduled?commandUuid=${id}`);
    t.is(removed.body.status, 'REMOVED');
    const count = removed.body.executionsCount;
    await laterThanNextExecution(svc.url, id);
    const history = await getJson(svc.url, `/command/history?commandUuid=${id}`, 'GET');
    t.is(history.body.events.filter((e: any) => e.type === 'execution-started').length, count);
    t.is(history.body.events.at(-1).type, 'schedule-removed');
    t.is(await schedule(svc.url, id), undefined, 'removed schedules are no longer listed');
    t.is((await getJson(svc.url, '/command/getScheduled')).status, 200);
  } finally {
    await svc.stop();
  }
});

test.serial('scheduled=true without a delay is a 400; a failed execution pauses the schedule with a reason', async (t) => {
  const svc = await startServe({ env: { DATAGEN_MAX_DELIVER: '1' } });
  try {
    const bad = await submit(svc.url, 'json', { scheduled: 'true' }, { text: MODEL });
    t.is(bad.status, 400);
    t.regex(bad.body.error, /delay_between_executions_seconds is required/);
    const failing = JSON.stringify({ model_name: 'sched-fail', Fields: [{ name: 'x', type: 'STRING', formula: 'throw new Error("boom")' }] });
    const res = await submit(svc.url, 'json', { rows: 1, batches: 1, scheduled: 'true', delay_between_executions_seconds: 1 }, { text: failing });
    t.is(res.status, 200, JSON.stringify(res.body));
    const s = await until(async () => {
      const v = await schedule(svc.url, res.body.commandUuid);
      return v?.status === 'PAUSED' ? v : undefined;
    });
    t.regex(s.comment, /execution 1 .*FAILED/);
    t.is(s.executionsCount, 1);
  } finally {
    await svc.stop();
  }
});

test.serial('a schedule survives a restart of the service with no missed or doubled execution', async (t) => {
  const first = await startServe();
  const res = await submit(first.url, 'json', { rows: 2, batches: 1, delay_between_executions_seconds: 2 }, { text: MODEL });
  const id = res.body.commandUuid;
  await until(async () => ((await schedule(first.url, id))?.executions[0]?.status === 'FINISHED' ? true : undefined));
  await first.stop();
  const second: ServiceProcess = await startServe({ dataDir: first.dataDir });
  try {
    const s = await until(async () => {
      const v = await schedule(second.url, id);
      return v && v.executions.filter((e: any) => e.status === 'FINISHED').length >= 3 ? v : undefined;
    });
    const ns = s.executions.map((e: any) => e.n);
    t.deepEqual(ns, ns.map((_: number, i: number) => i + 1), 'executions are numbered 1..n with no gap or double');
    t.is(new Set(s.executions.map((e: any) => e.commandUuid)).size, s.executions.length);
    await getJson(second.url, `/command/removeScheduled?commandUuid=${id}`);
  } finally {
    await second.stop();
  }
});
