/**
 * What object-store destinations add to the destination contract (test/contract/destination.contract.ts), run
 * against each real server: files large enough for multipart uploads or staged blocks stay invisible until commit,
 * an earlier object stays until its replacement commits, an aborted multipart leaves nothing, and a directory is a
 * key prefix that removeDir never reaches past (a sibling sharing its leading characters stays).
 */
import { randomBytes } from 'node:crypto';
import type { ExecutionContext } from 'ava';
import type { Destination } from '../../src/sinks/destinations/destination.js';

const MB = 1024 * 1024;

/** `n` bytes that differ at every offset and between seeds, so a reordered or dropped chunk is caught. */
export function chunkBytes(seed: number, n: number): Buffer {
  const out = Buffer.alloc(n);
  let x = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < n; i += 4) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out.writeUInt32LE(x, i);
  }
  return out;
}

export async function readAll(dest: Destination, file: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of dest.read(file)) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

/** A fresh directory per case, so cases never see each other's files. */
export const freshDir = (base: string) => `${base}/case-${randomBytes(4).toString('hex')}`;

export interface DestinationCase {
  title: string;
  run(t: ExecutionContext, dest: Destination, dir: string): Promise<void>;
}

export const OBJECT_STORE_CASES: DestinationCase[] = [
  {
    title: 'a multipart-sized file is invisible while written and read back equal after commit',
    async run(t, dest, dir) {
      await dest.makeDir(dir);
      const file = `${dir}/multi-0000000000.csv`;
      const out = await dest.create(file);
      const chunks = Array.from({ length: 13 }, (_, i) => chunkBytes(100 + i, MB));
      for (const c of chunks) await out.write(c);
      t.false(await dest.exists(file), 'visible before commit');
      t.deepEqual(await dest.list(dir), []);
      t.is(await out.commit(), 13 * MB);
      t.true((await readAll(dest, file)).equals(Buffer.concat(chunks)));
    },
  },
  {
    title: 'commit replaces a file of that name (a redelivered batch replaces its own file)',
    async run(t, dest, dir) {
      await dest.makeDir(dir);
      const file = `${dir}/again-0000000003.avro`;
      const first = await dest.create(file);
      await first.write(chunkBytes(7, 9 * MB));
      await first.commit();
      const second = await dest.create(file);
      await second.write('second attempt');
      t.is((await readAll(dest, file)).length, 9 * MB, 'the first stays until the second commits');
      await second.commit();
      t.is((await readAll(dest, file)).toString(), 'second attempt');
      t.deepEqual(await dest.list(dir), ['again-0000000003.avro']);
    },
  },
  {
    title: 'abort leaves nothing visible, small or multipart, and an aborted name can be written again',
    async run(t, dest, dir) {
      await dest.makeDir(dir);
      const small = await dest.create(`${dir}/a-0000000000.json`);
      await small.write('never');
      await small.abort();
      const big = await dest.create(`${dir}/b-0000000000.json`);
      await big.write(chunkBytes(3, 6 * MB));
      await big.write(chunkBytes(4, 6 * MB));
      await big.abort();
      await big.abort();
      t.false(await dest.exists(`${dir}/a-0000000000.json`));
      t.false(await dest.exists(`${dir}/b-0000000000.json`));
      t.deepEqual(await dest.list(dir), []);
      const again = await dest.create(`${dir}/b-0000000000.json`);
      await again.write('after abort');
      await again.commit();
      t.is((await readAll(dest, `${dir}/b-0000000000.json`)).toString(), 'after abort');
      await t.throwsAsync(big.write('late'), undefined, 'an aborted stream takes no more bytes');
    },
  },
  {
    title: 'a directory is a key prefix: list and removeDir stay inside it, not in a sibling sharing its first characters',
    async run(t, dest, dir) {
      await dest.makeDir(dir);
      const put = async (file: string, text: string) => {
        const out = await dest.create(file);
        await out.write(text);
        await out.commit();
      };
      await put(`${dir}/x-0000000000.csv`, 'a');
      await put(`${dir}/sub/deeper.csv`, 'c');
      await put(`${dir}-sibling/x.csv`, 'not in dir');
      await put(`${dir}x.csv`, 'not in dir either');
      t.deepEqual(await dest.list(dir), ['x-0000000000.csv']);
      t.deepEqual(await dest.list(`${dir}/sub`), ['deeper.csv']);
      await dest.removeDir(dir);
      t.deepEqual(await dest.list(dir), []);
      t.false(await dest.exists(`${dir}/sub/deeper.csv`));
      t.true(await dest.exists(`${dir}-sibling/x.csv`));
      t.true(await dest.exists(`${dir}x.csv`));
      await dest.removeDir(`${dir}-sibling`);
      await dest.remove(`${dir}x.csv`);
    },
  },
];
