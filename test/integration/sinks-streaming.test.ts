/**
 * Streamed and sharded batches through the file sinks: a batch written a chunk at a time, or as shards generated
 * apart (out of order, on two writers, one shard redelivered after a failed attempt), gives the very bytes of the
 * same batch generated whole; an aborted batch leaves nothing behind.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'ava';
import { shardRanges, type ShardRange } from '../../src/command/shards.js';
import { compileModel } from '../../src/model/compile.js';
import { parseModelText } from '../../src/model/parse.js';
import { ROW_BLOCK } from '../../src/model/row-blocks.js';
import type { ModelDefinition, RowGenerator } from '../../src/model/types.js';
import { outputColumns } from '../../src/model/columns.js';
import { avroSink, csvSink, jsonSink, orcSink, parquetSink } from '../../src/sinks/files/local-sinks.js';
import type { BatchWriter, Sink, SinkContext } from '../../src/sinks/types.js';
import { writeBatch } from '../../src/sinks/write-batch.js';
import { tempDataDir } from '../helpers/readback-sinks.js';

const SINKS: Array<[string, Sink]> = [['json', jsonSink], ['csv', csvSink], ['avro', avroSink], ['parquet', parquetSink], ['orc', orcSink]];
const ROWS = 2 * ROW_BLOCK + 5_000; // three row blocks, the last one short
const SEED = 42;
const NOW = Date.UTC(2026, 0, 1);

const MODEL_TEXT = JSON.stringify({
  model_name: 'streamed',
  Fields: [
    { name: 'id', type: 'INCREMENT_INTEGER', min: 1 },
    { name: 'name', type: 'NAME', filters: ['USA'] },
    { name: 'city', type: 'CITY', filters: ['USA'] },
    { name: 'amount', type: 'FLOAT', min: -1000, max: 1000 },
    { name: 'big', type: 'LONG' },
    { name: 'active', type: 'BOOLEAN' },
    { name: 'at', type: 'TIMESTAMP' },
    { name: 'code', type: 'STRING', length: 12 },
  ],
});

let model: ModelDefinition;
let generator: RowGenerator;
test.before(async () => {
  model = parseModelText(MODEL_TEXT);
  generator = await compileModel(model, { dataDirs: [] });
});

function ctxOf(dataDir: string, name: string, batches: number, extra: Partial<SinkContext> = {}, options: Record<string, string> = {}): SinkContext {
  const m = { ...model, name, options: { ...model.options, ...options } };
  return { commandUuid: '00000000-0000-4000-8000-00000000000a', model: m, columns: outputColumns(m), rowsPerBatch: ROWS, batches, settings: { dataDir, outputRoots: [dataDir], properties: {} }, ...extra };
}

/** Streams one shard's rows from the generator, as a generator actor does. */
async function writeShard(writer: BatchWriter, batch: number, shard: ShardRange): Promise<number> {
  const stream = await writer.begin(batch, shard);
  for (const rows of generator.chunks(SEED, batch, ROWS, shard, { referenceTime: NOW })) await stream.write(rows);
  return (await stream.commit()).rows;
}

const outputFiles = async (dir: string) => (await readdir(dir)).sort();

for (const [format, sink] of SINKS) {
  test(`${format}: a batch streamed in chunks, and the same batch as shards out of order, equal the batch generated whole`, async (t) => {
    const dataDir = await tempDataDir();
    // Whole: every row generated at once, written in one go.
    const whole = ctxOf(dataDir, 'whole', 1);
    await sink.prepare(whole);
    await writeBatch(await sink.open(whole), 0, generator.generate(SEED, 0, ROWS, { referenceTime: NOW }));
    await sink.finalize(whole);
    const expected = await readFile(path.join(dataDir, 'output', 'whole', `whole-0000000000.${format}`));

    // Streamed: the generator's chunks, one stream.
    const streamed = ctxOf(dataDir, 'streamed', 1);
    await sink.prepare(streamed);
    t.is(await writeShard(await sink.open(streamed), 0, { index: 0, count: 1, firstRow: 0, rows: ROWS }), ROWS);
    await sink.finalize(streamed);
    t.deepEqual(await readFile(path.join(dataDir, 'output', 'streamed', `streamed-0000000000.${format}`)), expected, 'streamed = whole');

    // Sharded: one shard per row block, written last first on two writers; shard 1 fails once midway and is redelivered.
    const sharded = ctxOf(dataDir, 'sharded', 1, { shardRows: ROW_BLOCK });
    await sink.prepare(sharded);
    const shards = shardRanges(ROWS, ROW_BLOCK);
    t.is(shards.length, 3);
    const writers = [await sink.open(sharded), await sink.open(sharded)];
    const failed = await writers[0]!.begin(0, shards[1]!);
    await failed.write(generator.chunks(SEED, 0, ROWS, shards[1]!, { referenceTime: NOW })[Symbol.iterator]().next().value!.slice(0, 100));
    await failed.abort();
    for (const [i, shard] of [...shards].reverse().entries()) await writeShard(writers[i % 2]!, 0, shard);
    await sink.finalize(sharded);
    const dir = path.join(dataDir, 'output', 'sharded');
    t.deepEqual(await outputFiles(dir), [`sharded-0000000000.${format}`], 'one file for the batch, no parts or temporary files left');
    t.deepEqual(await readFile(path.join(dir, `sharded-0000000000.${format}`)), expected, 'sharded = whole');
  });

  test(`${format}: single-file mode with sharded batches equals it without shards`, async (t) => {
    const dataDir = await tempDataDir();
    const single = { ONE_FILE_PER_ITERATION: 'false' };
    const plain = ctxOf(dataDir, 'plain', 2, {}, single);
    await sink.prepare(plain);
    const w = await sink.open(plain);
    for (const b of [1, 0]) await writeShard(w, b, { index: 0, count: 1, firstRow: 0, rows: ROWS });
    await sink.finalize(plain);
    const sharded = ctxOf(dataDir, 'split', 2, { shardRows: ROW_BLOCK }, single);
    await sink.prepare(sharded);
    const ws = await sink.open(sharded);
    for (const b of [1, 0]) for (const shard of shardRanges(ROWS, ROW_BLOCK).reverse()) await writeShard(ws, b, shard);
    await sink.finalize(sharded);
    t.deepEqual(await readFile(path.join(dataDir, 'output', 'split', `split.${format}`)), await readFile(path.join(dataDir, 'output', 'plain', `plain.${format}`)));
    t.deepEqual(await outputFiles(path.join(dataDir, 'output', 'split')), [`split.${format}`]);
  });

  test(`${format}: an aborted batch leaves no file, partial or temporary`, async (t) => {
    const dataDir = await tempDataDir();
    const ctx = ctxOf(dataDir, 'aborted', 1);
    await sink.prepare(ctx);
    const stream = await (await sink.open(ctx)).begin(0, { index: 0, count: 1, firstRow: 0, rows: ROWS });
    let chunks = 0;
    for (const rows of generator.chunks(SEED, 0, ROWS, { firstRow: 0, rows: ROWS }, { referenceTime: NOW })) {
      await stream.write(rows);
      if (++chunks === 2) break;
    }
    await stream.abort();
    t.deepEqual(await outputFiles(path.join(dataDir, 'output', 'aborted')), []);
  });
}
