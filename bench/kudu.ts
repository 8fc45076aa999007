/**
 * Kudu sink figures: rows/s of the 10-field customer model into a real Kudu (kudu-binary's master and one tablet
 * server on this machine, started by the test harness), one writer, next to the bridge's own limit here: the same
 * rows, encoded into upsert frames before timing, sent to the bridge as they are, into a twin table. The two
 * alternate batch by batch (after one untimed warm-up batch each), so both see the same machine load. Standalone:
 * `node --import tsx bench/kudu.ts`.
 */
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { CHUNK, kuduSink } from '../src/sinks/kudu/sink.js';
import { bridgeDir } from '../src/sinks/kudu/bridge-build.js';
import { bridgeRequest } from '../src/sinks/kudu/bridge-client.js';
import { stopKuduBridge } from '../src/sinks/kudu/bridge-host.js';
import { upsertFrame } from '../src/sinks/kudu/frames.js';
import { kuduOptions } from '../src/sinks/kudu/options.js';
import type { Row } from '../src/model/types.js';
import { writeBatch } from '../src/sinks/write-batch.js';
import { customerModel, customerRows, sinkCtx } from '../test/helpers/services/fixtures.js';
import { startKudu } from '../test/helpers/services/kudu.js';
import { timed } from './timed.js';
import type { BenchResult } from './types.js';

const ROWS = 50_000;
const BATCHES = 5;
const OPTIONS = { KUDU_PRIMARY_KEYS: 'id', KUDU_BUCKETS: '4' };

export async function benchKudu(): Promise<BenchResult[]> {
  const kudu = await startKudu();
  try {
    const table = `bench.customer_${randomUUID().replace(/-/g, '').slice(0, 8)}`;
    const ctx = sinkCtx(customerModel('customer', { KUDU_TABLE_NAME: table }, OPTIONS), kudu.env, ROWS, BATCHES, randomUUID());
    const plainCtx = sinkCtx(customerModel('customer', { KUDU_TABLE_NAME: `${table}_plain` }, OPTIONS), kudu.env, ROWS, BATCHES, randomUUID());
    await kuduSink.prepare(ctx);
    await kuduSink.prepare(plainCtx);
    const plain = kuduOptions(plainCtx);
    const dir = bridgeDir(kudu.env);
    const framesOf = (rows: Row[]) => Array.from({ length: Math.ceil(rows.length / CHUNK) }, (_, i) => upsertFrame(plain, rows.slice(i * CHUNK, (i + 1) * CHUNK)));
    const plainBatch = async (frames: Buffer[]) => {
      for (const f of frames) await bridgeRequest(dir, f);
    };
    const writer = await kuduSink.open(ctx);
    let sinkSeconds = 0;
    let plainSeconds = 0;
    let cpuUs = 0;
    try {
      const warm = customerRows(BATCHES, ROWS);
      await writeBatch(writer, BATCHES, warm);
      await plainBatch(framesOf(warm));
      for (let b = 0; b < BATCHES; b++) {
        const rows = customerRows(b, ROWS);
        const cpu0 = process.cpuUsage();
        sinkSeconds += await timed(() => writeBatch(writer, b, rows));
        const cpu = process.cpuUsage(cpu0);
        cpuUs += cpu.user + cpu.system;
        const frames = framesOf(rows);
        plainSeconds += await timed(() => plainBatch(frames));
      }
    } finally {
      await writer.close();
    }
    const total = BATCHES * ROWS;
    const [sink, pre] = [total / sinkSeconds, total / plainSeconds];
    const note = `${BATCHES} batches x ${ROWS.toLocaleString('en-US')} rows, 10 fields, key id hashed into 4 buckets, one tablet server, ${CHUNK.toLocaleString('en-US')} rows an upsert request, MANUAL_FLUSH`;
    return [
      { name: 'kudu sink, upserts through the bridge, one writer', value: sink, unit: 'rows/s', note: `${note}; ${Math.round(total / (cpuUs / 1e6)).toLocaleString('en-US')} rows per CPU-second of the writer (Node side)` },
      { name: 'the same upsert frames encoded beforehand, sent to the bridge (its and Kudu\'s limit)', value: pre, unit: 'rows/s', note: `${note}, alternating with the sink's batches; sink/pre-encoded ${(sink / pre).toFixed(2)}` },
    ];
  } finally {
    await stopKuduBridge();
    await kudu.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const r of await benchKudu()) console.log(`${r.name.padEnd(72)} ${Math.round(r.value).toLocaleString('en-US').padStart(10)} ${r.unit}  (${r.note})`);
  process.exit(0);
}
