/** The object stores' streaming core: parts in order, bounded uploads in flight, small files whole, failures kept. */
import test from 'ava';
import { partSizeAt, partUploader, type PartSink } from '../../../src/sinks/destinations/part-uploader.js';

interface Recorder extends PartSink<number> {
  parts: Buffer[];
  finished: { parts: number[]; whole?: Buffer }[];
  discards: number;
  maxInFlight: number;
  release(): void;
}

/** A sink whose uploads wait until released (when `gated`), recording the most uploads ever in flight. */
function recorder(opts: { gated?: boolean; failAt?: number } = {}): Recorder {
  let inFlight = 0;
  let waiting: Array<() => void> = [];
  const r: Recorder = {
    parts: [],
    finished: [],
    discards: 0,
    maxInFlight: 0,
    release() {
      const w = waiting;
      waiting = [];
      for (const f of w) f();
    },
    async uploadPart(index, bytes) {
      inFlight++;
      r.maxInFlight = Math.max(r.maxInFlight, inFlight);
      if (opts.gated) await new Promise<void>((res) => waiting.push(res));
      inFlight--;
      if (index === opts.failAt) throw new Error(`part ${index} refused`);
      r.parts[index] = Buffer.from(bytes);
      return index * 10;
    },
    async finish(parts, whole) {
      r.finished.push({ parts, ...(whole ? { whole: Buffer.from(whole) } : {}) });
    },
    async discard() {
      r.discards++;
    },
  };
  return r;
}

test('a file smaller than one part goes whole to finish, text as UTF-8', async (t) => {
  const r = recorder();
  const up = partUploader({ partSize: 100, concurrency: 1 }, r);
  await up.write('héllo ');
  await up.write(Uint8Array.of(1, 2, 3));
  t.is(await up.commit(), 10);
  t.deepEqual(r.parts, []);
  t.deepEqual(r.finished, [{ parts: [], whole: Buffer.concat([Buffer.from('héllo '), Buffer.of(1, 2, 3)]) }]);
});

test('parts are uploaded as they fill, in order, the rest as a last part; finish gets every result in order', async (t) => {
  const r = recorder();
  const up = partUploader({ partSize: 10, concurrency: 2 }, r);
  for (let i = 0; i < 7; i++) await up.write(Buffer.alloc(4, i));
  t.is(await up.commit(), 28);
  t.deepEqual(r.parts.map((p) => p.length), [12, 12, 4]);
  t.deepEqual(Buffer.concat(r.parts), Buffer.concat(Array.from({ length: 7 }, (_, i) => Buffer.alloc(4, i))));
  t.deepEqual(r.finished, [{ parts: [0, 10, 20] }]);
  t.is(r.discards, 0);
});

test('write waits while `concurrency` uploads are in flight (back-pressure)', async (t) => {
  const r = recorder({ gated: true });
  const up = partUploader({ partSize: 4, concurrency: 2 }, r);
  await up.write(Buffer.alloc(4));
  await up.write(Buffer.alloc(4));
  let taken = false;
  const third = up.write(Buffer.alloc(4)).then(() => (taken = true));
  await new Promise((res) => setImmediate(res));
  t.false(taken, 'a third full part waits for a free slot');
  r.release();
  await third;
  t.true(taken);
  const commit = up.commit();
  await new Promise((res) => setImmediate(res));
  r.release();
  t.is(await commit, 12);
  t.is(r.maxInFlight, 2);
  t.is(r.parts.length, 3);
});

test('a failed part fails the next write or the commit, and discards what was uploaded once', async (t) => {
  const r = recorder({ failAt: 1 });
  const up = partUploader({ partSize: 4, concurrency: 1 }, r);
  await up.write(Buffer.alloc(4));
  await up.write(Buffer.alloc(4));
  await t.throwsAsync(up.write(Buffer.alloc(4)), { message: 'part 1 refused' });
  await t.throwsAsync(up.commit(), { message: 'part 1 refused' });
  t.is(r.finished.length, 0);
  await up.abort();
  await up.abort();
  t.is(r.discards, 1);
});

test('a failed commit discards; abort after a commit that succeeded does nothing', async (t) => {
  const failing = recorder({ failAt: 1 });
  const up = partUploader({ partSize: 100, concurrency: 1 }, failing);
  await up.write(Buffer.alloc(150));
  await up.write(Buffer.alloc(10));
  await t.throwsAsync(up.commit(), { message: 'part 1 refused' });
  t.is(failing.discards, 1);
  const ok = recorder();
  const done = partUploader({ partSize: 100, concurrency: 1 }, ok);
  await done.write('x');
  await done.commit();
  await done.abort();
  t.is(ok.discards, 0);
  await t.throwsAsync(done.write('y'), { message: /after committed/ });
});

test('part sizes grow so the store\'s part limit covers large files', (t) => {
  const policy = { partSize: 5, concurrency: 1, maxParts: 10_000 };
  t.is(partSizeAt(policy, 0), 5);
  t.is(partSizeAt(policy, 999), 5);
  t.is(partSizeAt(policy, 1000), 10);
  t.is(partSizeAt(policy, 9999), 5 * 2 ** 9);
  t.is(partSizeAt({ partSize: 5, concurrency: 1 }, 9999), 5);
});
