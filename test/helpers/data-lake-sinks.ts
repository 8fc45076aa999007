/**
 * The data-lake sinks (<store>_<format>) end to end against a real storage server: every format through the sink's
 * whole life (validate → prepare → two writers, batches out of order and one redelivered → finalize), the files read
 * back from the store and parsed by the independent readers (pyarrow, fastavro), single-file assembly, and
 * DELETE_PREVIOUS. Called from each store's destination test file, so each server starts once.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ImplementationFn } from 'ava';
import type { Destination } from '../../src/sinks/destinations/destination.js';
import { endpointPolicy } from '../../src/sinks/endpoints/policy.js';
import { sinkFor } from '../../src/sinks/registry.js';
import type { SinkContext } from '../../src/sinks/types.js';
import { FIXTURE_COLUMNS, fixtureBatches } from './readback-fixture.js';
import { ctxFor, runSink } from './readback-sinks.js';
import { expectedRows, readBack } from './readback.js';

const FORMATS = [['csv', false], ['json', false], ['avro', true], ['parquet', true], ['orc', true]] as const;

export interface DataLakeStore {
  /** 'hdfs', 's3', 'adls', 'gcs', 'ozone'. */
  store: string;
  /** The Table_Names placing a command's files in directory `dir` with file names starting `name`. */
  tableNames(dir: string, name: string): Record<string, string>;
  /** The service properties that reach the server (valid once the server is up). */
  properties(): Record<string, string>;
  /** A destination on the same server, to list and read what the sink wrote. */
  destination(): Destination;
  /** The directory the sink writes in for `dir` as given to tableNames. */
  dirPath(dir: string): string;
}

async function download(dest: Destination, file: string, ext: string): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of dest.read(file)) chunks.push(Buffer.from(c));
  const local = path.join(await mkdtemp(path.join(os.tmpdir(), 'datagen-lake-')), `f.${ext}`);
  await writeFile(local, Buffer.concat(chunks));
  return local;
}

export function dataLakeSinkCases(test: (title: string, impl: ImplementationFn<[]>) => void, s: DataLakeStore): void {
  const ctxOf = (dir: string, name: string, batches: number, options: Record<string, string> = {}): SinkContext => {
    const base = ctxFor({ dataDir: os.tmpdir(), columns: FIXTURE_COLUMNS, batches, rowsPerBatch: 8, name, tableNames: s.tableNames(dir, name), options });
    return { ...base, commandUuid: `00000000-0000-4000-8000-${String(Date.now() % 1e12).padStart(12, '0')}`, settings: { ...base.settings, properties: s.properties(), endpoints: endpointPolicy(s.properties()) } };
  };

  for (const [format, typed] of FORMATS) {
    test(`${s.store}_${format}: one file per batch, out of order and redelivered, each read back equal`, async (t) => {
      const sink = sinkFor(`${s.store}_${format}`);
      const dir = `lake-${format}-${Date.now()}`;
      const ctx = ctxOf(dir, 'rows', 3);
      const batches = fixtureBatches(3, 8);
      await runSink(sink, ctx, batches, [2, 0, 1, 2]);
      const dest = s.destination();
      try {
        const names = (await dest.list(s.dirPath(dir))).sort();
        t.deepEqual(names, [0, 1, 2].map((b) => `rows-${String(b).padStart(10, '0')}.${format}`), 'one file per batch, nothing else');
        for (const [b, name] of names.entries()) {
          const back = await readBack(format, await download(dest, `${s.dirPath(dir)}/${name}`, format));
          t.deepEqual(back.rows, expectedRows(FIXTURE_COLUMNS, batches[b]!, typed), name);
        }
      } finally {
        await dest.removeDir(s.dirPath(dir));
        await dest.close();
      }
    });

    test(`${s.store}_${format}: single-file mode joins the batches in order; DELETE_PREVIOUS clears the earlier files`, async (t) => {
      const sink = sinkFor(`${s.store}_${format}`);
      const dir = `lake-one-${format}-${Date.now()}`;
      const batches = fixtureBatches(3, 8);
      await runSink(sink, ctxOf(dir, 'all', 3), batches);
      await runSink(sink, ctxOf(dir, 'all', 3, { ONE_FILE_PER_ITERATION: 'false', DELETE_PREVIOUS: 'true' }), batches, [1, 2, 0]);
      const dest = s.destination();
      try {
        t.deepEqual(await dest.list(s.dirPath(dir)), [`all.${format}`], 'the per-batch files deleted, no parts left');
        const back = await readBack(format, await download(dest, `${s.dirPath(dir)}/all.${format}`, format));
        t.deepEqual(back.rows, expectedRows(FIXTURE_COLUMNS, batches.flat(), typed));
      } finally {
        await dest.removeDir(s.dirPath(dir));
        await dest.close();
      }
    });
  }
}
