/**
 * `npm run bench -- data-lakes`: the 10-field customer model (models/customers-usa.json) through the real data-lake
 * sinks, json and parquet, to each destination (local files, HDFS, S3, ADLS, GCS): the sink's whole life (prepare →
 * open → per batch: generate a chunk at a time → encode → stream to the destination → commit → close → finalize),
 * as one generator actor runs it, without the service. BENCH_LAKE_ROWS rows (default 1,000,000) in batches of
 * BENCH_LAKE_BATCH_ROWS (default 250,000: below the service's default shard of 262,144 rows, so one shard and one
 * file per batch, as a command with those settings writes). Per case: rows/s, MB/s (10^6 bytes of files written),
 * this process's CPU-seconds and rows per CPU-second, its resident set at the start and at its peak (MiB), and the
 * storage server's CPU-seconds.
 * For S3 also one plain PutObject of an object as large as one batch's file (the destination's limit here).
 * The servers are the test harness's (MiniDFSCluster, s3proxy, Azurite, fake-gcs-server on loopback), one family at
 * a time, each warmed by one batch per format before the measured run. Fixed seed; the rows the commits report are
 * checked against the rows asked. Standalone: `node --import tsx bench/data-lakes.ts [local hdfs s3 adls gcs]`.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BlobServiceClient } from '@azure/storage-blob';
import { shardRange } from '../src/command/shards.js';
import { compileModel } from '../src/model/compile.js';
import { parseModelText } from '../src/model/parse.js';
import type { ModelDefinition, RowGenerator } from '../src/model/types.js';
import { sinkContext, sinkSettings } from '../src/sinks/context.js';
import type { Destination } from '../src/sinks/destinations/destination.js';
import { hdfsTarget } from '../src/sinks/destinations/hdfs-settings.js';
import { adlsTarget, gcsTarget, s3Target } from '../src/sinks/destinations/object-targets.js';
import { sinkFor } from '../src/sinks/registry.js';
import type { SinkContext } from '../src/sinks/types.js';
import { startAzurite } from '../test/helpers/services/azurite.js';
import { gcsStorage, startGcs } from '../test/helpers/services/gcs.js';
import { startHdfs } from '../test/helpers/services/hdfs.js';
import { s3Client, startS3 } from '../test/helpers/services/s3.js';
import { putObject } from './object-stores.js';
import { ProcessWatch } from './process-stats.js';
import type { BenchResult } from './types.js';

const ROWS = Number(process.env.BENCH_LAKE_ROWS ?? 1_000_000);
const BATCH_ROWS = Number(process.env.BENCH_LAKE_BATCH_ROWS ?? 250_000);
const SEED = 42;
const REFERENCE_TIME = Date.UTC(2026, 0, 1);
const FORMATS = ['json', 'parquet'] as const;
const BUCKET = 'datagen-bench';
const ROOT = path.resolve(import.meta.dirname, '..');

export type Format = (typeof FORMATS)[number];

/** A started storage family: where a run's files go, and how to remove them. */
export interface Store {
  /** The sink's service name for a format: `json` locally, `<store>_json` elsewhere. */
  service(format: Format): string;
  /** Table_Names placing a run's files in directory `dir`. */
  tableNames(dir: string): Record<string, string>;
  properties: Record<string, string>;
  dataDir: string;
  /** Removes what a run of context `ctx` wrote (not measured). */
  remove(ctx: SinkContext): Promise<void>;
  /** The plain SDK upload of one object, where the bench has a baseline for the store. */
  plain?(key: string, body: Buffer): Promise<void>;
  stop(): Promise<void>;
}

type Target = (ctx: SinkContext) => { destination: Destination; dir: string };

/** A store the `<store>_<format>` sinks write to, a run's files removed through the destination the sink builds. */
export function remote(store: string, target: Target, properties: Record<string, string>, tableNames: Store['tableNames'], stop: () => Promise<void>): Store {
  return {
    service: (f) => `${store}_${f}`,
    tableNames,
    properties,
    dataDir: os.tmpdir(),
    remove: async (ctx) => {
      const { destination, dir } = target(ctx);
      try {
        await destination.removeDir(dir);
      } finally {
        await destination.close();
      }
    },
    stop,
  };
}

