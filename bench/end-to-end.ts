/**
 * `npm run bench -- end-to-end`: the 10-field customer model (models/customers-usa.json) through the real service
 * (`datagen serve` child processes: API → orchestrator → generator threads → files), json and csv: 2,000,000 rows as
 * 20 batches of 100,000, cold (the first command after a fresh serve) and warm, and one 20,000,000-row single batch;
 * one command of batches=1 rows=210000 threads=10 (the original's CSD actions); one generator actor against one
 * per core. Each run reports rows/s, MB/s, and per process (serve, its nats-server) the peak resident memory and
 * the cores used (CPU time / wall time, from /proc). In the same run, on one core each, the baselines: a
 * hand-tuned loop (bench/hand-tuned.ts), the engine alone writing through the file sink (bench/engine-loop.ts)
 * and the naive faker-per-value loop (bench/faker-loop.ts); end-to-end rates are printed as ratios to them.
 * Avro and Parquet run the same 2,000,000 rows cold and warm (no hand-tuned loop writes them: their rates stand
 * alone). BENCH_E2E_BIG_ROWS changes the single batch's rows (0 skips it); BENCH_E2E_BINARY=0 skips avro and parquet.
 */
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { getJson, ROOT, startServe, submit, waitForTerminal, type ServiceProcess } from '../test/helpers/service-process.js';
import { runLoop, type Format, type LoopFigures } from './loop-figures.js';
import { ProcessWatch, type ProcessFigures } from './process-stats.js';
import type { BenchResult } from './types.js';

const ROWS = 100_000;
const BATCHES = 20;
const BIG_ROWS = Number(process.env.BENCH_E2E_BIG_ROWS ?? 20_000_000);
const HAND_ROWS = 2_000_000;
const FAKER_ROWS = 100_000;
const OUTPUT = 'output/bench-e2e';
const FORMATS: Format[] = ['json', 'csv'];
/** The binary file formats, end to end only. */
const BINARY_FORMATS = process.env.BENCH_E2E_BINARY === '0' ? [] : (['avro', 'parquet'] as const);
type AnyFormat = Format | (typeof BINARY_FORMATS)[number];

export interface Run {
  name: string;
  rows: number;
  seconds: number;
  bytes: number;
  /** serve first, then its children (nats-server). */
  processes: ProcessFigures[];
  format: AnyFormat;
}

export async function customerModel(): Promise<string> {
  const model = JSON.parse(await readFile(path.join(ROOT, 'models', 'customers-usa.json'), 'utf8'));
  model.Table_Names = { ...model.Table_Names, LOCAL_FILE_PATH: `${OUTPUT}/` };
  return JSON.stringify(model);
}

async function sizeOf(dir: string): Promise<number> {
  let total = 0;
  for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const p = path.join(dir, e.name);
    total += e.isDirectory() ? await sizeOf(p) : (await stat(p)).size;
  }
  return total;
}

/** One command through the API, timed from submission to the status FINISHED; its files are removed afterwards. */
/** `others`: more processes of the deployment (worker processes) whose figures the run reports too, pid → name. */
export async function command(svc: ServiceProcess, name: string, format: AnyFormat, model: string, params: { rows: number; batches: number; threads: number }, timeoutMs = 900_000, others = new Map<number, string>()): Promise<Run> {
  const watch = new ProcessWatch(new Map([[svc.child.pid!, 'serve'], ...others]));
  const t0 = performance.now();
  const res = await submit(svc.url, format, params, { text: model });
  if (res.status !== 200) throw new Error(`${name}: ${JSON.stringify(res.body)}`);
  const status = await waitForTerminal(svc.url, res.body.commandUuid, timeoutMs);
  const seconds = (performance.now() - t0) / 1000;
  const processes = watch.stop();
  if (status.status !== 'FINISHED') throw new Error(`${name}: ${status.status} ${status.comment}`);
  const rowsWritten = (await getJson(svc.url, `/command/getCommandStatus?commandUuid=${res.body.commandUuid}`)).body.rowsWritten;
  const rows = params.rows * params.batches;
  if (rowsWritten !== undefined && rowsWritten !== rows) throw new Error(`${name}: ${rowsWritten} rows written, ${rows} asked`);
  const dir = path.join(svc.dataDir, OUTPUT);
  const bytes = await sizeOf(dir);
  await rm(dir, { recursive: true, force: true });
  return { name, rows, seconds, bytes, processes, format };
}

