/**
 * Capacity of each shared part (issue 12, docs/scaling.md), on a real nats-server:
 * - the orchestrator driving many simulated generator actors (real BatchPullers in a child process whose batch
 *   activity does nothing), with the CPU each process spent per batch, so the orchestrator's one-core ceiling shows;
 * - the work queue alone: items enqueued per second, then pulled and acked per second;
 * - the projector: folding the stored stream of that run into a fresh read model;
 * - one real generator actor on 1-row batches: the per-batch overhead that bounds an actor's rate on small batches;
 * - the API: /command/getAll and /command/get on a `datagen serve` whose read model holds a thousand commands.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { pino } from 'pino';
import type { StoredEvent } from '../src/events/types.js';
import { ALL_EVENTS, WORK_CONSUMER, WORK_STREAM } from '../src/events/subjects.js';
import { parseModelText } from '../src/model/parse.js';
import { connectNats } from '../src/nats/connection.js';
import { openNatsPorts } from '../src/nats/nats-ports.js';
import { Orchestrator } from '../src/orchestrator/orchestrator.js';
import { DEFAULT_WORK_SETTINGS, type WorkItem } from '../src/ports/work-queue.js';
import { ReadModel } from '../src/projection/read-model.js';
import type { ServicePorts } from '../src/service-ports.js';
import { sinkSettings } from '../src/sinks/context.js';
import { startTestNats, type TestNats } from '../test/helpers/nats-server.js';
import { getJson, startServe, submit } from '../test/helpers/service-process.js';
import { NO_OP_ACTIVITIES } from './capacity-workers.js';
import type { BenchResult } from './types.js';

const WORKERS_SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'capacity-workers.ts');
const COMMANDS = 20;
const BATCHES_PER_COMMAND = 600;
const ROWS_PER_BATCH = 1000;
const log = pino({ level: 'silent' });
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100 on Linux)
}

const selfCpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };

/**
 * Wall time of `task` and the CPU time this process and each of `pids` spent meanwhile. On a shared machine the
 * wall-clock rate depends on what else runs; the CPU a part spends per unit of work does much less, and is what
 * bounds that part when it has a core to itself.
 */
async function measured<K extends string>(pids: Record<K, number>, task: () => Promise<void>): Promise<{ seconds: number; self: number; cpu: Record<K, number> }> {
  const keys = Object.keys(pids) as K[];
  const before = Object.fromEntries(keys.map((k) => [k, cpuSeconds(pids[k])])) as Record<K, number>;
  const self0 = selfCpu();
  const t0 = performance.now();
  await task();
  const seconds = (performance.now() - t0) / 1000;
  const self = selfCpu() - self0;
  return { seconds, self, cpu: Object.fromEntries(keys.map((k) => [k, cpuSeconds(pids[k]) - before[k]])) as Record<K, number> };
}

/** "<n> per CPU-s; <p>% of a core": a part's cost per unit and how busy it was. */
const busy = (units: number, cpu: number, seconds: number, unit: string) => `${fmt(units / cpu)} ${unit} per CPU-s; ${((cpu / seconds) * 100).toFixed(0)}% of a core`;

async function inParallel(n: number, limit: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(n, limit) }, async () => {
    while (next < n) await task(next++);
  }));
}

