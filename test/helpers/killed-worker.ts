/**
 * A command whose worker is SIGKILLed in the middle of a batch (as test/e2e/crash-recovery.test.ts does): an API
 * process without generator actors and one worker process on a fresh nats-server; once the first batch completed
 * (the worker pulls its next at once) the worker is killed, a second one started, and the command waited for. The
 * ack wait is 2 s, so the killed worker's batch is redelivered to the second one soon.
 */
import { startTestNats } from './nats-server.js';
import { getJson, startServe, startWorkerProcess, submit, waitForTerminal } from './service-process.js';

export interface KilledWorkerRun {
  /** The command's terminal status. */
  status: { status: string; [k: string]: unknown };
  /** The workers (process ids from workerId) that completed batches: two when both the killed one and its successor did. */
  workers: Set<string>;
}

export async function runWithKilledWorker(env: Record<string, string>, service: string, fields: Record<string, string | number>, model: string, timeoutMs = 300_000): Promise<KilledWorkerRun> {
  const nats = await startTestNats();
  const settings = { ...env, DATAGEN_ACK_WAIT_SECONDS: '2' };
  const api = await startServe({ natsUrl: nats.url, env: { ...settings, DATAGEN_WORKER_SLOTS: '0' } });
  const first = await startWorkerProcess(nats.url, { ...settings, DATAGEN_WORKER_SLOTS: '1' });
  let second: Awaited<ReturnType<typeof startWorkerProcess>> | undefined;
  try {
    const res = await submit(api.url, service, fields, { text: model });
    if (res.status !== 200) throw new Error(`submit: ${res.status} ${JSON.stringify(res.body)}`);
    for (let done = 0; done < 1; ) {
      const { body } = await getJson(api.url, `/command/getCommandStatus?commandUuid=${res.body.commandUuid}`);
      // A command that ended before its first batch completed (FAILED) never gets there: go on to report it.
      if (['FINISHED', 'FAILED', 'CANCELLED'].includes(body.status)) break;
      done = body.batchesCompleted ?? 0;
      if (done < 1) await new Promise((r) => setTimeout(r, 25));
    }
    await first.stop('SIGKILL'); // it pulled its next batch as soon as the first was acked
    second = await startWorkerProcess(nats.url, { ...settings, DATAGEN_WORKER_SLOTS: '1' });
    const status = await waitForTerminal(api.url, res.body.commandUuid, timeoutMs);
    const workers = new Set<string>(
      (await getJson(api.url, `/command/history?commandUuid=${res.body.commandUuid}`)).body.events
        .filter((e: { type: string }) => e.type === 'batch-completed')
        .map((e: { data: { workerId: string } }) => e.data.workerId.split('/')[0]),
    );
    return { status, workers };
  } finally {
    await second?.stop();
    await first.stop('SIGKILL').catch(() => {});
    await api.stop();
    await nats.destroy();
  }
}
