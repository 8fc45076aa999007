/**
 * The whole pipeline per file format (API → orchestrator → worker threads → file) for the 10-field customer
 * model, against the generation-only rate of the same model measured in this run; and one generator actor
 * against one per core, to show a single `datagen serve` using every core.
 */
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { compileModel } from '../src/model/compile.js';
import { parseModelText } from '../src/model/parse.js';
import { getJson, ROOT, startServe, submit, waitForTerminal, type ServiceProcess } from '../test/helpers/service-process.js';
import type { BenchResult } from './types.js';

const ROWS = 50_000;
const BATCHES = 20;

async function customerModel(): Promise<string> {
  const model = JSON.parse(await readFile(path.join(ROOT, 'models', 'customers-usa.json'), 'utf8'));
  model.Table_Names = { ...model.Table_Names, LOCAL_FILE_PATH: 'output/bench-customers/' };
  return JSON.stringify(model);
}

/** Single-thread generation + JSON.stringify, the figure the sinks are compared with. */
async function generationOnly(modelText: string): Promise<number> {
  const generator = await compileModel(parseModelText(modelText), { dataDirs: [] });
  const replacer = (_k: string, v: unknown) => (typeof v === 'bigint' ? Number(v) : v);
  generator.generate(1, 0, ROWS);
  const t0 = performance.now();
  let bytes = 0;
  for (let b = 0; b < 5; b++) for (const row of generator.generate(1, b, ROWS)) bytes += JSON.stringify(row, replacer).length;
  if (bytes === 0) throw new Error('no output');
  return (5 * ROWS) / ((performance.now() - t0) / 1000);
}

async function runCommand(svc: ServiceProcess, service: string, model: string, threads: number): Promise<{ rowsPerSec: number; mbPerSec: number }> {
  const t0 = performance.now();
  const res = await submit(svc.url, service, { rows: ROWS, batches: BATCHES, threads }, { text: model });
  if (res.status !== 200) throw new Error(`${service}: ${JSON.stringify(res.body)}`);
  const status = await waitForTerminal(svc.url, res.body.commandUuid, 600_000);
  const seconds = (performance.now() - t0) / 1000;
  if (status.status !== 'FINISHED') throw new Error(`${service}: ${status.status} ${status.comment}`);
  const history = (await getJson(svc.url, `/command/history?commandUuid=${res.body.commandUuid}`)).body.events as Array<{ type: string; data: { bytes?: number } }>;
  const bytes = history.filter((e) => e.type === 'batch-completed').reduce((n, e) => n + (e.data.bytes ?? 0), 0);
  return { rowsPerSec: (ROWS * BATCHES) / seconds, mbPerSec: bytes / 1e6 / seconds };
}

export async function benchEndToEnd(): Promise<BenchResult[]> {
  const model = await customerModel();
  const out: BenchResult[] = [];
  const genRate = await generationOnly(model);
  out.push({ name: 'end-to-end: baseline, generation + JSON.stringify on one core', value: genRate, unit: 'rows/s' });
  const cores = os.availableParallelism();
  const all = await startServe({ env: { DATAGEN_WORKER_SLOTS: String(cores) } });
  try {
    await runCommand(all, 'json', model, cores); // warm-up: threads compile the model and load dictionaries
    for (const format of ['json', 'csv', 'avro', 'parquet']) {
      const r = await runCommand(all, format, model, cores);
      out.push({ name: `end-to-end: ${format}, ${BATCHES} × ${ROWS.toLocaleString('en-US')} rows, ${cores} generator actors`, value: r.rowsPerSec, unit: 'rows/s', note: `${r.mbPerSec.toFixed(1)} MB/s, ${((100 * r.rowsPerSec) / genRate).toFixed(0)}% of one-core generation` });
    }
  } finally {
    await all.stop();
  }
  const one = await startServe({ env: { DATAGEN_WORKER_SLOTS: '1' } });
  try {
    await runCommand(one, 'json', model, 1);
    const r = await runCommand(one, 'json', model, 1);
    const multi = out.find((x) => x.name.startsWith('end-to-end: json'))!.value;
    out.push({ name: 'end-to-end: json, 1 generator actor', value: r.rowsPerSec, unit: 'rows/s', note: `${cores} actors give ${(multi / r.rowsPerSec).toFixed(2)}× this` });
  } finally {
    await one.stop();
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const r of await benchEndToEnd()) console.log(`${r.name}: ${Math.round(r.value)} ${r.unit}${r.note ? ` (${r.note})` : ''}`);
}