async function serve(slots: number): Promise<{ svc: ServiceProcess; startSeconds: number; idleRssMb: number }> {
  const t0 = performance.now();
  const svc = await startServe({ env: { DATAGEN_WORKER_SLOTS: String(slots) } });
  const startSeconds = (performance.now() - t0) / 1000;
  const idle = new ProcessWatch(new Map([[svc.child.pid!, 'serve']])).stop();
  return { svc, startSeconds, idleRssMb: idle[0]?.peakRssMb ?? 0 };
}

const mb = (n: number) => `${Math.round(n)}`;
const rate = (rows: number, seconds: number) => rows / seconds;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

function perProcess(r: Run, pick: (p: ProcessFigures) => string): string {
  return r.processes.filter((p) => p.cpuSeconds > 0.01 || p.peakRssMb > 1).map((p) => `${p.name} ${pick(p)}`).join(', ');
}

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export async function benchEndToEnd(): Promise<BenchResult[]> {
  const model = await customerModel();
  const cores = os.availableParallelism();
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'bench-e2e-'));
  const hand = new Map<Format, LoopFigures>();
  const engine = new Map<Format, LoopFigures>();
  const faker = new Map<Format, LoopFigures>();
  const runs: Run[] = [];
  const starts: string[] = [];
  try {
    for (const f of FORMATS) {
      hand.set(f, await runLoop('hand-tuned.ts', f, HAND_ROWS, path.join(scratch, `hand.${f}`)));
      await rm(path.join(scratch, `hand.${f}`), { force: true });
      engine.set(f, await runLoop('engine-loop.ts', f, HAND_ROWS, scratch));
      await rm(path.join(scratch, 'output'), { recursive: true, force: true });
      faker.set(f, await runLoop('faker-loop.ts', f, FAKER_ROWS, path.join(scratch, `faker.${f}`)));
      await rm(path.join(scratch, `faker.${f}`), { force: true });
    }

    const twoM = { rows: ROWS, batches: BATCHES, threads: 2 * cores };
    for (const f of FORMATS) {
      const { svc, startSeconds, idleRssMb } = await serve(cores);
      starts.push(`${f} serve (${cores} generator actors): healthy ${startSeconds.toFixed(1)} s after spawn (threads booted), idle RSS ${mb(idleRssMb)} MB`);
      try {
        runs.push(await command(svc, `${f} 20 × 100k, cold`, f, model, twoM));
        runs.push(await command(svc, `${f} 20 × 100k, warm`, f, model, twoM));
        if (f === 'json') runs.push(await command(svc, 'json 1 × 210k, threads=10', f, model, { rows: 210_000, batches: 1, threads: 10 }));
        if (BIG_ROWS > 0) runs.push(await command(svc, `${f} 1 × ${fmt(BIG_ROWS / 1e6)}M, warm`, f, model, { rows: BIG_ROWS, batches: 1, threads: 2 * cores }));
        const after = new ProcessWatch(new Map([[svc.child.pid!, 'serve']])).stop();
        starts.push(`${f} serve after its runs: RSS ${after.map((p) => `${p.name} ${mb(p.peakRssMb)} MB`).join(', ')}`);
      } finally {
        await svc.stop();
      }
    }

    for (const f of BINARY_FORMATS) {
      const { svc, startSeconds, idleRssMb } = await serve(cores);
      starts.push(`${f} serve (${cores} generator actors): healthy ${startSeconds.toFixed(1)} s after spawn, idle RSS ${mb(idleRssMb)} MB`);
      try {
        runs.push(await command(svc, `${f} 20 × 100k, cold`, f, model, twoM));
        runs.push(await command(svc, `${f} 20 × 100k, warm`, f, model, twoM));
      } finally {
        await svc.stop();
      }
    }

    const { svc: one, startSeconds } = await serve(1);
    starts.push(`json serve (1 generator actor): healthy ${startSeconds.toFixed(1)} s`);
    try {
      await command(one, 'warm-up', 'json', model, { rows: ROWS, batches: 2, threads: 2 });
      runs.push(await command(one, 'json 20 × 100k, warm, 1 actor', 'json', model, twoM));
    } finally {
      await one.stop();
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }

  const baselineRows: string[][] = [];
  for (const f of FORMATS) {
    for (const [label, m] of [['hand-tuned loop', hand], ['engine, file sink', engine], ['faker per value', faker]] as const) {
      const x = m.get(f)!;
      baselineRows.push([`${f} ${label}, 1 core`, fmt(x.rows), x.seconds.toFixed(1), fmt(rate(x.rows, x.seconds)), (x.bytes / 1e6 / x.seconds).toFixed(1), mb(x.peakRssMb), (x.cpuSeconds / x.seconds).toFixed(2), fmt(x.rows / x.cpuSeconds)]);
    }
  }
  console.log(`\nbaselines (each its own process; rates by wall time, and rows per CPU-second)\n${table(['loop', 'rows', 's', 'rows/s', 'MB/s', 'peak RSS MB', 'cores', 'rows/CPU-s'], baselineRows)}`);

  const e2eRows = runs.map((r) => {
    const rs = rate(r.rows, r.seconds);
    const cpu = r.processes.reduce((n, p) => n + p.cpuSeconds, 0);
    const versus = (m: Map<Format, LoopFigures>, digits: number) => {
      const x = m.get(r.format as Format);
      return x ? `${(rs / rate(x.rows, x.seconds)).toFixed(digits)}×` : '-';
    };
    return [r.name, fmt(r.rows), r.seconds.toFixed(1), fmt(rs), (r.bytes / 1e6 / r.seconds).toFixed(1), perProcess(r, (p) => mb(p.peakRssMb)), perProcess(r, (p) => p.cores.toFixed(2)),
      versus(hand, 2), versus(faker, 1), fmt(r.rows / cpu)];
  });
  console.log(`\nend to end (submission to FINISHED; peak RSS in MB and cores per process)\n${table(['command', 'rows', 's', 'rows/s', 'MB/s', 'peak RSS MB', 'cores', 'vs hand-tuned', 'vs faker', 'rows/CPU-s'], e2eRows)}`);
  console.log(starts.map((s) => `  ${s}`).join('\n'));

  const out: BenchResult[] = [];
  const find = (name: string) => runs.find((r) => r.name === name);
  for (const r of runs) out.push({ name: `end-to-end: ${r.name}`, value: rate(r.rows, r.seconds), unit: 'rows/s', note: `${(r.bytes / 1e6 / r.seconds).toFixed(1)} MB/s, peak RSS ${perProcess(r, (p) => `${mb(p.peakRssMb)} MB`)}` });
  for (const f of FORMATS) {
    const h = hand.get(f)!;
    const e = engine.get(f)!;
    out.push({ name: `end-to-end: ${f} engine on one core / hand-tuned loop`, value: rate(e.rows, e.seconds) / rate(h.rows, h.seconds), unit: '×', note: `by CPU time ${((e.rows / e.cpuSeconds) / (h.rows / h.cpuSeconds)).toFixed(2)}×` });
  }
  for (const f of [...FORMATS, ...BINARY_FORMATS]) {
    const cold = find(`${f} 20 × 100k, cold`);
    const warm = find(`${f} 20 × 100k, warm`);
    if (cold && warm) out.push({ name: `end-to-end: ${f} cold / warm`, value: rate(cold.rows, cold.seconds) / rate(warm.rows, warm.seconds), unit: '×', note: `cold ${cold.seconds.toFixed(1)} s, warm ${warm.seconds.toFixed(1)} s` });
  }
  const multi = find('json 20 × 100k, warm');
  const single = find('json 20 × 100k, warm, 1 actor');
  if (multi && single) out.push({ name: `end-to-end: json, ${cores} generator actors / 1`, value: rate(multi.rows, multi.seconds) / rate(single.rows, single.seconds), unit: '×' });
  return out;
}
