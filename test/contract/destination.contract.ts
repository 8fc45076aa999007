/**
 * What every byte destination does (src/sinks/destinations/destination.ts), run against each real storage: a file
 * streams in, becomes visible on commit only, replaces its namesake, and abort leaves nothing behind.
 */
import type { ExecutionContext, ImplementationFn } from 'ava';
import { createHash, randomUUID } from 'node:crypto';
import type { Destination } from '../../src/sinks/destinations/destination.js';
import { isStaleTemp } from '../../src/sinks/files/delete-previous.js';

export type ContractTest = (title: string, impl: ImplementationFn<[]>) => void;

/**
 * `make` opens a destination on the storage under test (closed after each test); `dirOf(id)` is the directory
 * (or key prefix) a test works in, fresh for each id.
 */
export function destinationContract(test: ContractTest, name: string, make: () => Promise<Destination>, dirOf: (id: string) => string): void {
  const title = (what: string) => `${name} destination: ${what}`;

  /** Runs `body` with a fresh destination and a made directory of its own. */
  const inDir = (body: (d: Destination, dir: string, t: ExecutionContext) => Promise<void>): ImplementationFn<[]> => async (t) => {
    const d = await make();
    const dir = dirOf(randomUUID());
    try {
      await d.makeDir(dir);
      await body(d, dir, t);
    } finally {
      await d.removeDir(dir).catch(() => undefined);
      await d.close();
    }
  };

  test(title('chunks written then committed read back as the same bytes, and commit answers the size'), inDir(async (d, dir, t) => {
    const file = `${dir}/a.txt`;
    const s = await d.create(file);
    await s.write('héllo, ');
    await s.write(new Uint8Array([0, 1, 2, 255]));
    await s.write('');
    await s.write('world\n');
    const expected = Buffer.concat([Buffer.from('héllo, '), Buffer.from([0, 1, 2, 255]), Buffer.from('world\n')]);
    t.is(await s.commit(), expected.byteLength);
    t.deepEqual(await readAll(d, file), expected);
    t.true(await d.exists(file));
  }));

  test(title('an empty file commits and reads back empty'), inDir(async (d, dir, t) => {
    const file = `${dir}/empty.bin`;
    const s = await d.create(file);
    t.is(await s.commit(), 0);
    t.true(await d.exists(file));
    t.is((await readAll(d, file)).byteLength, 0);
  }));

  test(title('a file is invisible under its name until commit; what is listed meanwhile is a temporary file the sinks\' cleanup knows'), inDir(async (d, dir, t) => {
    const file = `${dir}/late.csv`;
    const s = await d.create(file);
    await s.write('a,b\n1,2\n');
    t.false(await d.exists(file));
    const during = await d.list(dir);
    t.false(during.includes('late.csv'));
    // A crashed writer leaves these behind: DELETE_PREVIOUS and abort find them by name (delete-previous.ts).
    for (const name of during) t.true(isStaleTemp(name, 'late', 'csv'), name);
    await s.commit();
    t.true(await d.exists(file));
    t.true((await d.list(dir)).includes('late.csv'));
  }));

  test(title('commit replaces an existing file of that name'), inDir(async (d, dir, t) => {
    const file = `${dir}/same.json`;
    await writeFile(d, file, ['{"v":1}\n', '{"v":2}\n', '{"v":3}\n']);
    await writeFile(d, file, ['{"v":9}\n']);
    t.is((await readAll(d, file)).toString(), '{"v":9}\n');
    t.deepEqual(await d.list(dir), ['same.json']);
  }));

  test(title('abort leaves nothing: no file, no temporary file, an earlier file untouched'), inDir(async (d, dir, t) => {
    const kept = `${dir}/kept.avro`;
    await writeFile(d, kept, ['old bytes']);
    const fresh = await d.create(`${dir}/dropped.avro`);
    await fresh.write(Buffer.alloc(256 * 1024, 1));
    await fresh.abort();
    const over = await d.create(kept);
    await over.write('new bytes that must not land');
    await over.abort();
    t.deepEqual(await d.list(dir), ['kept.avro']);
    t.false(await d.exists(`${dir}/dropped.avro`));
    t.is((await readAll(d, kept)).toString(), 'old bytes');
  }));

  test(title('list names the files directly in a directory; exists, remove and removeDir'), inDir(async (d, dir, t) => {
    await writeFile(d, `${dir}/x-0000000000.parquet`, ['p0']);
    await writeFile(d, `${dir}/x-0000000001.parquet`, ['p1']);
    await d.makeDir(`${dir}/sub`);
    await writeFile(d, `${dir}/sub/nested.parquet`, ['n']);
    const names = await d.list(dir);
    t.true(names.includes('x-0000000000.parquet') && names.includes('x-0000000001.parquet'));
    t.false(names.includes('nested.parquet'));
    t.deepEqual(await d.list(`${dir}/missing`), []);
    t.false(await d.exists(`${dir}/missing.parquet`));

    await d.remove(`${dir}/x-0000000000.parquet`);
    await d.remove(`${dir}/never-there.parquet`);
    t.false(await d.exists(`${dir}/x-0000000000.parquet`));
    t.true(await d.exists(`${dir}/x-0000000001.parquet`));

    await d.removeDir(`${dir}/sub`);
    t.false(await d.exists(`${dir}/sub/nested.parquet`));
    t.deepEqual(await d.list(`${dir}/sub`), []);
    await d.removeDir(dir);
    t.deepEqual(await d.list(dir), []);
    t.false(await d.exists(`${dir}/x-0000000001.parquet`));
    await d.removeDir(`${dir}/missing`);
  }));

  test(title('a 20 MB file written in 1 MB chunks reads back byte for byte'), inDir(async (d, dir, t) => {
    const file = `${dir}/big.bin`;
    const chunks = 20;
    const written = createHash('sha256');
    const s = await d.create(file);
    for (let i = 0; i < chunks; i++) {
      const chunk = patternChunk(i, 1024 * 1024);
      written.update(chunk);
      await s.write(chunk);
    }
    t.is(await s.commit(), chunks * 1024 * 1024);
    const read = createHash('sha256');
    let bytes = 0;
    for await (const part of d.read(file)) {
      read.update(part);
      bytes += part.byteLength;
    }
    t.is(bytes, chunks * 1024 * 1024);
    t.is(read.digest('hex'), written.digest('hex'));
  }));

  test(title('reading a missing file fails naming it'), inDir(async (d, dir, t) => {
    const err = await t.throwsAsync(readAll(d, `${dir}/nope.csv`));
    t.true(err!.message.includes('nope.csv'), err!.message);
  }));
}

async function writeFile(d: Destination, file: string, parts: string[]): Promise<void> {
  const s = await d.create(file);
  for (const p of parts) await s.write(p);
  await s.commit();
}

async function readAll(d: Destination, file: string): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const p of d.read(file)) parts.push(Buffer.from(p)); // a chunk is valid until the next one is asked for
  return Buffer.concat(parts);
}

/** Bytes that differ from chunk to chunk and within one, so a reordered or repeated chunk changes the digest. */
function patternChunk(index: number, size: number): Buffer {
  const b = Buffer.allocUnsafe(size);
  let x = (index + 1) * 2654435761;
  for (let i = 0; i < size; i += 4) {
    x = (x ^ (x << 13)) >>> 0;
    x = (x ^ (x >>> 17)) >>> 0;
    x = (x ^ (x << 5)) >>> 0;
    b.writeUInt32LE(x, i);
  }
  return b;
}