/** Resolves when `ready()` holds, or rejects naming what it waited for. */
async function until(what: string, timeoutMs: number, ready: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`capacity bench: timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function startWorkers(url: string, pullers: number): Promise<{ child: ChildProcess; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKERS_SCRIPT, url, String(pullers), String(Math.ceil(pullers / 25))], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const stop = () => new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  });
  try {
    await until(`${pullers} simulated workers to start (${out.slice(-2000)})`, 60_000, () => {
      if (child.exitCode !== null) throw new Error(`simulated workers exited: ${out}`);
      return out.includes('ready');
    });
  } catch (err) {
    await stop();
    throw err;
  }
  return { child, stop };
}

interface OrchestratorRun {
  results: BenchResult[];
  nats: TestNats;
  nc: NatsConnection;
  ports: ServicePorts;
  dataDir: string;
}

/** COMMANDS commands of BATCHES_PER_COMMAND batches, with `threads` so that the window keeps every puller busy. */
async function orchestratorWithWorkers(pullers: number): Promise<OrchestratorRun> {
  const nats = await startTestNats();
  const nc = await connectNats(nats.url, 'capacity-orchestrator');
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'datagen-capacity-'));
  const ports = await openNatsPorts(nc, DEFAULT_WORK_SETTINGS, 6000, 1);
  const workers = await startWorkers(nats.url, pullers);
  const orchestrator = new Orchestrator({ ...ports, activities: NO_OP_ACTIVITIES, settings: (o) => sinkSettings({ dataDir, outputRoots: [dataDir], properties: {} }, o), log });
  try {
    const model = parseModelText(JSON.stringify({ model_name: 'capacity', Fields: [{ name: 'id', type: 'INCREMENT_INTEGER' }] }), 'capacity');
    const hash = await ports.models.putContent(model);
    await orchestrator.start();
    const ended = new Map<string, string>();
    const sub = nc.subscribe('datagen.command.*.*', { callback: (_e, m) => {
      const [, , uuid, type] = m.subject.split('.');
      if (type === 'finished' || type === 'failed' || type === 'cancelled') ended.set(uuid!, type);
    } });
    await nc.flush();
    const threads = Math.ceil((pullers * 1.5) / COMMANDS);
    const uuids = Array.from({ length: COMMANDS }, (_, i) => `00000000-0000-4000-8000-${String(pullers * 1000 + i).padStart(12, '0')}`);
    const seq0 = await ports.events.lastSeq();
    const m = await measured({ workers: workers.child.pid!, nats: nats.process.pid! }, async () => {
      await Promise.all(uuids.map((uuid) => ports.events.append(uuid, 'queued', {
        service: 'json', rows: ROWS_PER_BATCH, batches: BATCHES_PER_COMMAND, threads, seed: 1, model: { name: model.name, hash }, properties: {}, owner: 'bench',
      })));
      await until(`${COMMANDS} commands to end`, 600_000, () => ended.size === COMMANDS);
    });
    const { seconds } = m;
    const cpu = { self: m.self, ...m.cpu };
    sub.unsubscribe();
    const failed = [...ended.values()].filter((s) => s !== 'finished').length;
    if (failed) throw new Error(`capacity bench: ${failed} commands did not finish`);
    const events = (await ports.events.lastSeq()) - seq0;
    const batches = COMMANDS * BATCHES_PER_COMMAND;
    const perK = (s: number) => `${((s / batches) * 1000).toFixed(2)} CPU-s per 1,000 batches`;
    const label = `capacity: orchestrator, ${pullers} simulated workers (${COMMANDS} × ${BATCHES_PER_COMMAND} batches, threads ${threads})`;
    return {
      nats, nc, ports, dataDir,
      results: [
        { name: `${label}, batches`, value: batches / seconds, unit: 'batches/s', note: `${fmt(events / seconds)} events/s appended, ${(events / batches).toFixed(3)} events per batch, ${seconds.toFixed(1)} s` },
        { name: `capacity:   orchestrator process CPU (${pullers} workers)`, value: batches / cpu.self, unit: 'batches per CPU-s', note: `${perK(cpu.self)}; ${(cpu.self / seconds * 100).toFixed(0)}% of a core during the run` },
        { name: `capacity:   nats-server CPU (${pullers} workers)`, value: batches / cpu.nats, unit: 'batches per CPU-s', note: `${perK(cpu.nats)}; ${(cpu.nats / seconds * 100).toFixed(0)}% of a core` },
        { name: `capacity:   simulated workers' CPU (${pullers} pullers, one process)`, value: batches / cpu.workers, unit: 'batches per CPU-s', note: `${perK(cpu.workers)}; ${(cpu.workers / seconds * 100).toFixed(0)}% of a core` },
      ],
    };
  } finally {
    await orchestrator.stop();
    await workers.stop();
  }
}

async function closeRun(run: OrchestratorRun): Promise<void> {
  await run.nc.close();
  await run.nats.destroy();
  await rm(run.dataDir, { recursive: true, force: true });
}

/** The projector's fold over the stream a run stored (every `serve` process folds every event). */
async function foldCapacity(run: OrchestratorRun): Promise<BenchResult[]> {
  let stored: StoredEvent[] = [];
  const read = await measured({}, async () => void (stored = await run.ports.events.readAll(ALL_EVENTS)));
  const n = stored.length;
  // The fold is synchronous: its CPU time is its cost whatever else the machine runs. Median of 5 fresh folds.
  const folds: number[] = [];
  for (let i = 0; i < 5; i++) {
    const readModel = new ReadModel();
    const c0 = selfCpu();
    for (const e of stored) readModel.apply(e);
    folds.push(selfCpu() - c0);
  }
  const fold = folds.sort((x, y) => x - y)[2]!;
  return [
    { name: `capacity: projector fold of ${fmt(n)} stored events into a fresh read model (median of 5)`, value: n / fold, unit: 'events per CPU-s', note: `reading them from the stream: ${fmt(n / read.seconds)} events/s` },
  ];
}

