/**
 * File-sink figures: rows/s and MB/s per format for a 10-field customer-like model, generate + sink write in one
 * process (no API, no NATS), next to the generation-only rate measured in the same run.
 * Standalone: `node --import tsx bench/file-sinks.ts` (BENCH_FILE_ROWS sets rows per batch, default 10000).
 */
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { benchSettings } from '../src/config.js';
import { compileModel } from '../src/model/compile.js';
import type { FieldDefinition, FieldType, ModelDefinition, Row, RowGenerator } from '../src/model/types.js';
import { avroSink, csvSink, jsonSink, parquetSink } from '../src/sinks/files/local-sinks.js';
import { compiledEncoder } from '../src/sinks/files/compiled-encoders.js';
import { csvEncoder } from '../src/sinks/files/csv-encoder.js';
import { jsonLinesEncoder } from '../src/sinks/files/json-encoder.js';
import type { Sink, SinkContext } from '../src/sinks/types.js';
import type { BenchResult } from './types.js';
import { benchBinaryEncoders } from './binary-encoders.js';
import { writeBatch } from '../src/sinks/write-batch.js';

const ROWS = benchSettings().fileRows;
const BATCHES = 20;
const SEED = 42;

function field(name: string, type: FieldType, props: Record<string, unknown> = {}): FieldDefinition {
  return { name, type, ghost: false, props };
}

/** Customer-like, from the simple types the interim engine has. */
export const MODEL: ModelDefinition = {
  name: 'bench-customer',
  fields: [
    field('id', 'UUID'),
    field('first_name', 'STRING', { length: 8 }),
    field('last_name', 'STRING', { length: 12 }),
    field('email', 'STRING', { length: 24 }),
    field('city', 'STRING', { possible_values: ['Paris', 'Berlin', 'New York', 'Madrid', 'Roma', 'Tokyo', 'Lagos', 'Lima'] }),
    field('age', 'INTEGER', { min: 18, max: 95 }),
    field('account', 'LONG', { min: 1_000_000, max: 2_000_000_000 }),
    field('balance', 'FLOAT', { min: -5000, max: 100000 }),
    field('active', 'BOOLEAN'),
    field('visits', 'INTEGER', { min: 0, max: 1000 }),
  ],
  tableNames: {},
  options: {},
  primaryKeys: {},
};

function generationOnly(gen: RowGenerator): number {
  const t0 = performance.now();
  let n = 0;
  for (let b = 0; b < BATCHES; b++) n += gen.generate(SEED, b, ROWS).length;
  return n / ((performance.now() - t0) / 1000);
}

/** Bytes of the output files (hidden part files excluded). */
async function outputBytes(dir: string): Promise<number> {
  let total = 0;
  for (const name of await readdir(dir)) if (!name.startsWith('.')) total += (await stat(path.join(dir, name))).size;
  return total;
}

type Rows = (batch: number) => Row[];

async function throughSink(gen: RowGenerator, rowsFor: Rows, sink: Sink, dataDir: string, single: boolean): Promise<{ rowsPerSec: number; mbPerSec: number; bytes: number }> {
  const dir = path.join(dataDir, `${sink.name}-${single ? 'single' : 'per-batch'}`);
  const ctx: SinkContext = {
    commandUuid: `bench-${sink.name}-${single}`,
    model: { ...MODEL, tableNames: { LOCAL_FILE_PATH: dir }, options: { ONE_FILE_PER_ITERATION: String(!single), DELETE_PREVIOUS: 'true' } },
    columns: gen.columns,
    rowsPerBatch: ROWS,
    batches: BATCHES,
    settings: { dataDir, outputRoots: [dataDir], properties: {} },
  };
  const t0 = performance.now();
  sink.validate(ctx);
  await sink.prepare(ctx);
  const writer = await sink.open(ctx);
  for (let b = 0; b < BATCHES; b++) await writeBatch(writer, b, rowsFor(b));
  await writer.close();
  await sink.finalize(ctx);
  const secs = (performance.now() - t0) / 1000;
  const bytes = await outputBytes(dir);
  return { rowsPerSec: (ROWS * BATCHES) / secs, mbPerSec: bytes / 1e6 / secs, bytes };
}

