/**
 * `npm run bench -- rate`: rate-controlled commands through the real service (`datagen serve`: API → orchestrator
 * → generator threads → JSON files), the 10-field customer model at 1,000 and 50,000 rows/s for BENCH_RATE_SECONDS
 * (10 by default) each. The achieved rate is the rows written over the time from the command's `running` event (the
 * pace's origin) to its last batch's completion, both from /command/history, so it counts the whole deployment; the
 * status view's actual rate is read half way through. A 1,000 rows/s command whose last row is due at 9.999 s thus
 * achieves 1,000.1 rows/s: the target is met when the ratio is 1.00 within a few percent.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { getJson, startServe, submit, waitForTerminal, type ServiceProcess } from '../test/helpers/service-process.js';
import { customerModel } from './end-to-end.js';
import type { BenchResult } from './types.js';

const SECONDS = Number(process.env.BENCH_RATE_SECONDS ?? 10);
const TARGETS = [1000, 50_000];

interface HistoryEvent {
  type: string;
  at: string;
  data: { rows?: number };
}

interface RateRun {
  target: number;
  rows: number;
  achieved: number;
  /** The status view's actualRowsPerSecond half way through. */
  viewed: number | null;
}

async function paced(svc: ServiceProcess, model: string, target: number): Promise<RateRun> {
  const res = await submit(svc.url, 'json', { rows_per_second: target, duration: SECONDS, threads: 2, seed: 1 }, { text: model });
  if (res.status !== 200) throw new Error(`${target} rows/s: ${JSON.stringify(res.body)}`);
  const uuid = res.body.commandUuid;
  await new Promise((r) => setTimeout(r, (SECONDS * 1000) / 2));
  const viewed = (await getJson(svc.url, `/command/getCommandStatus?commandUuid=${uuid}`)).body.actualRowsPerSecond ?? null;
  const status = await waitForTerminal(svc.url, uuid, SECONDS * 1000 + 120_000);
  if (status.status !== 'FINISHED') throw new Error(`${target} rows/s: ${status.status} ${status.comment}`);
  const events = (await getJson(svc.url, `/command/history?commandUuid=${uuid}`)).body.events as HistoryEvent[];
  const running = Date.parse(events.find((e) => e.type === 'running')!.at);
  const completions = events.filter((e) => e.type === 'batch-completed');
  const last = Math.max(...completions.map((e) => Date.parse(e.at)));
  const rows = completions.reduce((n, e) => n + (e.data.rows ?? 0), 0);
  return { target, rows, achieved: (rows * 1000) / (last - running), viewed };
}

export async function benchRate(): Promise<BenchResult[]> {
  const model = await customerModel();
  const svc = await startServe();
  const out: BenchResult[] = [];
  try {
    for (const target of TARGETS) {
      const run = await paced(svc, model, target);
      await rm(path.join(svc.dataDir, 'output'), { recursive: true, force: true });
      const note = `target ${target.toLocaleString('en-US')}, ${run.rows.toLocaleString('en-US')} rows over ${SECONDS} s, ratio ${(run.achieved / target).toFixed(3)}`;
      out.push({ name: `rate ${target.toLocaleString('en-US')} rows/s: achieved (running → last completion)`, value: run.achieved, unit: 'rows/s', note });
      if (run.viewed !== null) out.push({ name: `rate ${target.toLocaleString('en-US')} rows/s: status view's actual rate half way`, value: run.viewed, unit: 'rows/s' });
    }
  } finally {
    await svc.stop();
  }
  return out;
}