interface Family {
  name: string;
  start(): Promise<Store>;
}

const FAMILIES: Family[] = [
  {
    name: 'local',
    async start() {
      const dataDir = await mkdtemp(path.join(os.tmpdir(), 'datagen-bench-lakes-'));
      return {
        service: (f) => f,
        tableNames: (dir) => ({ LOCAL_FILE_PATH: `${dir}/` }),
        properties: {},
        dataDir,
        remove: (ctx) => rm(path.join(dataDir, ctx.model.tableNames.LOCAL_FILE_PATH!), { recursive: true, force: true }),
        stop: () => rm(dataDir, { recursive: true, force: true }),
      };
    },
  },
  {
    name: 'hdfs',
    async start() {
      const svc = await startHdfs();
      return remote('hdfs', hdfsTarget, { HDFS_URL: svc.webHdfsUrl }, (dir) => ({ HDFS_FILE_PATH: `/bench/${dir}/` }), () => svc.stop());
    },
  },
  {
    name: 's3',
    async start() {
      const svc = await startS3();
      const client = s3Client(svc);
      const stop = async () => {
        client.destroy();
        await svc.stop();
      };
      return { ...remote('s3', s3Target, svc.env, (dir) => ({ S3_BUCKET: BUCKET, S3_DIRECTORY: dir }), stop), plain: putObject(client, BUCKET) };
    },
  },
  {
    name: 'adls',
    async start() {
      const svc = await startAzurite();
      await BlobServiceClient.fromConnectionString(svc.connectionString).getContainerClient(BUCKET).create();
      return remote('adls', adlsTarget, svc.env, (dir) => ({ ADLS_CONTAINER: BUCKET, ADLS_DIRECTORY: dir }), () => svc.stop());
    },
  },
  {
    name: 'gcs',
    async start() {
      const svc = await startGcs();
      await gcsStorage(svc).createBucket(BUCKET);
      return remote('gcs', gcsTarget, svc.env, (dir) => ({ GCS_BUCKET: BUCKET, GCS_DIRECTORY: dir }), () => svc.stop());
    },
  },
];

export interface Run {
  rows: number;
  bytes: number;
  /** Bytes of the largest batch file. */
  batchBytes: number;
  seconds: number;
  cpuSeconds: number;
  /** This process's resident set when the run started, and its peak during the run. */
  startRssMb: number;
  peakRssMb: number;
  serverCpuSeconds: number;
}

let runs = 0;

/** One command's worth of batches through the sink, as one generator actor writes them (batch-runner.ts). */
export async function throughSink(store: Store, format: Format, model: ModelDefinition, gen: RowGenerator, rows: number): Promise<Run> {
  const dir = `lake-${format}-${process.pid}-${runs++}`;
  const batches = Math.ceil(rows / BATCH_ROWS);
  const definition = { ...model, tableNames: { ...model.tableNames, ...store.tableNames(dir) } };
  const ctx = sinkContext(`00000000-0000-4000-8000-${String(runs).padStart(12, '0')}`, definition, BATCH_ROWS, batches, sinkSettings({ dataDir: store.dataDir, outputRoots: [store.dataDir], properties: store.properties }));
  const sink = sinkFor(store.service(format));
  const startRssMb = process.memoryUsage.rss() / 2 ** 20;
  const watch = new ProcessWatch(new Map([[process.pid, 'bench']]));
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let written = 0;
  let bytes = 0;
  let batchBytes = 0;
  sink.validate(ctx);
  await sink.prepare(ctx);
  const writer = await sink.open(ctx);
  for (let b = 0; b < batches; b++) {
    const shard = shardRange(BATCH_ROWS, undefined, 0);
    const stream = await writer.begin(b, shard);
    for (const chunk of gen.chunks(SEED, b, BATCH_ROWS, shard, { referenceTime: REFERENCE_TIME })) await stream.write(chunk);
    const result = await stream.commit();
    written += result.rows;
    bytes += result.bytes ?? 0;
    batchBytes = Math.max(batchBytes, result.bytes ?? 0);
  }
  await writer.close();
  await sink.finalize(ctx);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const processes = watch.stop();
  await store.remove(ctx);
  if (written !== batches * BATCH_ROWS) throw new Error(`${sink.name}: ${written} rows written, ${batches * BATCH_ROWS} asked`);
  if (!bytes) throw new Error(`${sink.name}: no bytes reported`);
  const self = processes.find((p) => p.pid === process.pid);
  return {
    rows: written,
    bytes,
    batchBytes,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    startRssMb,
    peakRssMb: self?.peakRssMb ?? 0,
    serverCpuSeconds: processes.filter((p) => p.pid !== process.pid).reduce((s, p) => s + p.cpuSeconds, 0),
  };
}

