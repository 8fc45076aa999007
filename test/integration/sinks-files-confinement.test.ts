/**
 * File sinks on a real file system: links planted after submission, the protected NATS store, and the cleanup of
 * a FAILED or CANCELLED command's partial output (abort).
 */
import { mkdir, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'ava';
import { BadRequestError } from '../../src/errors.js';
import { tempPathFor } from '../../src/sinks/files/atomic-file.js';
import { csvSink, jsonSink, parquetSink } from '../../src/sinks/files/local-sinks.js';
import { FIXTURE_COLUMNS, fixtureBatches } from '../helpers/readback-fixture.js';
import { ctxFor, tempDataDir } from '../helpers/readback-sinks.js';
import { writeBatch } from '../../src/sinks/write-batch.js';

test('a link planted after submission is refused at prepare and at each write, nothing lands outside', async (t) => {
  const dataDir = await tempDataDir();
  const outside = await tempDataDir();
  const ctx = ctxFor({ dataDir, columns: FIXTURE_COLUMNS, batches: 2, name: 'late', tableNames: { LOCAL_FILE_PATH: 'out' } });
  jsonSink.validate(ctx);
  await symlink(outside, path.join(dataDir, 'out'));
  await t.throwsAsync(jsonSink.prepare(ctx), { instanceOf: BadRequestError, message: /outside the allowed output directories/ });

  // Planted between prepare and the writes: the write checks the real path.
  await rm(path.join(dataDir, 'out'));
  await jsonSink.prepare(ctx);
  const writer = await jsonSink.open(ctx);
  await rm(path.join(dataDir, 'out'), { recursive: true });
  await symlink(outside, path.join(dataDir, 'out'));
  await t.throwsAsync(writeBatch(writer, 0, fixtureBatches(1, 2)[0]!), { message: /refusing to write in .*out: it resolves to .*outside the allowed output directories/ });
  t.deepEqual(await readdir(outside), []);
});

test('single-file mode: a parts directory swapped for a link is refused at write and at assembly', async (t) => {
  const dataDir = await tempDataDir();
  const outside = await tempDataDir();
  const ctx = ctxFor({ dataDir, columns: FIXTURE_COLUMNS, batches: 1, name: 'one', options: { ONE_FILE_PER_ITERATION: 'false' } });
  await csvSink.prepare(ctx);
  const dir = path.join(dataDir, 'output', 'one');
  const [parts] = (await readdir(dir)).filter((n) => n.endsWith('.parts'));
  await rm(path.join(dir, parts!), { recursive: true });
  await symlink(outside, path.join(dir, parts!));
  // Refused when the writer opens (it makes sure of the parts directory) or at the latest when the batch is written.
  await t.throwsAsync(async () => writeBatch(await csvSink.open(ctx), 0, fixtureBatches(1, 3)[0]!), { message: /refusing to write in/ });
  await t.throwsAsync(csvSink.finalize(ctx), { message: /refusing to write in/ });
  t.deepEqual(await readdir(outside), []);
});

test('LOCAL_FILE_PATH inside the NATS store is refused, directly and through a link', async (t) => {
  const dataDir = await tempDataDir();
  await mkdir(path.join(dataDir, 'nats', 'jetstream'), { recursive: true });
  await symlink(path.join(dataDir, 'nats', 'jetstream'), path.join(dataDir, 'looks-harmless'));
  for (const bad of ['nats', 'nats/jetstream/$G', path.join(dataDir, 'nats', 'new-dir'), 'looks-harmless', 'looks-harmless/deeper', 'output/../nats']) {
    const ctx = ctxFor({ dataDir, columns: FIXTURE_COLUMNS, batches: 1, tableNames: { LOCAL_FILE_PATH: bad } });
    const err = t.throws(() => jsonSink.validate(ctx), { instanceOf: BadRequestError }, bad);
    t.regex(err!.message, /^Table_Names\.LOCAL_FILE_PATH ".*" resolves to .*, inside .*nats, which holds the service's own state/, bad);
  }
  t.deepEqual(await readdir(path.join(dataDir, 'nats', 'jetstream')), []);
});

test("abort removes a failed command's parts directory and stale temporary files, nothing else", async (t) => {
  const dataDir = await tempDataDir();
  const ctx = ctxFor({ dataDir, columns: FIXTURE_COLUMNS, batches: 3, name: 'half', options: { ONE_FILE_PER_ITERATION: 'false' } });
  await parquetSink.prepare(ctx);
  const writer = await parquetSink.open(ctx);
  await writeBatch(writer, 0, fixtureBatches(1, 4)[0]!);
  const dir = path.join(dataDir, 'output', 'half');
  // What a write killed halfway leaves, beside files that are not this command's.
  await writeFile(tempPathFor(path.join(dir, 'half.parquet')), 'partial');
  await writeFile(path.join(dir, 'half-other.parquet'), 'keep');
  await writeFile(tempPathFor(path.join(dir, 'halfway.parquet')), 'keep');
  await parquetSink.abort(ctx);
  const left = (await readdir(dir)).sort();
  t.false(left.some((n) => n.endsWith('.parts')), left.join(', '));
  t.deepEqual(left.filter((n) => !n.startsWith('.halfway.parquet.')), ['half-other.parquet']);
  t.is(left.length, 2);

  // Per-batch mode: finished batch files stay, temporary ones go.
  const perBatch = ctxFor({ dataDir, columns: FIXTURE_COLUMNS, batches: 2, name: 'pb' });
  await jsonSink.prepare(perBatch);
  await writeBatch(await jsonSink.open(perBatch), 0, fixtureBatches(1, 2)[0]!);
  const pbDir = path.join(dataDir, 'output', 'pb');
  await writeFile(tempPathFor(path.join(pbDir, 'pb-0000000001.json')), 'partial');
  await jsonSink.abort(perBatch);
  t.deepEqual(await readdir(pbDir), ['pb-0000000000.json']);
  // A command that never created its directory has nothing to clean.
  await t.notThrowsAsync(jsonSink.abort(ctxFor({ dataDir, columns: FIXTURE_COLUMNS, batches: 1, name: 'never' })));
});
