/**
 * Start-up against history: writes BENCH_STARTUP_EVENTS (default 1,000,000) synthetic events of finished commands
 * (queued, starting, running, 20 batch reports, finished) to a real nats-server, then measures the time from
 * spawning `datagen serve` to its first healthy answer: on an empty log (the process's own boot), on the full log
 * without a snapshot (every event replayed by the projector and the orchestrator), and from the snapshots the
 * first run saved. Also the snapshot's size and how long its encoding held the event loop at most. The lease is long
 * (60 s) so that a loaded machine does not make the orchestrator lose it mid-replay and start over.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { jetstreamManager } from '@nats-io/jetstream';
import { commandEnvelope } from '../src/events/envelope.js';
import { commandSubject, EVENTS_STREAM } from '../src/events/subjects.js';
import type { CommandEventMap, CommandEventType } from '../src/events/types.js';
import { connectNats } from '../src/nats/connection.js';
import { freePort } from '../src/net/free-port.js';
import { startNatsServer } from '../src/nats/embedded-server.js';
import { ensureStreams } from '../src/nats/streams.js';
import type { BenchResult } from './types.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EVENTS = Number(process.env.BENCH_STARTUP_EVENTS ?? 1_000_000);
const BATCHES = 20;
const PER_COMMAND = BATCHES + 4;

interface Started {
  readyMs: number;
  log: string;
  stop(): Promise<void>;
}

/** Spawns `datagen serve` and resolves at its first 200 from /api/v1/health/status. */
async function serve(natsUrl: string, env: Record<string, string> = {}): Promise<Started> {
  const port = await freePort();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'datagen-startup-'));
  const t0 = performance.now();
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'datagen.js'), 'serve'], {
    cwd: ROOT,
    env: { ...process.env, NATS_URL: natsUrl, DATAGEN_PORT: String(port), DATAGEN_DATA_DIR: dataDir, DATAGEN_WORKER_SLOTS: '0', DATAGEN_LOG_LEVEL: 'info', DATAGEN_LEASE_SECONDS: '60', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr.on('data', (d: Buffer) => (log += d.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`serve exited: ${log.slice(-2000)}`);
    const ok = await fetch(`http://127.0.0.1:${port}/api/v1/health/status`).then((r) => r.ok, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  const readyMs = performance.now() - t0;
  return {
    readyMs,
    get log() { return log; },
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
      await rm(dataDir, { recursive: true, force: true });
    },
  } as Started;
}

/** Resolves once the child's log has a line with `message`, and answers that line's fields. */
async function logLine(started: Started, message: string): Promise<Record<string, number>> {
  for (;;) {
    const line = started.log.split('\n').find((l) => l.includes(`"msg":"${message}"`));
    if (line) return JSON.parse(line) as Record<string, number>;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Writes `events` events of finished commands with plain publishes (the stream stores them), then waits for all. */
async function writeHistory(natsUrl: string, events: number): Promise<number> {
  const nc = await connectNats(natsUrl, 'bench-startup');
  await ensureStreams(nc);
  const t0 = performance.now();
  const at = Date.parse('2026-01-01T00:00:00Z');
  let written = 0;
  const put = <T extends CommandEventType>(uuid: string, type: T, data: CommandEventMap[T]) => {
    nc.publish(commandSubject(uuid, type), JSON.stringify(commandEnvelope(uuid, type, data, { eventId: randomUUID(), at: at + written, actor: 'bench' })));
    written++;
  };
  while (written + PER_COMMAND <= events) {
    const uuid = randomUUID();
    put(uuid, 'queued', { service: 'json', rows: 1000, batches: BATCHES, threads: 4, seed: written, model: { name: 'customers', hash: 'f'.repeat(64) }, properties: {}, owner: 'bench' });
    put(uuid, 'starting', {});
    put(uuid, 'running', {});
    for (let b = 0; b < BATCHES; b++) put(uuid, 'batch-completed', { batch: b, rows: 1000, workerId: 'bench/0', durationMs: 12 });
    put(uuid, 'finished', { rows: 1000 * BATCHES });
    if (written % 20_000 < PER_COMMAND) await nc.flush();
  }
  await nc.flush();
  const jsm = await jetstreamManager(nc);
  while ((await jsm.streams.info(EVENTS_STREAM)).state.messages < written) await new Promise((r) => setTimeout(r, 100));
  const ms = performance.now() - t0;
  await nc.close();
  return ms;
}

export async function benchStartup(): Promise<BenchResult[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'datagen-startup-nats-'));
  const nats = await startNatsServer(dir, 0);
  try {
    const empty = await serve(nats.url);
    await empty.stop();
    const writeMs = await writeHistory(nats.url, EVENTS);
    const commands = Math.floor(EVENTS / PER_COMMAND);
    const events = commands * PER_COMMAND;

    const full = await serve(nats.url);
    const saved = await logLine(full, 'read-model snapshot saved');
    await logLine(full, 'orchestrator snapshot saved');
    await logLine(full, 'scheduler snapshot saved');
    await full.stop();

    const fromSnapshot = await serve(nats.url);
    const restored = await logLine(fromSnapshot, 'read-model restored from its snapshot');
    await fromSnapshot.stop();

    const perEventMs = (full.readyMs - empty.readyMs) / events;
    const snapshotShare = fromSnapshot.readyMs - empty.readyMs;
    return [
      { name: `history written: ${events.toLocaleString('en-US')} events of ${commands.toLocaleString('en-US')} finished commands`, value: events / (writeMs / 1000), unit: 'events/s' },
      { name: 'serve on an empty log: spawn to healthy (process boot)', value: empty.readyMs, unit: 'ms' },
      { name: 'serve on the full log, no snapshot: spawn to healthy', value: full.readyMs, unit: 'ms', note: `replay ${Math.round(events / ((full.readyMs - empty.readyMs) / 1000)).toLocaleString('en-US')} events/s` },
      { name: 'serve on the full log from its snapshots: spawn to healthy', value: fromSnapshot.readyMs, unit: 'ms', note: `read model restored in ${restored.ms} ms, of which ${restored.loadMs} ms reading it from the object store` },
      { name: 'read model snapshot size', value: saved.bytes / 2 ** 20, unit: 'MiB', note: `${saved.commands.toLocaleString('en-US')} commands` },
      { name: 'read model snapshot: event loop held at most (capture / longest slice)', value: Math.max(saved.captureMs, saved.longestSliceMs), unit: 'ms', note: `capture ${saved.captureMs.toFixed(1)} ms, longest slice ${saved.longestSliceMs.toFixed(1)} ms, whole save ${Math.round(saved.totalMs)} ms` },
      { name: 'extrapolated to 10,000,000 events: no snapshot', value: (empty.readyMs + perEventMs * 10_000_000) / 1000, unit: 's' },
      { name: 'extrapolated to 10,000,000 events: from snapshots (snapshot part scaled ×10/M)', value: (empty.readyMs + snapshotShare * (10_000_000 / events)) / 1000, unit: 's' },
    ];
  } finally {
    await nats.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
