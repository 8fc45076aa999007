import test from 'ava';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { compileModel } from '../../../src/model/compile.js';
import { parseModel, parseModelText } from '../../../src/model/parse.js';
import type { Row } from '../../../src/model/types.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const REF = 1_750_000_000_000;

function canonical(rows: Row[]): string {
  return JSON.stringify(rows, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v));
}

const everything = parseModel({
  Fields: [
    { name: 'id', type: 'INCREMENT_LONG', min: 10 }, { name: 'n', type: 'NAME', filters: ['France'] }, { name: 'c', type: 'CITY', filters: ['Italy'] },
    { name: 'lat', type: 'LINK', link: '$c.lat' }, { name: 'p', type: 'PHONE', filters: ['Spain'] }, { name: 'e', type: 'EMAIL' },
    { name: 'u', type: 'UUID' }, { name: 'h', type: 'HASH_MD5' }, { name: 'b', type: 'BYTES', length: 5 }, { name: 'd', type: 'DATE' },
    { name: 'ds', type: 'DATE_AS_STRING', pattern: 'yyyy/MM/dd HH:mm' }, { name: 'bd', type: 'BIRTHDATE' }, { name: 'f', type: 'FLOAT' },
    { name: 'l', type: 'LONG' }, { name: 'r', type: 'STRING_REGEX', regex: '[A-Z]{3}-[0-9]{2}' }, { name: 'co', type: 'COUNTRY' },
    { name: 'ts', type: 'TIMESTAMP' }, { name: 'formula', type: 'FLOAT', formula: 'Math.random() * ${id}' },
    { name: 'cond', type: 'STRING', conditionals: { '$f>0': 'pos', default: 'neg' } },
  ],
});

test('same model, seed and batch give identical rows across two compiles', async (t) => {
  const a = await compileModel(everything, { dataDirs: [] });
  const b = await compileModel(everything, { dataDirs: [] });
  t.is(canonical(a.generate(77, 4, 300, { referenceTime: REF })), canonical(b.generate(77, 4, 300, { referenceTime: REF })));
  t.not(canonical(a.generate(77, 4, 300, { referenceTime: REF })), canonical(a.generate(78, 4, 300, { referenceTime: REF })), 'another seed differs');
  t.not(canonical(a.generate(77, 4, 300, { referenceTime: REF })), canonical(a.generate(77, 5, 300, { referenceTime: REF })), 'another batch differs');
  a.dispose?.();
  b.dispose?.();
});

test('a batch does not depend on which batches were generated before it (any worker, any order)', async (t) => {
  const a = await compileModel(everything, { dataDirs: [] });
  const direct = canonical(a.generate(5, 9, 100, { referenceTime: REF }));
  for (let b = 0; b < 9; b++) a.generate(5, b, 100, { referenceTime: REF });
  t.is(canonical(a.generate(5, 9, 100, { referenceTime: REF })), direct);
  a.dispose?.();
});

test('seeds above 2^32 are distinct', async (t) => {
  const g = await compileModel(parseModel({ Fields: [{ name: 'x', type: 'INTEGER' }] }), { dataDirs: [] });
  t.notDeepEqual(g.generate(1, 0, 5), g.generate(1 + 2 ** 32, 0, 5));
});

test('increments continue across batches (min + batch × rows) and restart with every command', async (t) => {
  const model = parseModel({ Fields: [{ name: 'i', type: 'INCREMENT_INTEGER', min: 100 }, { name: 'l', type: 'INCREMENT_LONG', min: 5 }] });
  const g = await compileModel(model, { dataDirs: [] });
  const rows = [0, 1, 2].flatMap((b) => g.generate(1, b, 4));
  t.deepEqual(rows.map((r) => r.i), [100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111]);
  t.deepEqual(rows.map((r) => r.l).slice(0, 3), [5n, 6n, 7n]);
  // A new command (batch 0 again, even on the same compiled generator) starts over: nothing carries over.
  t.is(g.generate(2, 0, 1)[0].i, 100);
  t.is(g.generate(1, 2, 4)[0].i, 108, 'regenerating a batch gives the same values');
});

