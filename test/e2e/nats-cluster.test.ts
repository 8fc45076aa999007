/**
 * A clustered deployment: three nats-servers on loopback as one JetStream cluster, a `datagen serve` given all
 * three with every stream at three replicas. The events stream's leader is SIGKILLed in the middle of a command;
 * the command still finishes with exactly its rows, each once, and /health recovers.
 * Every wait is bounded and says what it waited for; every process is stopped in teardown, even on failure.
 */
import test from 'ava';
import type { ChildProcess } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { EVENTS_STREAM } from '../../src/events/subjects.js';
import { startTestNatsCluster } from '../helpers/nats-cluster.js';
import { startServe, submit } from '../helpers/service-process.js';

const BATCHES = 60;
const ROWS = 20_000;
const TOTAL = BATCHES * ROWS;
const MODEL = JSON.stringify({
  model_name: 'cluster',
  Fields: [
    { name: 'id', type: 'INCREMENT_INTEGER' },
    { name: 'word', type: 'STRING', length: 40 },
  ],
});

/**
 * Backstop for a test worker that ends without running teardown (ava SIGTERMs a timed-out worker): no
 * nats-server or service outlives it.
 */
const children = new Set<ChildProcess>();
const killChildren = () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
};
process.once('exit', killChildren);
process.once('SIGTERM', () => {
  killChildren();
  process.exit(1);
});

/** One bounded HTTP GET: the body as JSON, or what went wrong, never a hang. */
async function probe(url: string): Promise<{ status: number; body: any } | { error: string }> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
    const text = await res.text();
    try {
      return { status: res.status, body: JSON.parse(text) };
    } catch {
      return { status: res.status, body: text };
    }
  } catch (err) {
    return { error: String((err as Error)?.message ?? err) };
  }
}

/** Polls until `done` holds, or fails naming what it waited for and the last answer seen. */
async function waitFor(what: string, timeoutMs: number, url: string, done: (answer: { status: number; body: any }) => boolean): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  let last: Awaited<ReturnType<typeof probe>> = { error: 'not asked yet' };
  while (Date.now() < deadline) {
    last = await probe(url);
    if ('status' in last && done(last)) return last.body;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last answer: ${JSON.stringify(last)}`);
}

/** Every id in the final batch files (temporary files of an interrupted write are not output). */
async function idsOnDisk(dataDir: string): Promise<{ files: number; ids: number[] }> {
  const dir = path.join(dataDir, 'output', 'cluster');
  const files = (await readdir(dir)).filter((f) => /^cluster-\d{10}\.json$/.test(f));
  const ids: number[] = [];
  for (const f of files) {
    for (const line of (await readFile(path.join(dir, f), 'utf8')).split('\n')) if (line) ids.push(JSON.parse(line).id);
  }
  return { files: files.length, ids };
}

test('the events stream leader SIGKILLed mid-command: the command finishes with exactly its rows and /health recovers', async (t) => {
  // Above the sum of the bounded waits below (cluster 30 s, service 60 s, 45 + 120 + 30 s), so one of them fails first, with its message.
  t.timeout(300_000);
  const cluster = await startTestNatsCluster();
  for (const n of cluster.nodes) children.add(n.process);
  t.teardown(() => cluster.destroy());
  const svc = await startServe({
    natsUrl: cluster.url,
    env: { DATAGEN_NATS_REPLICAS: '3', DATAGEN_WORKER_SLOTS: '2', DATAGEN_ACK_WAIT_SECONDS: '2' },
  });
  children.add(svc.child);
  // Teardowns run last-registered first: the service stops before the cluster it talks to.
  t.teardown(async () => {
    await svc.stop();
  });
  const failure = (msg: string) => `${msg}\n--- service output (tail) ---\n${svc.output().slice(-4000)}`;

  const res = await submit(svc.url, 'json', { rows: ROWS, batches: BATCHES, threads: 2 }, { text: MODEL });
  t.is(res.status, 200, JSON.stringify(res.body));
  const uuid = res.body.commandUuid;
  const statusUrl = `${svc.url}/command/getCommandStatus?commandUuid=${uuid}`;

  const before = await waitFor('two batches completed', 45_000, statusUrl, (a) => a.body.batchesCompleted >= 2 || ['FINISHED', 'FAILED', 'CANCELLED'].includes(a.body.status)).catch((err: Error) => {
    throw new Error(failure(err.message));
  });
  const leader = await cluster.streamLeader(EVENTS_STREAM);
  await cluster.kill(leader);
  const killedAt = Date.now();
  t.is(before.status, 'RUNNING', failure(`the command was not running when the leader was killed: ${JSON.stringify(before)}`));
  t.true(before.batchesCompleted < BATCHES, 'the kill came before the last batch');

  const status = await waitFor('the command to end', 120_000, statusUrl, (a) => ['FINISHED', 'FAILED', 'CANCELLED'].includes(a.body.status)).catch(async (err: Error) => {
    // Which side is stuck: the log (history reads it) or the read model (the status view)?
    const history = await probe(`${svc.url}/command/history?commandUuid=${uuid}`);
    const types = 'status' in history ? (history.body.events ?? []).map((e: { type: string }) => e.type) : [];
    const counts = types.reduce((m: Record<string, number>, ty: string) => ({ ...m, [ty]: (m[ty] ?? 0) + 1 }), {});
    throw new Error(failure(`${err.message}\nevents in the log for the command: ${JSON.stringify(counts)} ${'error' in history ? history.error : ''}`));
  });
  t.log(`killed ${leader.name} after ${before.batchesCompleted}/${BATCHES} batches; the command ended ${((Date.now() - killedAt) / 1000).toFixed(1)} s later`);
  t.is(status.status, 'FINISHED', failure(JSON.stringify(status)));
  t.is(status.rowsWritten, TOTAL);

  const { files, ids } = await idsOnDisk(svc.dataDir);
  t.is(files, BATCHES, 'one file per batch');
  t.is(ids.length, TOTAL, 'exactly rows × batches rows on disk');
  const seen = new Uint8Array(TOTAL);
  let outOfRange = 0;
  let duplicates = 0;
  for (const id of ids) {
    if (!Number.isInteger(id) || id < 0 || id >= TOTAL) outOfRange++;
    else if (seen[id]++) duplicates++;
  }
  t.is(outOfRange, 0, 'every increment value lies in 0 … rows × batches − 1');
  t.is(duplicates, 0, 'no row written twice');
  t.is(seen.indexOf(0), -1, 'no increment value missing');

  await waitFor('/api/v1/health/status to answer 200 after the failover', 30_000, `${svc.url}/api/v1/health/status`, (a) => a.status === 200).catch((err: Error) => {
    throw new Error(failure(err.message));
  });
  // Asked once the command is over, when the cluster's view of the stream is settled.
  t.not((await cluster.streamLeader(EVENTS_STREAM)).name, leader.name, 'a surviving node leads the events stream');
});