/** The work queue alone: enqueue `count` items, then pull and ack them with `pullers` concurrent pulls. */
async function workQueueCapacity(count = 20_000, pullers = 64): Promise<BenchResult[]> {
  const nats = await startTestNats();
  const nc = await connectNats(nats.url, 'capacity-work');
  try {
    const { work } = await openNatsPorts(nc, DEFAULT_WORK_SETTINGS, 6000, 1);
    const item = (batch: number): WorkItem => ({
      commandUuid: '00000000-0000-4000-8000-000000000001', batch, rows: ROWS_PER_BATCH, seed: 1, service: 'json',
      modelHash: 'f'.repeat(64), properties: {}, batches: count, referenceTime: Date.now(),
    });
    const pids = { nats: nats.process.pid! };
    const enq = await measured(pids, () => inParallel(count, 256, (i) => work.enqueue(item(i))));
    let pulled = 0;
    const jsm = await jetstreamManager(nc);
    const pull = await measured(pids, async () => {
      await Promise.all(Array.from({ length: pullers }, async () => {
        while (pulled < count) {
          const d = await work.pull(2000);
          if (!d) continue;
          pulled++;
          d.ack();
        }
      }));
      await until('every ack to be applied', 60_000, async () => {
        const info = await jsm.consumers.info(WORK_STREAM, WORK_CONSUMER);
        return info.num_ack_pending === 0 && info.num_pending === 0;
      });
    });
    return [
      { name: `capacity: work queue, enqueue ${fmt(count)} items (256 in flight)`, value: count / enq.seconds, unit: 'items/s', note: `nats-server ${busy(count, enq.cpu.nats, enq.seconds, 'items')}; client ${fmt(count / enq.self)} items per CPU-s` },
      { name: `capacity: work queue, pull + ack ${fmt(count)} items (${pullers} concurrent pulls)`, value: count / pull.seconds, unit: 'items/s', note: `nats-server ${busy(count, pull.cpu.nats, pull.seconds, 'items')}; client ${fmt(count / pull.self)} items per CPU-s` },
    ];
  } finally {
    await nc.close();
    await nats.destroy();
  }
}

/** Appends `count` small finished commands (5 events each), so the API's read model holds many. */
async function storeFinishedCommands(ports: ServicePorts, count: number): Promise<void> {
  const base = { service: 'json', rows: 10, batches: 1, threads: 1, seed: 1, model: { name: 'm', hash: 'h' }, properties: {}, owner: 'bench' };
  await inParallel(count, 128, async (i) => {
    const uuid = `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`;
    await ports.events.append(uuid, 'queued', base);
    await ports.events.append(uuid, 'starting', {});
    await ports.events.append(uuid, 'running', {});
    await ports.events.append(uuid, 'batch-completed', { batch: 0, rows: 10, workerId: 'w/0', durationMs: 1 });
    await ports.events.append(uuid, 'finished', { rows: 10 });
  });
}

/**
 * autocannon stops with requests still in flight, which the service goes on answering: wait until a fresh request
 * gets through, so the next measurement does not pay for this one's backlog.
 */
async function drained(url: string): Promise<void> {
  const res = await fetch(new URL('/api/v1/health/live', url), { signal: AbortSignal.timeout(120_000) });
  await res.arrayBuffer();
}

/** autocannon for 5 s with 32 connections after a warm-up: requests/s, and requests per CPU-second of the serving process. */
async function load(url: string, method: 'GET' | 'POST', pid: number): Promise<{ rps: number; perCpu: number; busy: string }> {
  // Warm-up, not measured: the route's first requests pay for JIT compilation and the threads' start.
  await autocannon({ url, method, connections: 32, duration: 2, pipelining: 1 });
  await drained(url);
  let result!: autocannon.Result;
  const m = await measured({ svc: pid }, async () => void (result = await autocannon({ url, method, connections: 32, duration: 5, pipelining: 1 })));
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
  // None completed within the 5 s: every request took longer, which is the figure (0 req/s), not a failure.
  await drained(url);
  if (result.requests.total === 0) return { rps: 0, perCpu: 0, busy: `none completed in 5 s, ${((m.cpu.svc / m.seconds) * 100).toFixed(0)}% of a core` };
  return { rps: result.requests.total / m.seconds, perCpu: result.requests.total / m.cpu.svc, busy: `${((m.cpu.svc / m.seconds) * 100).toFixed(0)}% of a core` };
}

