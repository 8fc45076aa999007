/**
 * Model analysis round trip on local files: rows of a known model written by the file sinks (CSV, JSON Lines,
 * Avro, Parquet), analysed into a model, which must have the known model's types, ranges, weights, filters and
 * regex; the inferred model then generates rows distributed as the originals.
 */
import path from 'node:path';
import test from 'ava';
import { localFileSource, type FileFormat } from '../../src/analysis/sources/local-file.js';
import { outputColumns } from '../../src/model/columns.js';
import { parseModel } from '../../src/model/parse.js';
import { avroSink, csvSink, jsonSink, parquetSink } from '../../src/sinks/files/local-sinks.js';
import type { Sink } from '../../src/sinks/types.js';
import { assertLikeKnown, assertRegeneratedLike, generate, inferModel, KNOWN_MODEL, ROWS } from '../helpers/analysis-roundtrip.js';
import { ctxFor, runSink, tempDataDir } from '../helpers/readback-sinks.js';

const SINKS: Array<[FileFormat, Sink]> = [['csv', csvSink], ['json', jsonSink], ['avro', avroSink], ['parquet', parquetSink]];

for (const [format, sink] of SINKS) {
  test(`${format}: a file of a known model analyses into that model, which regenerates alike`, async (t) => {
    const dataDir = await tempDataDir();
    const rows = await generate(KNOWN_MODEL, 42);
    const columns = outputColumns(parseModel(KNOWN_MODEL));
    await runSink(sink, ctxFor({ dataDir, columns, batches: 1, rowsPerBatch: ROWS, name: 'customers' }), [rows]);
    const file = path.join('output', 'customers', `customers-0000000000.${format}`);

    const inferred = await inferModel(localFileSource(format, file, { dataDirs: [dataDir], protectedRoots: [] }));
    t.is(inferred.model_name, 'customers-0000000000');
    assertLikeKnown(t, inferred, format);

    const regenerated = await generate(inferred, 7);
    assertRegeneratedLike(t, rows, regenerated, format);
  });
}

test('a file outside the readable directories is refused, naming the parameter', async (t) => {
  const dataDir = await tempDataDir();
  const source = localFileSource('csv', '/etc/passwd', { dataDirs: [dataDir], protectedRoots: [] });
  const e = await t.throwsAsync(inferModel(source));
  t.regex(e!.message, /^filepath: "\/etc\/passwd" is outside the allowed data directories/);
});

test('only the records asked for are read', async (t) => {
  const dataDir = await tempDataDir();
  const rows = await generate(KNOWN_MODEL, 1, 500);
  await runSink(csvSink, ctxFor({ dataDir, columns: outputColumns(parseModel(KNOWN_MODEL)), batches: 1, rowsPerBatch: 500, name: 'few' }), [rows]);
  const { profileRecords } = await import('../../src/analysis/profile-records.js');
  const { records, columns } = await profileRecords(localFileSource('csv', 'output/few/few-0000000000.csv', { dataDirs: [dataDir], protectedRoots: [] }), 120);
  t.is(records, 120);
  t.is(columns.find((c) => c.name === 'age')!.count, 120);
});
