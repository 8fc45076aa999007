/**
 * Avro and Parquet encode-only figures for the 10-field customer model (models/customers-usa.json): the encoders the
 * sinks use against the original paths, in the same run, interleaved per round (median of BENCH_FILE_ROUNDS).
 * Rows per CPU-second of this process (GC threads included) on freshly generated rows for every measurement, so
 * strings reach each encoder as the generator makes them. Part of `npm run bench -- file-sinks`; standalone:
 * `node --import tsx bench/binary-encoders.ts` (BENCH_BINARY_ROWS sets rows per measurement, default 200000).
 * The original paths convert BIRTHDATE with today's asEpochDays (arithmetic, no longer a Date per value).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { benchSettings } from '../src/config.js';
import { compileModel } from '../src/model/compile.js';
import { parseModelText } from '../src/model/parse.js';
import type { Row } from '../src/model/types.js';
import { avroEncoder, syncMarker } from '../src/sinks/files/avro-encoder.js';
import { fileOptions } from '../src/sinks/files/options.js';
import { parquetEncoder } from '../src/sinks/files/parquet-encoder.js';
import type { BenchResult } from './types.js';

const MODELS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'models');
const MODEL_FILE = path.join(MODELS, 'customers-usa.json');
/** A streamed batch arrives in chunks of 16,384 rows: Avro encodes each into blocks. */
const AVRO_CHUNK = 16_384;
/** Parquet encodes a row group at a time; 50,000 rows is one group of this model. */
const PARQUET_GROUP = 50_000;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export async function benchBinaryEncoders(): Promise<BenchResult[]> {
  const rows = Number(process.env.BENCH_BINARY_ROWS ?? 200_000);
  const rounds = benchSettings().fileRounds;
  const model = parseModelText(readFileSync(MODEL_FILE, 'utf8'), MODEL_FILE);
  const gen = await compileModel(model, { dataDirs: [MODELS] });
  const sync = syncMarker('bench');
  const settings = fileOptions(model);
  /** Bytes (or column count) produced, so an encoder that writes nothing fails the bench. */
  const inPieces = (all: Row[], size: number, encode: (rows: Row[]) => { length: number }): number => {
    let out = 0;
    for (let i = 0; i < all.length; i += size) out += encode(all.slice(i, i + size)).length;
    return out;
  };
  const avro = avroEncoder(model, gen.columns);
  const avsc = avroEncoder(model, gen.columns, { records: 'avsc' });
  const parquet = parquetEncoder(gen.columns, settings);
  const parquetGeneric = parquetEncoder(gen.columns, settings, { values: 'generic' });
  const encoders = [
    { name: 'avro avsc (original path)', encode: (all: Row[]) => inPieces(all, AVRO_CHUNK, (r) => avsc.blocks(r, sync)) },
    { name: 'avro compiled (sink)', encode: (all: Row[]) => inPieces(all, AVRO_CHUNK, (r) => avro.blocks(r, sync)) },
    { name: 'parquet generic (original path)', encode: (all: Row[]) => inPieces(all, PARQUET_GROUP, (r) => parquetGeneric.encodeFile(r)) },
    { name: 'parquet typed + snappy.ts (sink)', encode: (all: Row[]) => inPieces(all, PARQUET_GROUP, (r) => parquet.encodeFile(r)) },
    { name: 'parquet, our column conversion alone', encode: (all: Row[]) => inPieces(all, PARQUET_GROUP, (r) => parquet.columnData(r)) },
  ];
  const runs = encoders.map(() => [] as number[]);
  let batch = 0;
  const measure = (encode: (all: Row[]) => number): number => {
    const all = gen.generate(7, batch++, rows);
    const cpu0 = process.cpuUsage();
    if (!encode(all)) throw new Error('encoder wrote nothing');
    const cpu = process.cpuUsage(cpu0);
    return rows / ((cpu.user + cpu.system) / 1e6);
  };
  try {
    for (const e of encoders) measure(e.encode); // warm-up (JIT)
    for (let round = 0; round < rounds; round++) for (const [i, e] of encoders.entries()) runs[i]!.push(measure(e.encode));
  } finally {
    gen.dispose?.();
  }
  return encoders.map((e, i) => ({
    name: `file-sinks: encode only, customers-usa, ${e.name}`,
    value: median(runs[i]!),
    unit: 'rows/s',
    note: `per CPU-second, ${rows} fresh rows, median of ${rounds}`,
  }));
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  for (const r of await benchBinaryEncoders()) console.log(`${r.name}: ${Math.round(r.value).toLocaleString('en-US')} ${r.unit}${r.note ? ` (${r.note})` : ''}`);
}
