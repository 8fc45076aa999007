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
