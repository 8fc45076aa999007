/**
 * The naive baseline of the end-to-end bench: the customer rows drawn with one faker call per value
 * (bench/generation.ts), serialised generically (JSON.stringify per row, or values joined with CSV quoting) and
 * written to a file, one core. `node --import tsx bench/faker-loop.ts <json|csv> <rows> <file>` prints its figures.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import type { Row } from '../src/model/types.js';
import { fakerCustomers } from './generation.js';
import { isMain, loopArgs, loopFigures, type Format, type LoopFigures } from './loop-figures.js';

const BATCH_ROWS = 10_000;

function csvValue(v: unknown): string {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function encode(format: Format, rows: Row[], header: boolean): string {
  if (format === 'json') return rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
  const lines = rows.map((r) => Object.values(r).map(csvValue).join(','));
  if (header) lines.unshift(Object.keys(rows[0]).join(','));
  return lines.join('\n') + '\n';
}

export function fakerLoop(format: Format, rows: number, file: string): LoopFigures {
  const fd = openSync(file, 'w');
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let bytes = 0;
  try {
    for (let batch = 0; batch * BATCH_ROWS < rows; batch++) {
      const n = Math.min(BATCH_ROWS, rows - batch * BATCH_ROWS);
      bytes += writeSync(fd, encode(format, fakerCustomers(batch, n), batch === 0));
    }
  } finally {
    closeSync(fd);
  }
  return loopFigures(rows, bytes, t0, cpu0);
}

if (isMain(import.meta.url)) {
  const { format, rows, file } = loopArgs();
  console.log(JSON.stringify(fakerLoop(format, rows, file)));
}
