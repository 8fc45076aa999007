/** `datagen watch`: prints every command event from NATS as one JSON line, as it happens. */
import { connectNats } from '../nats/connection.js';

export async function watchEvents(opts: { command?: string; fromStart?: boolean }): Promise<void> {
  const url = process.env.NATS_URL;
  if (!url) {
    console.error('datagen watch: set NATS_URL to the deployment\'s NATS server (e.g. nats://127.0.0.1:4222)');
    process.exit(2);
  }
  const nc = await connectNats(url, 'datagen-watch');
  const subject = `datagen.command.${opts.command ?? '*'}.*`;
  if (opts.fromStart) {
    const { jetstream } = await import('@nats-io/jetstream');
    const { EventStore } = await import('../nats/event-store.js');
    const store = new EventStore(jetstream(nc));
    const stop = await store.follow((e) => console.log(JSON.stringify({ subject: `datagen.command.${e.meta.commandUuid}.${e.type}`, ...e })), {
      filter: opts.command ? `datagen.command.${opts.command}.>` : 'datagen.command.>',
    });
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
