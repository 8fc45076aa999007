/**
 * Generation speed: rows/s generated and serialised to JSON Lines (JSON.stringify per row) by the compiled
 * engine, against a naive baseline that calls faker once per value for the same fields, in the same run, one core.
 * Standalone: `node --import tsx bench/generation.ts`; also exported for bench/run.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Faker, en, en_US } from '@faker-js/faker';
import { compileModel } from '../src/model/compile.js';
import { parseModelText } from '../src/model/parse.js';
import type { Row } from '../src/model/types.js';

export interface BenchResult { name: string; value: number; unit: string; note?: string }

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BATCH_ROWS = 20_000;
const ROUND_MS = 700;
/** Engine and baseline alternate this many times; the best round of each counts (the machine may be shared). */
const ROUNDS = 4;

/** Serialises like a JSON Lines sink: bigint as a decimal number, bytes as hex, then JSON.stringify per row. */
function serialise(rows: Row[], special: string[]): number {
  let bytes = 0;
  for (const r of rows) {
    for (const c of special) {
      const v = r[c];
      if (typeof v === 'bigint') r[c] = Number(v);
      else if (v instanceof Uint8Array) r[c] = Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex');
    }
    bytes += JSON.stringify(r).length + 1;
  }
  return bytes;
}

export interface Rate { wall: number; cpu: number }

/**
 * Rows per second of `produce(batch)` + serialisation over at least ROUND_MS, by wall clock and by CPU time of
 * the process (which a busy, shared machine disturbs much less: time spent descheduled does not count).
 */
export function measure(produce: (batch: number) => Row[], special: string[]): Rate {
  let rows = 0;
  let batch = 1;
  const start = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  let elapsed = 0;
  while (elapsed < ROUND_MS) {
    const out = produce(batch++);
    serialise(out, special);
    rows += out.length;
    elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  }
  const cpu = process.cpuUsage(cpu0);
  return { wall: Math.round(rows / (elapsed / 1000)), cpu: Math.round(rows / ((cpu.user + cpu.system) / 1e6)) };
}

export const best = (a: Rate, b: Rate): Rate => ({ wall: Math.max(a.wall, b.wall), cpu: Math.max(a.cpu, b.cpu) });

function fakerFor(seed: number): Faker {
  const f = new Faker({ locale: [en_US, en], seed });
  f.setDefaultRefDate(new Date('2026-01-01T00:00:00Z'));
  return f;
}

/** Naive per-value faker rows for models/customers-usa.json (also the end-to-end bench's naive loop). */
export function fakerCustomers(batch: number, rows: number): Row[] {
  const f = fakerFor(batch);
  const out: Row[] = new Array(rows);
  for (let r = 0; r < rows; r++) {
    out[r] = {
      customer_id: 1000000 + batch * rows + r,
      first_name: f.person.firstName(),
      email: f.internet.email(),
      phone: f.phone.number({ style: 'international' }),
      birthdate: f.date.birthdate({ mode: 'age', min: 20, max: 75 }).toISOString().slice(0, 10),
      city: f.location.city(),
      country: 'USA',
      membership: f.helpers.weightedArrayElement([{ value: 'BRONZE', weight: 60 }, { value: 'SILVER', weight: 25 }, { value: 'GOLD', weight: 10 }, { value: 'PLATINUM', weight: 5 }]),
      balance: f.number.float({ min: 0, max: 25000 }),
      active: f.datatype.boolean(0.85),
    };
  }
  return out;
}

/** Naive per-value faker rows for models/sensor-readings.json. */
function fakerSensors(batch: number, rows: number): Row[] {
  const f = fakerFor(batch);
  const out: Row[] = new Array(rows);
  const now = Date.now();
  for (let r = 0; r < rows; r++) {
    const sensorType = f.helpers.arrayElement(['pressure', 'temperature', 'vibration', 'humidity']);
    const value = f.number.float({ min: -40, max: 120 });
    out[r] = {
      reading_id: 5000000000n + BigInt(batch * rows + r),
      sensor_id: f.helpers.fromRegExp(/SN-[A-F]{2}[0-9]{6}/),
      sensor_type: sensorType,
      plant_id: f.number.int({ min: 1, max: 250 }),
      measured_at: now,
      value,
      raw: BigInt(f.number.int({ min: 0, max: 4294967295 })),
      status: (sensorType === 'temperature' && value > 100) || (sensorType === 'pressure' && value > 110) ? 'CRITICAL' : value >= 90 ? 'WARNING' : 'OK',
      firmware_checksum: f.string.hexadecimal({ length: 32, prefix: '' }),
      gateway_ip: f.internet.ipv4(),
    };
  }
  return out;
}

const CASES = [
  { model: 'customers-usa', baseline: fakerCustomers },
  { model: 'sensor-readings', baseline: fakerSensors },
];

export async function benchGeneration(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const c of CASES) {
    const model = parseModelText(readFileSync(path.join(ROOT, 'models', `${c.model}.json`), 'utf8'));
    const generator = await compileModel(model, { dataDirs: [] });
    const special = generator.columns.filter((col) => ['LONG', 'INCREMENT_LONG', 'BYTES', 'HASH_MD5'].includes(col.type)).map((col) => col.name);
    const referenceTime = Date.UTC(2026, 0, 1);
    const runEngine = (b: number) => generator.generate(7, b, BATCH_ROWS, { referenceTime });
    const runBaseline = (b: number) => c.baseline(b, BATCH_ROWS);
    serialise(runEngine(0), special);
    serialise(runBaseline(0), special);
    let engine: Rate = { wall: 0, cpu: 0 };
    let baseline: Rate = { wall: 0, cpu: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      engine = best(engine, measure(runEngine, special));
      baseline = best(baseline, measure(runBaseline, special));
    }
    generator.dispose?.();
    const fields = model.fields.length;
    results.push(
      { name: `generation.${c.model}.engine`, value: engine.wall, unit: 'rows/s', note: `${fields} fields, compiled engine + JSON.stringify, one thread, best of ${ROUNDS} rounds; ${engine.cpu} rows per CPU-second` },
      { name: `generation.${c.model}.faker-baseline`, value: baseline.wall, unit: 'rows/s', note: `faker call per value + JSON.stringify, best of ${ROUNDS} rounds; ${baseline.cpu} rows per CPU-second` },
      { name: `generation.${c.model}.speedup`, value: Math.round((engine.wall / baseline.wall) * 10) / 10, unit: 'x', note: `engine / faker baseline (by CPU time ${Math.round((engine.cpu / baseline.cpu) * 10) / 10}x)` },
    );
  }
  return results;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const r of await benchGeneration()) console.log(`${r.name.padEnd(44)} ${String(r.value).padStart(10)} ${r.unit}${r.note ? `  (${r.note})` : ''}`);
}