test('rows are identical in another thread (as worker threads generate them)', async (t) => {
  const file = path.join(ROOT, 'models/customers-usa.json');
  const model = parseModelText(readFileSync(file, 'utf8'));
  const here = canonical((await compileModel(model, { dataDirs: [] })).generate(31, 2, 200, { referenceTime: REF }));
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    (async () => {
      await import(workerData.tsx).then((m) => m.register());
      const { compileModel } = await import(workerData.compile);
      const { parseModelText } = await import(workerData.parse);
      const fs = await import('node:fs');
      const g = await compileModel(parseModelText(fs.readFileSync(workerData.file, 'utf8')), { dataDirs: [] });
      const rows = g.generate(31, 2, 200, { referenceTime: ${REF} });
      parentPort.postMessage(JSON.stringify(rows, (_k, v) => (typeof v === 'bigint' ? v + 'n' : v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v)));
    })().catch((e) => parentPort.postMessage('ERROR ' + e.stack));`;
  const there = await new Promise<string>((resolve, reject) => {
    const w = new Worker(source, {
      eval: true,
      workerData: { file, tsx: import.meta.resolve('tsx/esm/api'), compile: new URL('../../../src/model/compile.ts', import.meta.url).href, parse: new URL('../../../src/model/parse.ts', import.meta.url).href },
    });
    w.once('message', (m: string) => { void w.terminate(); resolve(m); });
    w.once('error', reject);
  });
  t.is(there, here);
});

test('without a reference time, TIMESTAMP is the time of generation', async (t) => {
  const g = await compileModel(parseModel({ Fields: [{ name: 't', type: 'TIMESTAMP' }] }), { dataDirs: [] });
  const before = Date.now();
  const v = g.generate(1, 0, 1)[0].t as number;
  t.true(v >= before && v <= Date.now());
});

const clocked = (options: Record<string, unknown> = {}) => parseModel({
  Fields: [{ name: 'ts', type: 'TIMESTAMP' }, { name: 'd', type: 'DATE', use_now: true }, { name: 'x', type: 'INTEGER' }], Options: options,
});

test('with a reference time, TIMESTAMP is that time plus TIMESTAMP_STEP_MS per row of the command, increasing across batches', async (t) => {
  const byDefault = await compileModel(clocked(), { dataDirs: [] });
  const rows = [0, 1, 2].flatMap((b) => byDefault.generate(8, b, 5, { referenceTime: REF }));
  t.deepEqual(rows.map((r) => r.ts), Array.from({ length: 15 }, (_, i) => REF + i), 'one millisecond per row by default');
  t.deepEqual(rows.map((r) => (r.d as Date).getTime()), rows.map((r) => r.ts), 'use_now reads the same instant');
  const perSecond = await compileModel(clocked({ TIMESTAMP_STEP_MS: 1000 }), { dataDirs: [] });
  t.deepEqual(perSecond.generate(8, 3, 2, { referenceTime: REF }).map((r) => r.ts), [REF + 6000, REF + 7000]);
  const still = await compileModel(clocked({ TIMESTAMP_STEP_MS: '0' }), { dataDirs: [] });
  t.true(still.generate(8, 2, 50, { referenceTime: REF }).every((r) => r.ts === REF), 'a step of 0: the reference time for every row');
});

test('TIMESTAMP_STEP_MS must be a whole number of milliseconds up to a day, named in the refusal', async (t) => {
  for (const bad of ['-1', '1.5', 'fast', '86400001']) {
    const err = await t.throwsAsync(async () => compileModel(clocked({ TIMESTAMP_STEP_MS: bad }), { dataDirs: [] }));
    t.regex(err!.message, /^Options\.TIMESTAMP_STEP_MS: /, bad);
  }
  t.deepEqual(parseModel({ Fields: [{ name: 'ts', type: 'TIMESTAMP' }], Options: { TIMESTAMP_STEP_MS: 60000 } }).warnings ?? [], [], 'a known key');
});

test('the same seed gives the same rows, TIMESTAMPs included, whatever the shard layout and the order shards are generated in', async (t) => {
  // Layouts crossing row blocks (16,384 rows) on a light model: every other type's determinism is the tests' above.
  const g = await compileModel(parseModel({
    Fields: [{ name: 'id', type: 'INCREMENT_LONG' }, { name: 'ts', type: 'TIMESTAMP' }, { name: 'u', type: 'UUID' }, { name: 'f', type: 'FLOAT' }, { name: 'r', type: 'STRING_REGEX', regex: '[A-Z]{3}' }],
  }), { dataDirs: [] });
  const rows = 40_000;
  const whole = canonical(g.generate(12, 3, rows, { referenceTime: REF }));
  for (const size of [16_384, 32_768, 10_000]) {
    const shards = Array.from({ length: Math.ceil(rows / size) }, (_, i) => ({ firstRow: i * size, rows: Math.min(size, rows - i * size) }));
    const parts = new Map<number, Row[]>();
    for (const s of [...shards].reverse()) parts.set(s.firstRow, [...g.chunks(12, 3, rows, s, { referenceTime: REF })].flat());
    t.is(canonical(shards.flatMap((s) => parts.get(s.firstRow)!)), whole, `shards of ${size} rows`);
  }
  const ts = g.generate(12, 3, rows, { referenceTime: REF }).map((r) => r.ts as number);
  t.is(ts[0], REF + 3 * rows);
  t.true(ts.every((v, i) => i === 0 || v > ts[i - 1]), 'strictly increasing');
});

test('with the wall clock (a command without a seed), TIMESTAMP is the time each row is generated', async (t) => {
  const g = await compileModel(clocked({ TIMESTAMP_STEP_MS: 1000 }), { dataDirs: [] });
  const before = Date.now();
  const rows = g.generate(1, 7, 20_000, { referenceTime: REF, wallClock: true });
  const after = Date.now();
  const ts = rows.map((r) => r.ts as number);
  t.true(ts.every((v, i) => v >= before && v <= after && (i === 0 || v >= ts[i - 1])), `${ts[0]}…${ts[ts.length - 1]} within ${before}…${after}, never decreasing`);
  t.deepEqual(rows.map((r) => r.x), g.generate(1, 7, 20_000, { referenceTime: REF }).map((r) => r.x), 'every other value still follows the seed');
});
