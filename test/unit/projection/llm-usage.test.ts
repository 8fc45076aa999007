/** /command/get's LLM usage: the calls and tokens completed batches (and shards) reported, each batch counted once. */
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

const asked = (batch: number, calls: number, tokens: number, shard?: number) =>
  ev('batch-completed', { batch, rows: 10, workerId: 'w/0', durationMs: 1, ...(shard !== undefined ? { shard, shards: 2 } : {}), llm: { calls, tokens } });

test('LLM calls and tokens add up over batches and shards; a repeated report of a batch is not counted again', (t) => {
  const rm = replay([queued(), starting(), running(), asked(0, 4, 120), asked(1, 2, 50), asked(1, 2, 50)]);
  t.deepEqual(commandDetails(rm.get(UUID)!).llm, { calls: 6, tokens: 170 });
  const sharded = replay([queued({ rows: 2 * 65_536, shardRows: 65_536 }), starting(), running(), asked(0, 1, 10, 0), asked(0, 0, 0, 1)]);
  t.deepEqual(commandDetails(sharded.get(UUID)!).llm, { calls: 1, tokens: 10 });
});

test('a command without LLM fields has no LLM usage in its view', (t) => {
  const rm = replay([queued(), starting(), running(), completed(0)]);
  t.false('llm' in commandDetails(rm.get(UUID)!));
});
