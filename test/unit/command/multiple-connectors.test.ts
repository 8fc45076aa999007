/** Given/when/then: a multipleconnectors command's fold and views (its sinks and each one's rows), and old events. */
import test from 'ava';
import { contextOf, foldEvents, statusOf } from '../../../src/command/fold.js';
import { foldCommandState } from '../../../src/command/command-state.js';
import { ROW_BLOCK } from '../../../src/model/row-blocks.js';
import { commandDetails } from '../../../src/projection/status-view.js';
import { completed, ev, finished, queued, running, shardCompleted, starting } from '../../helpers/events.js';

const MULTI = { service: 'multipleconnectors', connectors: ['json', 'kafka'] };
const toBoth = (batch: number, rows = 10) =>
  ev('batch-completed', { batch, rows, workerId: 'w/0', durationMs: 1, sinks: [{ service: 'json', rows, location: `/out/m-${batch}.json` }, { service: 'kafka', rows, location: 'topic t' }] });

test('given a multipleconnectors command, when each batch completed on both sinks, then it finishes with the rows once and each sink\'s rows', (t) => {
  const s = foldEvents([queued(MULTI), starting(), running(), toBoth(0), toBoth(1), toBoth(2), finished()])!;
  t.is(statusOf(s), 'FINISHED');
  const c = contextOf(s);
  t.is(c.rowsWritten, 30, 'the rows are generated once, whatever the sinks');
  t.deepEqual(c.connectors, ['json', 'kafka']);
  t.deepEqual(c.rowsBySink, { json: 30, kafka: 30 });
  const details = commandDetails(s);
  t.deepEqual(details.connectors, ['json', 'kafka']);
  t.deepEqual(details.rowsBySink, { json: 30, kafka: 30 });
  t.is(details.service, 'multipleconnectors');
});

test('given a running multipleconnectors command, its details list every sink, with 0 rows before its first batch', (t) => {
  const details = commandDetails(foldEvents([queued(MULTI), starting(), running(), toBoth(1, 7)])!);
  t.deepEqual(details.rowsBySink, { json: 7, kafka: 7 });
  t.deepEqual(commandDetails(foldEvents([queued(MULTI)])!).rowsBySink, { json: 0, kafka: 0 });
});

test('given a duplicate completion of a batch, the sinks\' rows are not counted twice', (t) => {
  const batch = toBoth(0);
  const s = foldEvents([queued(MULTI), starting(), running(), batch, { ...batch, meta: { ...batch.meta, eventId: 'again' } }])!;
  t.deepEqual(contextOf(s).rowsBySink, { json: 10, kafka: 10 });
});

test('given a sharded multipleconnectors batch, each shard adds its rows to each sink', (t) => {
  const shard = (index: number, rows: number) => {
    const e = shardCompleted(0, index, 2, rows);
    return { ...e, data: { ...e.data, sinks: [{ service: 'json', rows }, { service: 'kafka', rows }] } };
  };
  const s = foldEvents([queued({ ...MULTI, rows: 2 * ROW_BLOCK, batches: 1, shardRows: ROW_BLOCK }), starting(), running(), shard(0, ROW_BLOCK), shard(1, ROW_BLOCK)])!;
  t.deepEqual(contextOf(s).rowsBySink, { json: 2 * ROW_BLOCK, kafka: 2 * ROW_BLOCK });
  t.is(contextOf(s).completedCount, 1);
});

test('given events recorded before connectors were (one sink), they fold unchanged and the details name that sink', (t) => {
  const events = [queued(), starting(), running(), completed(0), completed(1), completed(2), finished()];
  const s = foldEvents(events)!;
  t.is(contextOf(s).connectors, undefined);
  t.is(contextOf(s).rowsBySink, undefined);
  t.like(commandDetails(s), { service: 'json', connectors: ['json'], rowsBySink: { json: 30 }, rowsWritten: 30 });
  t.is(statusOf(foldCommandState(events)!.command), 'FINISHED');
});
