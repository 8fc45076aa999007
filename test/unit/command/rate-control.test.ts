/**
 * Given events / when an event or a restart / then the decision, for rate-controlled commands: the pace's origin is
 * the running event; a command with no end keeps `threads` batches queued, whatever their index, never finishes,
 * and ends when cancelled; the status view shows the target and the actual rate. Commands without a rate are
 * unchanged (their specs are decide.test.ts's).
 */
import test from 'ava';
import { evolve, foldCommandState, type CommandState } from '../../../src/command/command-state.js';
import { decideDispatch, decideResume } from '../../../src/command/decide.js';
import { contextOf, statusOf } from '../../../src/command/fold.js';
import type { CommandEvent } from '../../../src/events/types.js';
import { statusView } from '../../../src/projection/status-view.js';
import { cancelled, cancelRequested, completed, ev, progress, queued, running, starting } from '../../helpers/events.js';

const given = (...events: CommandEvent[]): CommandState => foldCommandState(events)!;
const RATE = { rowsPerSecond: 100 };
const unbounded = () => queued({ rows: 10, batches: 0, threads: 2, rate: RATE, unbounded: true });
const at = (event: CommandEvent, iso: string): CommandEvent => ({ ...event, meta: { ...event.meta, occurredAt: iso } }) as CommandEvent;

test('given a rate-controlled command, when it runs, then its pace starts at the running event', (t) => {
  const start = running();
  const state = given(queued({ rate: RATE }), starting(), start);
  t.is(contextOf(state.command).runningAt, start.meta.occurredAt);
  // A command without a rate records no origin: its state is as it was.
  t.false('runningAt' in contextOf(given(queued(), starting(), running()).command));
});

test('given a command with no end running, then `threads` batches are queued, and each completion queues the next, past any index', (t) => {
  const first = decideDispatch(given(unbounded(), starting(), running()));
  t.deepEqual(first.orders.map((o) => o.batch), [0, 1]);
  let state = first.state;
  for (let b = 0; b < 50; b++) {
    const r = evolve(state, completed(b));
    if (!r.accepted) return t.fail(r.reason);
    t.deepEqual(r.intents, ['dispatchBatches'], `batch ${b} does not finish the command`);
    const d = decideDispatch(r.state);
    t.deepEqual(d.orders.map((o) => o.batch), [b + 2]);
    state = d.state;
  }
  t.is(statusOf(state.command), 'RUNNING');
  t.is(contextOf(state.command).completedCount, 50);
});

test('given a command with no end, when it is cancelled, then nothing more is queued and it ends CANCELLED', (t) => {
  const running1 = decideDispatch(given(unbounded(), starting(), running(), completed(0))).state;
  const asked = evolve(running1, cancelRequested());
  if (!asked.accepted) return t.fail(asked.reason);
  t.true(asked.intents.includes('cancelCommand'));
  t.deepEqual(decideDispatch(asked.state).orders, []);
  const ended = evolve(asked.state, cancelled());
  t.is(statusOf(ended.state!.command), 'CANCELLED');
});

test('given a command with no end, a restart dispatches again rather than finishing it', (t) => {
  const { intents } = decideResume(given(unbounded(), starting(), running()));
  t.deepEqual(intents, ['dispatchBatches']);
  // A `finished` (which no orchestrator appends for it) is rejected.
  t.false(evolve(given(unbounded(), starting(), running()), ev('finished', { rows: 0 })).accepted);
});

test('the status view shows the target rate, and the actual rate as the slope of the last reports', (t) => {
  const base = Date.parse('2026-03-01T00:00:00Z');
  const iso = (ms: number) => new Date(base + ms).toISOString();
  const events = [
    at(queued({ rows: 100, batches: 10, rate: { rowsPerSecond: 100, endRowsPerSecond: 300, rampSeconds: 10 } }), iso(0)),
    at(starting(), iso(0)), at(running(), iso(1000)),
    at(completed(0, 100), iso(2000)), at(progress(1, 40), iso(2500)), at(completed(1, 100), iso(3000)), at(completed(2, 100), iso(4000)),
  ];
  const state = given(...events);
  const view = statusView(state.command, base + 6000);
  t.is(view.targetRowsPerSecond, 200, 'halfway through the ramp');
  t.is(view.actualRowsPerSecond, 100, '200 rows more over 2 s');
  // A running command silent for a whole window is at 0; a command without a rate has neither field.
  t.is(statusView(state.command, base + 20_000).actualRowsPerSecond, 0);
  const plain = statusView(given(queued(), starting(), running(), completed(0)).command);
  t.false('targetRowsPerSecond' in plain);
  t.false('actualRowsPerSecond' in plain);
});

test('the rate samples stay bounded: those older than the window go, but the latest of them', (t) => {
  const base = Date.parse('2026-03-01T00:00:00Z');
  let state = given(at(unbounded(), new Date(base).toISOString()), starting(), at(running(), new Date(base).toISOString()));
  for (let b = 0; b < 200; b++) {
    state = evolve(state, at(completed(b), new Date(base + (b + 1) * 500).toISOString())).state!;
  }
  const samples = contextOf(state.command).rateSamples!;
  t.true(samples.length <= 22, `${samples.length} samples`);
  t.true(samples[samples.length - 1]![0] - samples[0]![0] >= 10_000);
  t.is(statusView(state.command, base + 100_500).actualRowsPerSecond, 20, '10 rows every 500 ms');
});

test('a command with no end keeps only the batches completed out of order, not every batch since it started', (t) => {
  let state = decideDispatch(given(unbounded(), starting(), running())).state;
  for (const b of [1, 0, 2, 4]) state = evolve(state, completed(b)).state!;
  t.deepEqual(contextOf(state.command).completed, { 4: 10 });
  t.is(contextOf(state.command).completedBelow, 3);
  for (let b = 3; b < 200; b++) if (b !== 4) state = evolve(state, completed(b)).state!;
  t.deepEqual(contextOf(state.command).completed, {});
  t.is(contextOf(state.command).completedBelow, 200);
  t.is(contextOf(state.command).completedCount, 200);
  // A late duplicate of a batch long done is still rejected.
  t.false(evolve(state, completed(17)).accepted);
  // A bounded command keeps its map as before.
  t.false('completedBelow' in contextOf(given(queued(), starting(), running(), completed(0)).command));
});
