/**
 * multipleconnectors figures: rows/s of the 10-field customer model through the worker's batch runner (generate a
 * chunk, stream it to the sink) to json, csv and parquet files alone, and to all three in one command, in one
 * process, interleaved rounds, medians. The baseline is the three single-sink commands run one after the other:
 * one multipleconnectors command generates each row once instead of three times.
 * Standalone: `npm run bench -- multiple-connectors` (BENCH_FILE_ROWS sets rows per batch, default 10000).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BatchRunner } from '../src/activities/batch-runner.js';
import { benchSettings } from '../src/config.js';
import { MODEL } from './file-sinks.js';
import type { BenchResult } from './types.js';

const ROWS = benchSettings().fileRows;
const BATCHES = 10;
const ROUNDS = benchSettings().fileRounds;

async function run(runner: BatchRunner, dataDir: string, service: string, connectors: string[] | undefined, round: number): Promise<number> {
  const commandUuid = `bench-${service}-${round}`;
  const model = { ...MODEL, tableNames: { LOCAL_FILE_PATH: path.join(dataDir, commandUuid) } };
  const settings = { dataDir, outputRoots: [dataDir], properties: {} };
  const t0 = performance.now();
  for (let batch = 0; batch < BATCHES; batch++) {
    const item = { commandUuid, batch, rows: ROWS, seed: 42, service, ...(connectors ? { connectors } : {}), modelHash: 'bench', properties: {}, batches: BATCHES, referenceTime: 0 };
    await runner.run({ id: batch, item, model, settings, compileDirs: [] });
  }
  return (ROWS * BATCHES) / ((performance.now() - t0) / 1000);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchMultipleConnectors(): Promise<BenchResult[]> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'datagen-bench-multi-'));
  const runner = new BatchRunner();
  const cases = [
    { name: 'json', service: 'json' },
    { name: 'csv', service: 'csv' },
    { name: 'parquet', service: 'parquet' },
    { name: 'json + csv + parquet', service: 'multipleconnectors', connectors: ['json', 'csv', 'parquet'] },
  ];
  try {
    for (const c of cases) await run(runner, dataDir, c.service, c.connectors, -1); // warm-up (JIT)
    const rates = cases.map(() => [] as number[]);
    for (let round = 0; round < ROUNDS; round++) for (const [i, c] of cases.entries()) rates[i]!.push(await run(runner, dataDir, c.service, c.connectors, round));
    const [json, csv, parquet, multi] = rates.map(median) as [number, number, number, number];
    const sequential = 1 / (1 / json + 1 / csv + 1 / parquet);
    return [
      ...cases.slice(0, 3).map((c, i) => ({ name: `one thread, generate + write: ${c.name} alone`, value: median(rates[i]!), unit: 'rows/s' })),
      { name: 'one thread, generate + write: multipleconnectors json + csv + parquet', value: multi, unit: 'rows/s', note: 'every row in all three' },
      { name: 'three single-sink commands one after the other (same rows to each)', value: sequential, unit: 'rows/s' },
      { name: 'multipleconnectors / three single-sink commands', value: multi / sequential, unit: '×' },
    ];
  } finally {
    await runner.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
