/** `datagen replay`: rebuilds the read model from the events stream (NATS_URL) and prints what it holds. */
import { jetstream } from '@nats-io/jetstream';
import { natsUrlOf } from '../config.js';
import { connectNats } from '../nats/connection.js';
import { NatsEventLog } from '../nats/event-log.js';
import { rebuildReadModel } from '../projection/replay.js';
import { commandDetails } from '../projection/status-view.js';

export async function replayCommand(opts: { asOf?: number; command?: string }): Promise<void> {
  const url = natsUrlOf();
  if (!url) {
    console.error('datagen replay: set NATS_URL to the deployment\'s NATS server (e.g. nats://127.0.0.1:4222)');
    process.exit(2);
  }
  const nc = await connectNats(url, 'datagen-replay');
  try {
    const events = new NatsEventLog(jetstream(nc));
    const { readModel, events: count, durationMs } = await rebuildReadModel(events, opts.asOf);
    if (opts.command) {
      const snapshot = readModel.get(opts.command);
      if (!snapshot) {
        console.error(`command ${opts.command} not found${opts.asOf ? ` as of sequence ${opts.asOf}` : ''}`);
        process.exitCode = 1;
        return;
      }
      console.log(JSON.stringify(commandDetails(snapshot), null, 2));
      return;
    }
    console.log(JSON.stringify({
      seq: readModel.appliedSeq,
      events: count,
      commands: readModel.size,
      schedules: readModel.allSchedules().length,
      byStatus: readModel.countsByStatus(),
      durationMs: Math.round(durationMs),
      rejectedEvents: readModel.rejected,
    }, null, 2));
  } finally {
    await nc.close();
  }
}
