/**
 * Simulated generator actors for the capacity bench: real BatchPullers on real NATS (pull, drop check, model and
 * secrets lookups, heartbeat, batch-completed, ack) whose batch activity generates and writes nothing. A child
 * process of bench/capacity.ts, so the orchestrator's CPU is measured apart from theirs.
 * Usage: node --import tsx bench/capacity-workers.ts <NATS_URL> <pullers> <connections>
 */
import { pino } from 'pino';
import type { Activities } from '../src/activities/activities.js';
import { connectNats } from '../src/nats/connection.js';
import { openNatsPorts } from '../src/nats/nats-ports.js';
import { DEFAULT_WORK_SETTINGS } from '../src/ports/work-queue.js';
import { sinkSettings } from '../src/sinks/context.js';
import { BatchPuller } from '../src/worker/batch-puller.js';

/** Reports the rows asked for, as a real batch does, without generating or writing them. */
export const NO_OP_ACTIVITIES: Activities = {
  runBatch: async ({ item }) => ({ rows: item.rows }),
  runSinkStep: async () => {},
  close: async () => {},
};

async function main(): Promise<void> {
  const [url, pullersArg, connectionsArg] = process.argv.slice(2);
  const pullers = Number(pullersArg);
  const connections = Math.max(1, Math.min(pullers, Number(connectionsArg)));
  const log = pino({ level: 'silent' });
  const settings = (overrides: Record<string, string>) => sinkSettings({ dataDir: '/nonexistent', outputRoots: [], properties: {} }, overrides);
  const conns = await Promise.all(Array.from({ length: connections }, (_, i) => connectNats(url!, `capacity-workers-${i}`)));
  const running: BatchPuller[] = [];
  for (let c = 0; c < connections; c++) {
    const ports = await openNatsPorts(conns[c]!, DEFAULT_WORK_SETTINGS, 6000, 1);
    for (let p = c; p < pullers; p += connections) {
      const puller = new BatchPuller({ ...ports, activities: NO_OP_ACTIVITIES, settings, compileDirs: [], slots: 1, log, id: `sim-${p}` });
      puller.start();
      running.push(puller);
    }
  }
  process.stdout.write(`ready ${running.length}\n`);
  process.once('SIGTERM', () => {
    void (async () => {
      await Promise.all(running.map((p) => p.stop()));
      await Promise.all(conns.map((nc) => nc.close()));
      process.exit(0);
    })();
  });
}

if (process.argv[1]?.endsWith('capacity-workers.ts')) await main();
