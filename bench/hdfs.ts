/**
 * HDFS destination figures: MB/s of one file streamed through hdfsDestination in 1 MiB chunks (create → writes →
 * commit's rename), next to the same bytes sent by one plain WebHDFS CREATE whose datanode PUT carries a single
 * buffer (the transport's limit here), and the read-back rate. HDFS (MiniDFSCluster) is started by the test harness
 * unless BENCH_HDFS_URL points at a running WebHDFS. Standalone: `node --import tsx bench/hdfs.ts` (BENCH_HDFS_MB:
 * file size, default 64).
 */
import http from 'node:http';
import { pathToFileURL } from 'node:url';
import { hdfsDestination } from '../src/sinks/destinations/hdfs.js';
import { startHdfs } from '../test/helpers/services/hdfs.js';
import type { BenchResult } from './types.js';

const MB = 1024 * 1024;

export async function benchHdfs(): Promise<BenchResult[]> {
  const sizeMb = Number(process.env.BENCH_HDFS_MB ?? 64);
  const started = process.env.BENCH_HDFS_URL ? undefined : await startHdfs();
  const url = process.env.BENCH_HDFS_URL ?? started!.webHdfsUrl;
  const d = hdfsDestination({ url });
  const chunk = Buffer.alloc(MB, 0x5a);
  const dir = `/bench/${process.pid}`;
  try {
    await d.makeDir(dir);
    // Warm-up: connections, the datanode's first block.
    const warm = await d.create(`${dir}/warm.bin`);
    await warm.write(chunk);
    await warm.commit();

    const t0 = performance.now();
    const s = await d.create(`${dir}/streamed.bin`);
    for (let i = 0; i < sizeMb; i++) await s.write(chunk);
    await s.commit();
    const streamed = sizeMb / ((performance.now() - t0) / 1000);

    const whole = Buffer.alloc(sizeMb * MB, 0x5a);
    const t1 = performance.now();
    await plainCreate(url, `${dir}/plain.bin`, whole);
    const plain = sizeMb / ((performance.now() - t1) / 1000);

    const t2 = performance.now();
    let bytes = 0;
    for await (const part of d.read(`${dir}/streamed.bin`)) bytes += part.byteLength;
    const read = bytes / MB / ((performance.now() - t2) / 1000);

    const note = `${sizeMb} MiB, one datanode on loopback`;
    return [
      { name: 'hdfs destination: stream 1 MiB chunks, commit (rename)', value: streamed, unit: 'MB/s', note },
      { name: 'hdfs baseline: one WebHDFS CREATE, single-buffer datanode PUT', value: plain, unit: 'MB/s', note },
      { name: 'hdfs destination: read back (OPEN)', value: read, unit: 'MB/s', note },
    ];
  } finally {
    await d.removeDir(dir).catch(() => undefined);
    await d.close();
    await started?.stop();
  }
}

/** The two WebHDFS steps with nothing else: namenode CREATE (307), then one PUT of the whole buffer. */
async function plainCreate(base: string, file: string, body: Buffer): Promise<void> {
  const res = await fetch(`${base}/webhdfs/v1${file}?op=CREATE&overwrite=true&user.name=datagen`, { method: 'PUT', redirect: 'manual' });
  await res.body?.cancel();
  const location = res.headers.get('location');
  if (res.status !== 307 || !location) throw new Error(`CREATE ${file}: HTTP ${res.status}`);
  await new Promise<void>((resolve, reject) => {
    const req = http.request(location, { method: 'PUT', headers: { 'content-length': body.byteLength } }, (r) => {
      r.resume();
      r.on('end', () => (r.statusCode === 201 ? resolve() : reject(new Error(`datanode PUT: HTTP ${r.statusCode}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const r of await benchHdfs()) console.log(`${r.name.padEnd(64)} ${r.value.toFixed(1).padStart(8)} ${r.unit}   (${r.note})`);
}
