/** /command/get's fault counts: the sum of what completed batches (and shards) reported, each counted once. */
import test from 'ava';
import type { CommandEvent, StoredEvent } from '../../../src/events/types.js';
import { ReadModel } from '../../../src/projection/read-model.js';
import { commandDetails } from '../../../src/projection/status-view.js';
import { completed, ev, queued, running, starting, UUID } from '../../helpers/events.js';

function replay(events: CommandEvent[]): ReadModel {
  const rm = new ReadModel();
  events.forEach((e, i) => rm.apply({ ...e, seq: i + 1 } as StoredEvent));
  return rm;
}

const dirty = (batch: number, faults: Record<string, number>, shard?: number) =>
  ev('batch-completed', { batch, rows: 10, workerId: 'w/0', durationMs: 1, ...(shard !== undefined ? { shard, shards: 2 } : {}), faults });

test('fault counts add up over batches; a repeated report of a batch is not counted again', (t) => {
  const rm = replay([queued(), starting(), running(), dirty(0, { null: 2, late: 1 }), dirty(1, { null: 1, duplicate: 3 }), dirty(1, { null: 1, duplicate: 3 })]);
  t.deepEqual(commandDetails(rm.get(UUID)!).faults, { null: 3, late: 1, duplicate: 3 });
});

test('shards of a batch each add theirs', (t) => {
  const rm = replay([queued({ rows: 2 * 65_536, shardRows: 65_536 }), starting(), running(), dirty(0, { empty: 1 }, 0), dirty(0, { empty: 2, malformed: 1 }, 1)]);
  t.deepEqual(commandDetails(rm.get(UUID)!).faults, { empty: 3, malformed: 1 });
});

test('a command without faults has no fault counts in its view', (t) => {
  const rm = replay([queued(), starting(), running(), completed(0)]);
  t.false('faults' in commandDetails(rm.get(UUID)!));
});
