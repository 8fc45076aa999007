/**
 * ORC files from the TypeScript writer read by Apache ORC's Java reader (orc-tools `meta` and `data`): the schema,
 * the column encodings, every value (timestamps up to year 9999, which pyarrow cannot hold), and the stripe and
 * file statistics, checked against figures computed here from the rows. Needs Java and Maven (orc-tools is
 * fetched once); without them the tests are skipped loudly, and fail under CI=true.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import type { Column, Row, Value } from '../../../src/model/types.js';
import { columnKind } from '../../../src/sinks/files/column-kinds.js';
import { ORC_COLUMNS, orcRows, writeOrc } from '../../helpers/orc-fixture.js';
import { orcData, orcMeta } from '../../helpers/orc-tools.js';
import { expectedRows } from '../../helpers/readback.js';
import { cols } from '../../helpers/readback-sinks.js';
import { javaUnavailableReason } from '../../helpers/services/java.js';

const missing = await javaUnavailableReason();
const maybe = missing && process.env.CI !== 'true' ? test.serial.skip : test.serial;
if (missing && process.env.CI !== 'true') console.warn(`\n${'!'.repeat(100)}\nSKIPPING ORC JAVA READER TESTS: ${missing}.\nUnder CI=true this is a failure.\n${'!'.repeat(100)}\n`);

let dir = '';
test.before(async () => {
  if (missing && process.env.CI === 'true') throw new Error(`cannot run orc-tools: ${missing}`);
  dir = await mkdtemp(path.join(os.tmpdir(), 'datagen-orc-java-'));
});
test.after.always(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const ORC_TYPE_NAMES: Record<string, string> = {
  string: 'STRING', int32: 'INT', int64: 'LONG', double: 'DOUBLE', boolean: 'BOOLEAN', bytes: 'BINARY', timestamp: 'TIMESTAMP', date: 'DATE',
};

/** orc-tools prints timestamps as 'yyyy-MM-dd HH:mm:ss[.f...]' in the JVM's zone (UTC here). */
function javaTime(s: string): string {
  const [day, time] = s.split(' ');
  const [hms, frac = ''] = time!.split('.');
  return `${day}T${hms}.${frac.padEnd(3, '0').slice(0, 3)}Z`;
}

function canonical(kind: string, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  switch (kind) {
    case 'double':
      return Number(v);
    case 'bytes':
      return Buffer.from((v as string[]).map(Number)).toString('hex').toUpperCase();
    case 'timestamp':
      return javaTime(v as string);
    default:
      return v;
  }
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** The statistics orc-tools should print for `values` (one column's values, in row order) of `kind`. */
function expectedStats(kind: string, values: Value[]): Record<string, unknown> {
  const vs = values.filter((v) => v !== null && v !== undefined);
  const s: Record<string, unknown> = { count: String(vs.length), hasNull: vs.length < values.length };
  if (!vs.length) return s;
  switch (kind) {
    case 'int32':
    case 'int64': {
      const big = vs.map((v) => BigInt(v as number | bigint));
      let sum: bigint | undefined = 0n;
      for (const b of big) if (sum !== undefined) sum = sum + b < INT64_MIN || sum + b > INT64_MAX ? undefined : sum + b;
      Object.assign(s, { min: String(big.reduce((a, b) => (b < a ? b : a))), max: String(big.reduce((a, b) => (b > a ? b : a))) });
      if (sum !== undefined) s.sum = String(sum);
      break;
    }
    case 'double': {
      const ds = vs as number[];
      Object.assign(s, { min: Math.min(...ds), max: Math.max(...ds), sum: ds.reduce((a, b) => a + b, 0) });
      break;
    }
    case 'string': {
      const bufs = (vs as string[]).map((v) => Buffer.from(v, 'utf8'));
      const sorted = [...bufs].sort(Buffer.compare);
      Object.assign(s, { min: sorted[0]!.toString('utf8'), max: sorted[sorted.length - 1]!.toString('utf8'), totalLength: String(bufs.reduce((a, b) => a + b.length, 0)) });
      break;
    }
    case 'boolean':
      s.trueCount = String(vs.filter((v) => v === true).length);
      break;
    case 'bytes':
      s.totalLength = String((vs as Uint8Array[]).reduce((a, b) => a + b.length, 0));
      break;
    case 'timestamp': {
      const ms = vs.map((v) => (v instanceof Date ? v.getTime() : Number(v)));
      Object.assign(s, { min: new Date(Math.min(...ms)).toISOString(), max: new Date(Math.max(...ms)).toISOString() });
      break;
    }
    case 'date': {
      const days = (vs as string[]).slice().sort();
      Object.assign(s, { min: days[0], max: days[days.length - 1] });
      break;
    }
  }
  return s;
}

/** orc-tools' statistics entry in the same form. */
function actualStats(kind: string, e: Record<string, any>): Record<string, unknown> {
  const s: Record<string, unknown> = { count: e.count, hasNull: e.hasNull };
  const pick = (k: string, f: (v: any) => unknown = (v) => v) => {
    if (e[k] !== undefined) s[k] = f(e[k]);
  };
  if (kind === 'double') ['min', 'max', 'sum'].forEach((k) => pick(k, Number));
  else if (kind === 'timestamp') ['min', 'max'].forEach((k) => pick(k, javaTime));
  else if (kind === 'date') ['min', 'max'].forEach((k) => pick(k, (v: string) => v.replace(/^.* AD /, '')));
  else ['min', 'max', 'sum', 'totalLength', 'trueCount'].forEach((k) => pick(k));
  return s;
}

async function write(name: string, columns: Column[], rows: Row[], options: Parameters<typeof writeOrc>[2], chunk: number): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, writeOrc(columns, rows, options, chunk));
  return file;
}

