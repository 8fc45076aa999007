/**
 * `datagen watch`: prints command events as they happen, one JSON line each. From a service's event stream
 * (`--server`, the default when NATS_URL is unset), or straight from NATS (`NATS_URL`), where `--from-start`
 * replays the stream first.
 */
import { jetstream } from '@nats-io/jetstream';
import { natsUrlOf } from '../config.js';
import { connectNats } from '../nats/connection.js';
import { NatsEventLog } from '../nats/event-log.js';
import { readSse } from './client/sse.js';
import { redactDeep } from '../secrets/redact-deep.js';
import { clientFor, DEFAULT_SERVER, type ClientCommandOptions } from './options.js';

export interface WatchOptions extends ClientCommandOptions {
  command?: string;
  fromStart?: boolean;
}

export async function watchEvents(opts: WatchOptions): Promise<void> {
  const natsUrl = natsUrlOf();
  if (opts.server || !natsUrl) return watchService(opts);
  return watchNats(natsUrl, opts);
}

/** The service's Server-Sent Events: each line is {seq, type, at, commandUuid, data, status}. */
async function watchService(opts: WatchOptions): Promise<void> {
  const server = opts.server || DEFAULT_SERVER;
  let res: Response;
  try {
    res = await clientFor({ ...opts, server }).events(opts.command);
  } catch (err) {
    console.error(`datagen watch: ${(err as Error).message}`);
    process.exit(2);
  }
  if (!res.ok || !res.body) {
    console.error(`datagen watch: ${server} answered ${res.status}: ${await res.text()}`);
    process.exit(2);
  }
  console.error(`watching ${opts.command ? `command ${opts.command}` : 'every command'} on ${server}`);
  for await (const msg of readSse(res.body)) console.log(msg.data);
}

/** NATS subjects directly: each line is the stored envelope {subject, type, data, meta}. */
async function watchNats(url: string, opts: WatchOptions): Promise<void> {
  const nc = await connectNats(url, 'datagen-watch');
  const subject = `datagen.command.${opts.command ?? '*'}.*`;
  if (opts.fromStart) {
    const store = new NatsEventLog(jetstream(nc));
    const stop = await store.follow((e) => console.log(JSON.stringify({ subject: `datagen.command.${e.meta.commandUuid}.${e.type}`, ...e, data: redactDeep(e.data) })), {
      filter: opts.command ? `datagen.command.${opts.command}.>` : 'datagen.command.>',
    });
    console.error(`watching ${subject} on ${url}, from the start`);
    process.on('SIGINT', () => void stop().then(() => nc.close()).then(() => process.exit(0)));
    return;
  }
  // Core NATS subscription: JetStream publishes are delivered to plain subscribers too.
  const sub = nc.subscribe(subject);
  await nc.flush();
  console.error(`watching ${subject} on ${url}`);
  process.on('SIGINT', () => void nc.drain().then(() => process.exit(0)));
  for await (const m of sub) console.log(JSON.stringify({ subject: m.subject, ...(m.json() as object) }));
}
