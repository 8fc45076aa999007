/**
 * `npm run bench -- memory`: issue 12's memory aim, in two layouts.
 * 1. One `datagen serve` (API, orchestrator, projector, generator threads, its embedded nats-server) runs one single
 *    batch of BENCH_MEMORY_ROWS (default 50,000,000) rows of the 10-field customer model to json, then to csv.
 * 2. The same commands on a `datagen serve` without generator slots (DATAGEN_WORKER_SLOTS=0) and two `datagen worker`
 *    processes of one generator thread each, on its NATS: the layout that spreads a deployment over machines.
 * For each command it prints each process's peak resident memory (from /proc: the kernel's high-water mark where it
 * can be reset, else 100 ms samples) with rows/s; then the serve's resident memory idle after start, right after the
 * runs, and once its threads' idle time (DATAGEN_THREAD_IDLE_SECONDS, here 20 s) has passed. Aim: every process
 * under 300 MB during a batch, the serve under 200 MB idle after a run. BENCH_MEMORY_LAYOUTS=serve (or workers)
 * runs one layout only.
 */
import os from 'node:os';
import { startTestNats } from '../test/helpers/nats-server.js';
import { startServe, startWorkerProcess, type ServiceProcess } from '../test/helpers/service-process.js';
import { command, customerModel } from './end-to-end.js';
import type { Format } from './loop-figures.js';
import { ProcessWatch } from './process-stats.js';
import type { BenchResult } from './types.js';

const ROWS = Number(process.env.BENCH_MEMORY_ROWS ?? 50_000_000);
const IDLE_SECONDS = 20;
const FORMATS: Format[] = ['json', 'csv'];
const LAYOUTS = (process.env.BENCH_MEMORY_LAYOUTS ?? 'serve,workers').split(',');

const rssNow = (pid: number) => new ProcessWatch(new Map([[pid, 'serve']])).stop()[0]?.peakRssMb ?? 0;

export async function benchMemory(): Promise<BenchResult[]> {
  const model = await customerModel();
  return [...(LAYOUTS.includes('serve') ? await oneServe(model) : []), ...(LAYOUTS.includes('workers') ? await serveAndWorkers(model) : [])];
}

async function runFormats(svc: ServiceProcess, model: string, layout: string, others = new Map<number, string>()): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  for (const format of FORMATS) {
    const name = `${layout}: ${format} 1 × ${(ROWS / 1e6).toLocaleString('en-US')}M rows`;
    const run = await command(svc, name, format, model, { rows: ROWS, batches: 1, threads: 2 * os.availableParallelism() }, 6 * 3600_000, others);
    const load = os.loadavg()[0].toFixed(1);
    out.push({ name: `${name}: rows/s`, value: run.rows / run.seconds, unit: 'rows/s', note: `${Math.round(run.seconds)} s, ${(run.bytes / 2 ** 30).toFixed(2)} GiB, load ${load}` });
    for (const p of run.processes.filter((x) => x.peakRssMb > 1)) {
      out.push({ name: `${name}: peak RSS of ${p.name}`, value: p.peakRssMb, unit: 'MB', note: `${p.cpuSeconds.toFixed(0)} CPU-s, ${p.cores.toFixed(2)} cores` });
    }
  }
  return out;
}

async function oneServe(model: string): Promise<BenchResult[]> {
  const svc = await startServe({ env: { DATAGEN_THREAD_IDLE_SECONDS: String(IDLE_SECONDS) } });
  const out: BenchResult[] = [];
  try {
    const pid = svc.child.pid!;
    out.push({ name: 'serve idle after start', value: rssNow(pid), unit: 'MB RSS' });
    out.push(...(await runFormats(svc, model, 'one serve')));
    out.push({ name: 'serve right after the runs', value: rssNow(pid), unit: 'MB RSS' });
    await new Promise((r) => setTimeout(r, (IDLE_SECONDS + 10) * 1000)); // the threads' idle time: nothing to wait on
    out.push({ name: `serve idle ${IDLE_SECONDS + 10} s after the runs`, value: rssNow(pid), unit: 'MB RSS' });
  } finally {
    await svc.stop();
  }
  return out;
}

async function serveAndWorkers(model: string): Promise<BenchResult[]> {
  const nats = await startTestNats();
  const env = { DATAGEN_THREAD_IDLE_SECONDS: String(IDLE_SECONDS) };
  const svc = await startServe({ natsUrl: nats.url, env: { ...env, DATAGEN_WORKER_SLOTS: '0' } });
  const workers: Awaited<ReturnType<typeof startWorkerProcess>>[] = [];
  try {
    for (let i = 0; i < 2; i++) workers.push(await startWorkerProcess(nats.url, { ...env, DATAGEN_WORKER_SLOTS: '1', DATAGEN_DATA_DIR: svc.dataDir }));
    return await runFormats(svc, model, 'serve + 2 workers', new Map(workers.map((w, i) => [w.child.pid!, `worker ${i + 1}`])));
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await svc.stop();
    await nats.destroy();
  }
}
