/**
 * Reads a sink's output back with an independent implementation (Python: pyarrow, fastavro, json, csv) via
 * readback.py. The Python packages are installed by .ci/setup.d/file-sinks.sh; this helper installs nothing.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Column, Row, Value } from '../../src/model/types.js';

const run = promisify(execFile);
const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'readback.py');
export type Format = 'parquet' | 'avro' | 'json' | 'csv';

export interface ReadBack {
  columns: string[];
  types: string[];
  rows: unknown[][];
  meta: Record<string, any>;
}

export async function readBack(format: Format | 'orc', file: string, opts: { strings?: boolean } = {}): Promise<ReadBack> {
  const python = process.env.PYTHON ?? 'python3';
  try {
    const { stdout } = await run(python, [SCRIPT, format, file, ...(opts.strings ? ['--strings'] : [])], { maxBuffer: 512 * 1024 * 1024 });
    return JSON.parse(stdout) as ReadBack;
  } catch (err: any) {
    const stderr = String(err?.stderr ?? '');
    if (/ModuleNotFoundError|No module named/.test(stderr)) {
      throw new Error(`read-back needs Python packages pyarrow and fastavro: run "bash .ci/setup.d/file-sinks.sh" (${stderr.trim().split('\n').pop()})`);
    }
    throw new Error(`readback.py ${format} ${file} failed: ${stderr || err}`);
  }
}

const HEX = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();

/**
 * The value a reader should see for `v` of column type `type`, in readback.py's JSON-safe form. `typed` is true for
 * formats whose readers give typed timestamps and dates (Avro, Parquet): there TIMESTAMP and DATE read back as
 * instants and BIRTHDATE as a date; in text formats TIMESTAMP stays epoch milliseconds.
 */
export function expectedValue(type: Column['type'], v: Value, typed: boolean): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Date) return v.toISOString();
  if (v instanceof Uint8Array) return HEX(v);
  if (typeof v === 'number') {
    if (type === 'TIMESTAMP' && typed) return new Date(v).toISOString();
    return Number.isInteger(v) && type !== 'FLOAT' ? String(v) : v;
  }
  return v;
}

export function expectedRows(columns: Column[], rows: Row[], typed: boolean): unknown[][] {
  return rows.map((row) => columns.map((c) => expectedValue(c.type, row[c.name] ?? null, typed)));
}
