/**
 * `npm run bench -- hive`: the 10-field customer model (models/customers-usa.json) into Hive as an EXTERNAL Parquet
 * table, next to the same Parquet files written to HDFS alone (the hdfs_parquet sink), in the same run: the test
 * harness's HiveServer2 on its MiniDFSCluster (startHiveOnHdfs, the CDP layout), the Hive sink's files going through
 * WebHDFS to that cluster and its finalize creating the table over them. The sink's whole life as one generator
 * actor runs it (data-lakes.ts's throughSink), BENCH_LAKE_ROWS rows (default 1,000,000) in batches of
 * BENCH_LAKE_BATCH_ROWS (default 250,000). After a warm-up of one batch each, the two alternate BENCH_HIVE_ROUNDS
 * times (default 2), so both see the same machine load; the figure of each is its rows over its summed seconds.
 * Every Hive table is counted with SELECT count(*) before it is dropped (not timed). Standalone:
 * `node --import tsx bench/hive.ts`.
 */
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { compileModel } from '../src/model/compile.js';
import { hdfsDestination } from '../src/sinks/destinations/hdfs.js';
import { hdfsTarget } from '../src/sinks/destinations/hdfs-settings.js';
import type { SinkContext } from '../src/sinks/types.js';
import { hiveQueries } from '../test/helpers/services/hive-read.js';
import { startHiveOnHdfs } from '../test/helpers/services/hive.js';
import { customerModel, remote, throughSink, type Run, type Store } from './data-lakes.js';
import type { BenchResult } from './types.js';

const ROWS = Number(process.env.BENCH_LAKE_ROWS ?? 1_000_000);
const BATCH_ROWS = Number(process.env.BENCH_LAKE_BATCH_ROWS ?? 250_000);
const ROUNDS = Number(process.env.BENCH_HIVE_ROUNDS ?? 2);
const DATABASE = 'bench';

/** The Hive sink's files under /bench/<dir>/ on the cluster, the table bench.<dir>; remove() checks its count, then drops both. */
function hiveStore(env: Record<string, string>): Store {
  const hiveUrl = env.HIVE_URL!;
  const files = hdfsDestination({ url: [env.HDFS_URL!] });
  return {
    service: () => 'hive',
    tableNames: (dir) => ({ HIVE_DATABASE: DATABASE, HIVE_TABLE_NAME: dir.replace(/-/g, '_'), HIVE_HDFS_FILE_PATH: `/bench/${dir}/` }),
    properties: env,
    dataDir: os.tmpdir(),
    async remove(ctx: SinkContext) {
      const table = `${DATABASE}.${ctx.model.tableNames.HIVE_TABLE_NAME}`;
      const [counted] = await hiveQueries(hiveUrl, `SELECT count(*) AS n FROM ${table}`, `DROP TABLE ${table}`);
      const n = Number(counted![0]!.n);
      if (n !== ctx.batches * ctx.rowsPerBatch) throw new Error(`${table} holds ${n} rows, ${ctx.batches * ctx.rowsPerBatch} written`);
      await files.removeDir(ctx.model.tableNames.HIVE_HDFS_FILE_PATH!.replace(/\/$/, ''));
    },
    stop: () => files.close(),
  };
}

const fixed = (n: number, digits = 1) => n.toFixed(digits);

export async function benchHive(): Promise<BenchResult[]> {
  const base = await customerModel();
  // The Hive sink reads its format from the model's Options; the hdfs_parquet sink ignores the key.
  const model = { ...base, options: { ...base.options, HIVE_TABLE_FORMAT: 'PARQUET' } };
  const gen = await compileModel(model, { dataDirs: [] });
  const svc = await startHiveOnHdfs();
  const hive = hiveStore(svc.env);
  const hdfs = remote('hdfs', hdfsTarget, { HDFS_URL: svc.env.HDFS_URL! }, (dir) => ({ HDFS_FILE_PATH: `/bench/${dir}/` }), async () => {});
  try {
    await hiveQueries(svc.env.HIVE_URL!, `CREATE DATABASE IF NOT EXISTS ${DATABASE}`);
    for (const store of [hive, hdfs]) await throughSink(store, 'parquet', model, gen, BATCH_ROWS);
    const sum = { hive: [] as Run[], hdfs: [] as Run[] };
    for (let round = 0; round < ROUNDS; round++) {
      sum.hive.push(await throughSink(hive, 'parquet', model, gen, ROWS));
      sum.hdfs.push(await throughSink(hdfs, 'parquet', model, gen, ROWS));
    }
    const rate = (runs: Run[]) => runs.reduce((s, r) => s + r.rows, 0) / runs.reduce((s, r) => s + r.seconds, 0);
    const [hiveRate, hdfsRate] = [rate(sum.hive), rate(sum.hdfs)];
    const size = `${ROUNDS} × ${ROWS.toLocaleString('en-US')} rows in batches of ${BATCH_ROWS.toLocaleString('en-US')}`;
    // Rows per CPU-second of this process (generation, encoding, the sink) hold better than wall time on a shared machine.
    const seconds = (runs: Run[]) =>
      `${runs.map((r) => `${fixed(r.seconds)} s`).join(', ')}; ${Math.round(runs.reduce((s, r) => s + r.rows, 0) / runs.reduce((s, r) => s + r.cpuSeconds, 0)).toLocaleString('en-US')} rows/CPU-s bench`;
    return [
      {
        name: `hive: EXTERNAL PARQUET on HDFS through HiveServer2, ${size}`,
        value: hiveRate,
        unit: 'rows/s',
        note: `${seconds(sum.hive)}; ${((100 * hiveRate) / hdfsRate).toFixed(0)}% of hdfs_parquet alone; load ${os.loadavg()[0]!.toFixed(1)}`,
      },
      { name: `hive baseline: the same Parquet files to HDFS alone (hdfs_parquet), ${size}`, value: hdfsRate, unit: 'rows/s', note: seconds(sum.hdfs) },
    ];
  } finally {
    await hive.stop();
    await svc.stop();
    gen.dispose?.();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const r of await benchHive()) console.log(`${r.name.padEnd(72)} ${Math.round(r.value).toLocaleString('en-US').padStart(12)} ${r.unit}${r.note ? `   (${r.note})` : ''}`);
}
