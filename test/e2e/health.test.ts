/**
 * /health/status tells the truth about the event store: a service whose nats-server is gone answers 503 with the
 * reason (not OK), refuses new commands with 503 (not 500) and recovers when the server is back.
 */
import test from 'ava';
import { startTestNats, type TestNats } from '../helpers/nats-server.js';
import { startServe, submit, waitForTerminal, type ServiceProcess } from '../helpers/service-process.js';

const MODEL = JSON.stringify({ model_name: 'health-model', Fields: [{ name: 'id', type: 'INCREMENT_INTEGER' }] });

let nats: TestNats;
let svc: ServiceProcess;

test.before(async () => {
  nats = await startTestNats();
  svc = await startServe({ natsUrl: nats.url, env: { DATAGEN_WORKER_SLOTS: '1' } });
});
test.after.always(async () => {
  await svc?.stop();
  await nats?.destroy();
});

async function health(path = '/api/v1/health/status') {
  const res = await fetch(`${svc.url}${path}`);
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

/** Polls until the probe answers `status`; each poll is one request, bounded in count. */
async function healthBecomes(status: number) {
  let last = await health();
  for (let i = 0; i < 600 && last.status !== status; i++) {
    await new Promise((r) => setTimeout(r, 50));
    last = await health();
  }
  return last;
}

test.serial('healthy: NATS connected and JetStream available; live and ready answer too', async (t) => {
  const ok = await health();
  t.is(ok.status, 200);
  t.deepEqual(ok.body, { status: 'OK', nats: 'connected', jetstream: 'available' });
  t.is((await health('/health/ready')).status, 200);
  t.is((await health('/health/live')).status, 200);
});

test.serial('NATS down: health is 503 with the reason, a new command is a 503 saying why, live stays 200', async (t) => {
  await nats.stop();
  const down = await healthBecomes(503);
  t.is(down.status, 503);
  t.is(down.body.status, 'DOWN');
  t.is(down.body.nats, 'disconnected');
  t.regex(down.body.reason, /disconnected from nats-server/);
  t.is((await health('/health/ready')).status, 503);
  t.is((await health('/health/live')).status, 200, 'the process itself is alive');

  const refused = await submit(svc.url, 'json', { rows: 1, batches: 1 }, { text: MODEL });
  t.is(refused.status, 503);
  t.is(refused.body.commandUuid, '');
  t.regex(refused.body.error, /event store \(NATS JetStream\) is unreachable; nothing was recorded/);
  t.is(svc.child.exitCode, null, 'the service is still running');

  nats = await nats.restart();
  const back = await healthBecomes(200);
  t.is(back.status, 200);
  const accepted = await submit(svc.url, 'json', { rows: 3, batches: 1 }, { text: MODEL });
  t.is(accepted.status, 200);
  t.is((await waitForTerminal(svc.url, accepted.body.commandUuid)).status, 'FINISHED');
});

test.serial('NATS frozen (connected but not answering): health reports JetStream unavailable, a new command is a 503', async (t) => {
  nats.process.kill('SIGSTOP');
  try {
    const frozen = await healthBecomes(503);
    t.is(frozen.status, 503);
    t.is(frozen.body.jetstream, 'unavailable');
    t.regex(frozen.body.reason, /JetStream does not answer/);
    const refused = await submit(svc.url, 'json', { rows: 1, batches: 1 }, { text: MODEL });
    t.is(refused.status, 503, JSON.stringify(refused.body));
    t.regex(refused.body.error, /NATS JetStream\) is (unavailable|unreachable)/);
  } finally {
    nats.process.kill('SIGCONT');
  }
  t.is((await healthBecomes(200)).status, 200);
});
