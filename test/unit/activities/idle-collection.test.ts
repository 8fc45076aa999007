import test from 'ava';
import { Worker } from 'node:worker_threads';
import { IdleCollection } from '../../../src/activities/idle-collection.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('one collection once no job has run for the quiet time; none while a job runs or when the next comes first', async (t) => {
  let collections = 0;
  const idle = new IdleCollection(() => collections++, 50);
  idle.jobStarted();
  idle.jobStarted();
  idle.jobEnded();
  await sleep(150);
  t.is(collections, 0, 'a job still runs');
  idle.jobEnded();
  idle.jobStarted(); // the next job before the quiet time is up
  await sleep(150);
  t.is(collections, 0);
  idle.jobEnded();
  await sleep(150);
  t.is(collections, 1);
  await sleep(150);
  t.is(collections, 1, 'once per quiet spell');
});

test('in a worker thread, the V8 collector is there and gives back the heap of garbage left by a job', async (t) => {
  const code = `
    const { parentPort } = require('node:worker_threads');
    const v8 = require('node:v8');
    (async () => {
      const { v8Collector } = await import(${JSON.stringify(new URL('../../../src/activities/idle-collection.ts', import.meta.url).href)});
      let junk = [];
      for (let i = 0; i < 1e6; i++) junk.push({ i, s: 'x' + i });
      junk = null;
      const before = v8.getHeapStatistics().total_heap_size;
      const gc = v8Collector();
      gc?.();
      parentPort.postMessage({ has: typeof gc === 'function', before, after: v8.getHeapStatistics().total_heap_size });
    })();`;
  const result = await new Promise<{ has: boolean; before: number; after: number }>((resolve, reject) => {
    const w = new Worker(code, { eval: true });
    w.once('message', (m) => { resolve(m); void w.terminate(); });
    w.once('error', reject);
  });
  t.true(result.has);
  t.true(result.after < result.before, `${result.before} -> ${result.after}`);
});
