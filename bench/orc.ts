/**
 * ORC writer figures: encode-only rows per CPU-second of the 10-field customer model (models/customers-usa.json)
 * for each compression, next to the Parquet encoder on the same pregenerated rows (the baseline of this run),
 * with the bytes per row each writes. Standalone: `node --import tsx bench/orc.ts` (BENCH_FILE_ROWS sets rows
 * per batch, default 10000).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { benchSettings } from '../src/config.js';
import { compileModel } from '../src/model/compile.js';
import { parseModelText } from '../src/model/parse.js';
import type { Row } from '../src/model/types.js';
import { fileOptions } from '../src/sinks/files/options.js';
import { parquetEncoder } from '../src/sinks/files/parquet-encoder.js';
import type { OrcCompression } from '../src/sinks/files/orc/compression.js';
import { DEFAULT_ORC_OPTIONS, orcWriter } from '../src/sinks/files/orc/orc-writer.js';
import type { BenchResult } from './types.js';

const ROWS = benchSettings().fileRows;
const BATCHES = 20;
const SEED = 42;
const ROUNDS = benchSettings().fileRounds;
const MODELS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../models');

/** Rows per CPU-second of `encode` over every batch, and the bytes it wrote per row. */
function rate(encode: (rows: Row[]) => number, batches: Row[][]): { rowsPerSec: number; bytesPerRow: number } {
  const cpu0 = process.cpuUsage();
  let bytes = 0;
  let rows = 0;
  for (const b of batches) {
    bytes += encode(b);
    rows += b.length;
  }
  const cpu = process.cpuUsage(cpu0);
  return { rowsPerSec: rows / ((cpu.user + cpu.system) / 1e6), bytesPerRow: bytes / rows };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export async function benchOrc(): Promise<BenchResult[]> {
  const file = path.join(MODELS, 'customers-usa.json');
  const model = parseModelText(readFileSync(file, 'utf8'), file);
  const gen = await compileModel(model, { dataDirs: [MODELS] });
  try {
    const batches = Array.from({ length: BATCHES }, (_, b) => gen.generate(SEED, b, ROWS));
    const orc = (compression: OrcCompression) => (rows: Row[]) => {
      const w = orcWriter(gen.columns, { ...DEFAULT_ORC_OPTIONS, compression });
      return w.head().length + w.chunk(rows).length + w.end().length;
    };
    const pq = parquetEncoder(gen.columns, fileOptions(model));
    const cases = [
      { name: 'parquet encodeFile (SNAPPY, baseline)', encode: (rows: Row[]) => pq.encodeFile(rows).length },
      { name: 'orc NONE', encode: orc('NONE') },
      { name: 'orc ZLIB', encode: orc('ZLIB') },
      { name: 'orc SNAPPY', encode: orc('SNAPPY') },
      { name: 'orc ZSTD', encode: orc('ZSTD') },
    ];
    for (const c of cases) rate(c.encode, batches.slice(0, 2));
    const runs = cases.map(() => [] as ReturnType<typeof rate>[]);
    for (let round = 0; round < ROUNDS; round++) for (const [i, c] of cases.entries()) runs[i]!.push(rate(c.encode, batches));
    const base = median(runs[0]!.map((r) => r.rowsPerSec));
    return cases.map((c, i) => {
      const value = median(runs[i]!.map((r) => r.rowsPerSec));
      return {
        name: `orc: encode only, customers-usa (10 fields), ${BATCHES}×${ROWS} rows, ${c.name}`,
        value,
        unit: 'rows/s',
        note: `per CPU-second, median of ${ROUNDS}; ${runs[i]![0]!.bytesPerRow.toFixed(1)} B/row; ${((100 * value) / base).toFixed(0)}% of parquet`,
      };
    });
  } finally {
    gen.dispose?.();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  for (const r of await benchOrc()) console.log(`${r.name}: ${Math.round(r.value).toLocaleString('en-US')} ${r.unit}${r.note ? ` (${r.note})` : ''}`);
}
