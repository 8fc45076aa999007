/**
 * Pipeline figures through a real `datagen serve` process (embedded nats-server):
 * POST-to-FINISHED latency of a 1-row command and getCommandStatus throughput under concurrent load,
 * each next to a baseline measured in the same run (health endpoint round trip and throughput).
 */
import autocannon from 'autocannon';
import { pathToFileURL } from 'node:url';
import { getJson, startServe, submit } from '../test/helpers/service-process.js';
import type { BenchResult } from './types.js';

const ONE_ROW_MODEL = JSON.stringify({ model_name: 'bench-one-row', Fields: [{ name: 'id', type: 'UUID' }] });

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function finishLatency(url: string): Promise<number> {
  const t0 = performance.now();
  const { body } = await submit(url, 'json', { rows: 1, batches: 1, threads: 1 }, { text: ONE_ROW_MODEL });
  for (;;) {
    const status = (await getJson(url, `/command/getCommandStatus?commandUuid=${body.commandUuid}`)).body;
    if (status.status === 'FINISHED') return performance.now() - t0;
    if (status.status === 'FAILED') throw new Error(`bench command failed: ${status.comment}`);
    await new Promise((r) => setTimeout(r, 1));
  }
}

async function throughput(url: string, path: string, method: 'GET' | 'POST'): Promise<number> {
  const result = await autocannon({ url: `${url}${path}`, method, connections: 32, duration: 5, pipelining: 1 });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${path}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result.requests.average;
}

export async function benchPipeline(): Promise<BenchResult[]> {
  const svc = await startServe();
  try {
    for (let i = 0; i < 3; i++) await finishLatency(svc.url); // warm-up: threads, compiled model, JIT
    const latencies: number[] = [];
    for (let i = 0; i < 20; i++) latencies.push(await finishLatency(svc.url));
    const rtts: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      await getJson(svc.url, '/api/v1/health/status', 'GET');
      rtts.push(performance.now() - t0);
    }
    const { body } = await submit(svc.url, 'json', { rows: 1, batches: 1 }, { text: ONE_ROW_MODEL });
    const statusRps = await throughput(svc.url, `/command/getCommandStatus?commandUuid=${body.commandUuid}`, 'POST');
    const healthRps = await throughput(svc.url, '/api/v1/health/status', 'GET');
    return [
      { name: 'pipeline: POST → FINISHED, 1-row command (median of 20)', value: median(latencies), unit: 'ms', note: `max ${Math.max(...latencies).toFixed(1)} ms` },
      { name: 'pipeline: baseline HTTP round trip (health, median of 20)', value: median(rtts), unit: 'ms' },
      { name: 'pipeline: getCommandStatus, 32 connections', value: statusRps, unit: 'req/s', note: `${(statusRps / healthRps).toFixed(2)}× the health endpoint` },
      { name: 'pipeline: baseline health endpoint, 32 connections', value: healthRps, unit: 'req/s' },
    ];
  } finally {
    await svc.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const r of await benchPipeline()) console.log(`${r.name}: ${r.value.toFixed(1)} ${r.unit}${r.note ? ` (${r.note})` : ''}`);
}