export async function customerModel(): Promise<ModelDefinition> {
  return parseModelText(await readFile(path.join(ROOT, 'models', 'customers-usa.json'), 'utf8'));
}

const fixed = (n: number, digits = 1) => n.toFixed(digits);

export async function benchDataLakes(only: string[] = []): Promise<BenchResult[]> {
  const model = await customerModel();
  const gen = await compileModel(model, { dataDirs: [] });
  const out: BenchResult[] = [];
  const local = new Map<Format, number>();
  const size = `${ROWS.toLocaleString('en-US')} rows in batches of ${BATCH_ROWS.toLocaleString('en-US')}`;
  try {
    for (const family of FAMILIES.filter((f) => only.length === 0 || only.includes(f.name))) {
      const store = await family.start();
      try {
        // Warm-up: JIT on both sides, connections, the server's first objects.
        for (const format of FORMATS) await throughSink(store, format, model, gen, BATCH_ROWS);
        for (const format of FORMATS) {
          const r = await throughSink(store, format, model, gen, ROWS);
          const rate = r.rows / r.seconds;
          const mbs = r.bytes / 1e6 / r.seconds;
          if (family.name === 'local') local.set(format, rate);
          const vsLocal = local.get(format);
          const name = `data-lakes: ${family.name} ${format} (${store.service(format)}), ${size}`;
          out.push(
            {
              name,
              value: rate,
              unit: 'rows/s',
              note: [
                `${fixed(mbs)} MB/s`,
                `${fixed(r.bytes / r.rows, 0)} B/row`,
                ...(vsLocal && family.name !== 'local' ? [`${((100 * rate) / vsLocal).toFixed(0)}% of local ${format}`] : []),
                `${fixed(r.seconds)} s`,
                `${fixed(r.cpuSeconds)} CPU-s bench`,
                ...(family.name === 'local' ? [] : [`${fixed(r.serverCpuSeconds)} CPU-s server`]),
                `RSS ${fixed(r.startRssMb, 0)} MB at start, peak ${fixed(r.peakRssMb, 0)} MB`,
              ].join('; '),
            },
            { name: `${name}, per CPU-second of this process`, value: r.rows / r.cpuSeconds, unit: 'rows/CPU-s' },
          );
          if (store.plain) {
            // The same number of bytes as the largest batch file, in the SDK's plainest call.
            const body = Buffer.alloc(r.batchBytes, 0x5a);
            await store.plain(`plain-warm-${format}`, body);
            const t0 = performance.now();
            await store.plain(`plain-${format}`, body);
            const plain = r.batchBytes / 1e6 / ((performance.now() - t0) / 1000);
            out.push({
              name: `data-lakes: ${family.name} baseline: one PutObject of ${fixed(r.batchBytes / 1e6)} MB (one ${format} batch file)`,
              value: plain,
              unit: 'MB/s',
              note: `the ${store.service(format)} sink's ${fixed(mbs)} MB/s is ${((100 * mbs) / plain).toFixed(0)}% of it`,
            });
          }
        }
      } finally {
        await store.stop();
      }
    }
  } finally {
    gen.dispose?.();
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const r of await benchDataLakes(process.argv.slice(2))) console.log(`${r.name.padEnd(72)} ${Math.round(r.value).toLocaleString('en-US').padStart(12)} ${r.unit}${r.note ? `   (${r.note})` : ''}`);
}