/** One `datagen serve` (no generator actors) on the run's stream, its read model holding every command of it. */
async function apiCapacity(run: OrchestratorRun, extraCommands = 1000): Promise<BenchResult[]> {
  await storeFinishedCommands(run.ports, extraCommands);
  const svc = await startServe({ natsUrl: run.nats.url, env: { DATAGEN_WORKER_SLOTS: '0', DATAGEN_LOG_LEVEL: 'warn' } });
  try {
    const all = (await (await fetch(`${svc.url}/command/getAll`, { method: 'POST' })).json()) as Array<{ commandUuid: string }>;
    if (all.length < extraCommands + COMMANDS) throw new Error(`capacity bench: getAll lists ${all.length} commands`);
    const one = all[0]!.commandUuid;
    const bytes = JSON.stringify(all).length;
    const pid = svc.child.pid!;
    const live = await load(`${svc.url}/api/v1/health/live`, 'GET', pid);
    const get = await load(`${svc.url}/command/get?commandUuid=${one}`, 'POST', pid);
    const getAll = await load(`${svc.url}/command/getAll`, 'POST', pid);
    const line = (name: string, r: typeof get, note = '') => ({ name, value: r.rps, unit: 'req/s', note: `${note}${fmt(r.perCpu)} req per CPU-s of the serve process, ${r.busy}` });
    return [
      line(`capacity: API /command/getAll over ${fmt(all.length)} commands, 32 connections`, getAll, `${Math.round(bytes / 1024)} KiB per answer; `),
      line(`capacity: API /command/get of one ${BATCHES_PER_COMMAND}-batch command, 32 connections`, get),
      line('capacity: API baseline, /api/v1/health/live, 32 connections', live),
    ];
  } finally {
    await svc.stop();
  }
}

/**
 * One real generator actor (a `datagen serve` with one slot, activity threads, the json sink) on 1-row batches:
 * the batch rate when the per-batch overhead is all there is, which bounds an actor's rate on small batches.
 */
async function realActorBatchRate(batches = 1000): Promise<BenchResult[]> {
  const svc = await startServe({ env: { DATAGEN_WORKER_SLOTS: '1', DATAGEN_LOG_LEVEL: 'warn' } });
  try {
    const model = JSON.stringify({ model_name: 'capacity-tiny', Fields: [{ name: 'id', type: 'INCREMENT_INTEGER' }] });
    let status: { status?: string; durationMs?: number; comment?: string } = {};
    const m = await measured({ svc: svc.child.pid! }, async () => {
      const { body } = await submit(svc.url, 'json', { rows: 1, batches, threads: 4 }, { text: model });
      await until(`the ${batches}-batch command to end (${JSON.stringify(status)})`, 300_000, async () => {
        status = (await getJson(svc.url, `/command/getCommandStatus?commandUuid=${body.commandUuid}`)).body;
        return ['FINISHED', 'FAILED', 'CANCELLED'].includes(status.status ?? '');
      });
    });
    if (status.status !== 'FINISHED') throw new Error(`capacity bench: the tiny-batch command ended ${status.status}: ${status.comment}`);
    const seconds = status.durationMs! / 1000;
    return [{ name: `capacity: one real generator actor, ${batches} batches of 1 row (datagen serve, json)`, value: batches / seconds, unit: 'batches/s', note: `serve process ${fmt(batches / m.cpu.svc)} batches per CPU-s` }];
  } finally {
    await svc.stop();
  }
}

export async function benchCapacity(): Promise<BenchResult[]> {
  // The machine may be shared: its load says how much the wall-clock rates below were contended.
  const results: BenchResult[] = [{ name: 'capacity: load average (1 min) when the bench started', value: os.loadavg()[0]!, unit: `on ${os.cpus().length} cores` }];
  results.push(...(await workQueueCapacity()));
  results.push(...(await realActorBatchRate()));
  const small = await orchestratorWithWorkers(50);
  results.push(...small.results);
  await closeRun(small);
  const large = await orchestratorWithWorkers(200);
  try {
    results.push(...large.results);
    results.push(...(await foldCapacity(large)));
    results.push(...(await apiCapacity(large)));
  } finally {
    await closeRun(large);
  }
  return results;
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  for (const r of await benchCapacity()) console.log(`${r.name}: ${r.value.toFixed(1)} ${r.unit}${r.note ? ` (${r.note})` : ''}`);
}
