/**
 * Dirty data (docs/dirty-data.md): rows/s of models/dirty-sensor-events.json with its faults against the same model
 * without them (withoutFaults), generated and serialised to JSON Lines, same run, one thread, best of alternating
 * rounds; once for a text output (wrong types drawn) and once typed. Standalone: `node --import tsx bench/faults.ts`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileModel } from '../src/model/compile.js';
import { emptyFaultCounts } from '../src/model/faults/counts.js';
import { withoutFaults } from '../src/model/faults/fault-spec.js';
import { parseModelText } from '../src/model/parse.js';
import { best, measure, type Rate } from './generation.js';
import type { BenchResult } from './types.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SEED = 42;
const ROWS = 20_000;
const ROUNDS = 4;

export async function benchFaults(): Promise<BenchResult[]> {
  const dirty = parseModelText(readFileSync(path.join(ROOT, 'models/dirty-sensor-events.json'), 'utf8'));
  const [clean, faulty] = await Promise.all([compileModel(withoutFaults(dirty)), compileModel(dirty)]);
  const special = ['event_id'];
  const counts = emptyFaultCounts();
  const cases = [
    { name: 'clean', run: (b: number) => clean.generate(SEED, b, ROWS, { referenceTime: 1_750_000_000_000 }) },
    { name: 'faults, text output', run: (b: number) => faulty.generate(SEED, b, ROWS, { referenceTime: 1_750_000_000_000, faultCounts: counts }) },
    { name: 'faults, typed output', run: (b: number) => faulty.generate(SEED, b, ROWS, { referenceTime: 1_750_000_000_000, typedOutput: true, faultCounts: counts }) },
  ];
  const rates: Rate[] = cases.map(() => ({ wall: 0, cpu: 0 }));
  for (let round = 0; round < ROUNDS; round++) cases.forEach((c, k) => { rates[k] = best(rates[k], measure(c.run, special)); });
  clean.dispose?.();
  faulty.dispose?.();
  const base = rates[0]!;
  return cases.map((c, k) => ({
    name: `dirty-sensor-events ${c.name} (rows/s, CPU time)`,
    value: rates[k]!.cpu,
    unit: 'rows/s',
    note: k === 0 ? `wall ${rates[k]!.wall.toLocaleString('en-US')} rows/s` : `${Math.round((100 * rates[k]!.cpu) / base.cpu)}% of clean; wall ${rates[k]!.wall.toLocaleString('en-US')} rows/s`,
  }));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const r of await benchFaults()) console.log(`${r.name.padEnd(60)} ${Math.round(r.value).toLocaleString('en-US').padStart(12)} ${r.unit}   (${r.note})`);
}