/** Rows per CPU-second of one encoder over every pregenerated batch (CPU time: a shared machine disturbs it less). */
function encodeRate(encode: (rows: Row[]) => string, batches: Row[][]): number {
  const cpu0 = process.cpuUsage();
  let chars = 0;
  for (const rows of batches) chars += encode(rows).length;
  const cpu = process.cpuUsage(cpu0);
  if (!chars) throw new Error('encoder wrote nothing');
  return (ROWS * batches.length) / ((cpu.user + cpu.system) / 1e6);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Median of ROUNDS interleaved rounds, so drift (JIT, GC, other load) hits every figure alike. */
const ROUNDS = benchSettings().fileRounds;

export async function benchFileSinks(): Promise<BenchResult[]> {
  const gen = await compileModel(MODEL);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'datagen-bench-files-'));
  const sinks: Sink[] = [jsonSink, csvSink, avroSink, parquetSink];
  const generated: Rows = (b) => gen.generate(SEED, b, ROWS);
  const pregenerated = Array.from({ length: BATCHES }, (_, b) => generated(b));
  // generate + write per mode, then the sink alone on rows generated beforehand (its own cost).
  const cases = [
    ...[false, true].flatMap((single) => sinks.map((sink) => ({ sink, single, rows: generated, what: 'generate + write' }))),
    ...sinks.map((sink) => ({ sink, single: false, rows: ((b: number) => pregenerated[b]!) as Rows, what: 'write only (rows generated beforehand)' })),
  ];
  try {
    // Warm-up (JIT) on everything measured.
    generationOnly(gen);
    for (const sink of sinks) await throughSink(gen, generated, sink, dataDir, false);

    const genRates: number[] = [];
    const runs = cases.map(() => [] as Awaited<ReturnType<typeof throughSink>>[]);
    for (let round = 0; round < ROUNDS; round++) {
      genRates.push(generationOnly(gen));
      for (const [i, c] of cases.entries()) runs[i]!.push(await throughSink(gen, c.rows, c.sink, dataDir, c.single));
    }
    // Encoders alone on the same rows: the generic ones (json-encoder.ts, csv-encoder.ts) as the baseline of the
    // compiled ones the sinks use, interleaved per round.
    const encoders = [
      { name: 'json generic (jsonLinesEncoder)', encode: jsonLinesEncoder(gen.columns) },
      { name: 'json compiled', encode: compiledEncoder('json', gen.columns) },
      { name: 'csv generic (csvEncoder)', encode: csvEncoder(gen.columns) },
      { name: 'csv compiled', encode: compiledEncoder('csv', gen.columns) },
    ];
    const encodeRuns = encoders.map(() => [] as number[]);
    for (const e of encoders) encodeRate(e.encode, pregenerated);
    for (let round = 0; round < ROUNDS; round++) for (const [i, e] of encoders.entries()) encodeRuns[i]!.push(encodeRate(e.encode, pregenerated));
    const genRate = median(genRates);
    const results: BenchResult[] = [
      { name: `file-sinks: generation only, 10 fields, ${BATCHES}×${ROWS} rows`, value: genRate, unit: 'rows/s', note: `median of ${ROUNDS}` },
    ];
    for (const [i, e] of encoders.entries()) {
      results.push({ name: `file-sinks: encode only, ${e.name}`, value: median(encodeRuns[i]!), unit: 'rows/s', note: `per CPU-second, median of ${ROUNDS}` });
    }
    for (const [i, c] of cases.entries()) {
      const rate = median(runs[i]!.map((r) => r.rowsPerSec));
      const mb = median(runs[i]!.map((r) => r.mbPerSec));
      const bytesPerRow = runs[i]![0]!.bytes / (ROWS * BATCHES);
      results.push({
        name: `file-sinks: ${c.sink.name}, ${c.single ? 'single file' : 'file per batch'}, ${c.what}`,
        value: rate,
        unit: 'rows/s',
        note: `${((100 * rate) / genRate).toFixed(0)}% of generation-only; ${mb.toFixed(1)} MB/s; ${bytesPerRow.toFixed(0)} B/row`,
      });
    }
    // Avro and Parquet encoders alone, each against its original path (bench/binary-encoders.ts).
    results.push(...(await benchBinaryEncoders()));
    return results;
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  for (const r of await benchFileSinks()) console.log(`${r.name}: ${Math.round(r.value).toLocaleString('en-US')} ${r.unit}${r.note ? ` (${r.note})` : ''}`);
}