for (const compression of ['ZLIB', 'SNAPPY', 'ZSTD'] as const) {
  maybe(`${compression}: orc-tools reads the schema, every value and statistics equal to the rows'`, async (t) => {
    t.timeout(10 * 60_000, 'the first run fetches orc-tools with Maven');
    const rows = orcRows(2300);
    // Far timestamps, which the Java reader holds (pyarrow's nanoseconds end in 2262).
    rows[10]!.ts = 253_402_300_799_999;
    rows[11]!.created = new Date(Date.UTC(9999, 11, 31, 23, 59, 59, 999));
    rows[12]!.created = new Date('0001-01-01T00:00:00.000Z');
    const file = await write(`all-${compression}.orc`, ORC_COLUMNS, rows, { compression, stripeRows: 1000 }, 97);
    const kinds = ORC_COLUMNS.map((c) => columnKind(c.type));
    const meta = await orcMeta(file);
    t.is(meta.compression, compression);
    t.is(meta.numberOfRows, '2300');
    t.is(meta.calendar, 'proleptic Gregorian');
    t.is(meta.schemaString, `struct<${ORC_COLUMNS.map((c, i) => `${c.name}:${{ INT: 'int', LONG: 'bigint' }[ORC_TYPE_NAMES[kinds[i]!]!] ?? ORC_TYPE_NAMES[kinds[i]!]!.toLowerCase()}`).join(',')}>`);
    t.deepEqual(meta.stripes.map((s: any) => s.stripeInformation.rowCount), ['1000', '1000', '300']);

    const data = await orcData(file);
    const actual = data.map((r) => ORC_COLUMNS.map((c, i) => canonical(kinds[i]!, r[c.name])));
    t.deepEqual(actual, expectedRows(ORC_COLUMNS, rows, true));

    const stripes = [rows.slice(0, 1000), rows.slice(1000, 2000), rows.slice(2000)];
    for (const [i, c] of ORC_COLUMNS.entries()) {
      const kind = kinds[i]!;
      const perStripe = stripes.map((part) => expectedStats(kind, part.map((r) => r[c.name] ?? null)));
      for (const [s, expected] of perStripe.entries()) {
        t.deepEqual(actualStats(kind, meta.stripeStatistics[s].columnStatistics[i + 1]), expected, `stripe ${s + 1} statistics of ${c.name}`);
      }
      const inFile = actualStats(kind, meta.fileStatistics[i + 1]);
      const whole = expectedStats(kind, rows.map((r) => r[c.name] ?? null));
      if (kind === 'double') {
        // The file's sum adds the stripes' sums: it may differ from the row-order sum in the last bits.
        t.true(Math.abs((inFile.sum as number) - (whole.sum as number)) <= Math.abs(whole.sum as number) * 1e-12, `sum of ${c.name}`);
        delete inFile.sum;
        delete whole.sum;
      }
      if (kind === 'int32' || kind === 'int64') {
        // Likewise the stripes' integer sums, dropped once one is missing or their total leaves 64 bits.
        let sum: bigint | undefined = 0n;
        for (const e of perStripe) sum = sum === undefined || e.sum === undefined ? undefined : sum + BigInt(e.sum as string);
        if (sum === undefined || sum < INT64_MIN || sum > INT64_MAX) delete whole.sum;
        else whole.sum = String(sum);
      }
      t.deepEqual(inFile, whole, `file statistics of ${c.name}`);
    }
    t.is(meta.fileStatistics[0].count, '2300');
  });
}

maybe('string encodings: a dictionary for few distinct values, direct for many, chosen per stripe', async (t) => {
  t.timeout(10 * 60_000);
  const columns = cols({ few: 'STRING', many: 'STRING', ninety: 'STRING' });
  // Stripe 1: few repeats, many distinct, ninety 90% distinct (decided at 10,000 values); stripe 2 (rows 12,000
  // on, 3,000 rows): few distinct, ninety repeating.
  const rows: Row[] = Array.from({ length: 15_000 }, (_, k) => ({
    few: k < 12_000 ? ['x', 'y', 'z'][k % 3]! : `u${k}`,
    many: k % 10 === 0 ? null : `m${k}`,
    ninety: k < 12_000 ? `n${Math.floor(k * 0.9)}` : `r${k % 10}`,
  }));
  const file = await write('strings.orc', columns, rows, { stripeRows: 12_000 }, 4096);
  const meta = await orcMeta(file);
  const kinds = meta.stripes.map((s: any) => s.encodings.map((e: any) => e.kind));
  t.deepEqual(kinds, [['DIRECT', 'DICTIONARY_V2', 'DIRECT_V2', 'DIRECT_V2'], ['DIRECT', 'DIRECT_V2', 'DIRECT_V2', 'DICTIONARY_V2']]);
  t.is(meta.stripes[0].encodings[1].dictionarySize, '3');
  t.is(meta.stripes[1].encodings[3].dictionarySize, '10');
  const data = await orcData(file);
  t.deepEqual(data.map((r) => [r.few, r.many, r.ninety]), rows.map((r) => [r.few, r.many, r.ninety]));
});
