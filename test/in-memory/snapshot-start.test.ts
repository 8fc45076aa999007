/**
 * Start-up from snapshots: the read model (with the metrics' totals), the orchestrator's events-only fold and the
 * scheduler's state, restored from a snapshot plus the tail of the log, equal what a replay from the start gives; a snapshot of
 * another fold version or an unreadable one is ignored (replay from the start); ended commands evicted from
 * memory still answer in full.
 */
import test from 'ava';
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { evolve, foldCommandState, type CommandState } from '../../src/command/command-state.js';
import { isTerminal } from '../../src/command/decide.js';
import { statusOf } from '../../src/command/fold.js';
import type { StoredScheduleEvent } from '../../src/events/schedule-types.js';
import { ALL_EVENTS } from '../../src/events/subjects.js';
import type { QueuedData, StoredEvent } from '../../src/events/types.js';
import { InMemoryEventLog } from '../../src/memory/memory-event-log.js';
import { InMemorySecretStore } from '../../src/memory/memory-secret-store.js';
import { InMemorySnapshotStore } from '../../src/memory/memory-snapshot-store.js';
import { ManualClock } from '../../src/memory/manual-clock.js';
import { ServiceMetrics } from '../../src/metrics.js';
import { ORCHESTRATOR_SNAPSHOT, OrchestratorSnapshots } from '../../src/orchestrator/orchestrator-snapshots.js';
import { followCaughtUp } from '../../src/ports/event-log.js';
import { Projector, READ_MODEL_SNAPSHOT } from '../../src/projection/projector.js';
import { ReadModel } from '../../src/projection/read-model.js';
import { readModelDigest, rebuildReadModel } from '../../src/projection/replay.js';
import { Scheduler } from '../../src/scheduler/scheduler.js';
import { commandDetails } from '../../src/projection/status-view.js';
import { encodeState } from '../../src/snapshot/state-codec.js';
import { serviceKinds } from '../../src/sinks/service-kinds.js';
import { commandAt } from '../../src/use-cases/command-at.js';
import { Collector } from '../contract/collector.js';

const log = pino({ level: 'silent' });
const NOW = Date.parse('2030-01-01T00:00:00Z');

const queuedData = (batches: number, threads = 2): QueuedData => ({ service: 'json', rows: 10, batches, threads, seed: 7, model: { name: 'm', hash: 'h' }, properties: { KAFKA_BROKERS: 'k:9092' }, owner: 'ann' });
const done = (batch: number) => ({ batch, rows: 10, workerId: 'w/0', durationMs: 3 + batch });

/** Commands in every state, and a schedule with an execution (new uuids each call). */
async function history(events: InMemoryEventLog): Promise<{ open: string[]; ended: string[] }> {
  const finished = [randomUUID(), randomUUID(), randomUUID()];
  for (const uuid of finished) {
    await events.append(uuid, 'queued', queuedData(3));
    await events.append(uuid, 'starting', {});
    await events.append(uuid, 'running', {});
    for (const b of [0, 1, 2]) await events.append(uuid, 'batch-completed', done(b));
    await events.append(uuid, 'finished', { rows: 30 });
  }
  const failed = randomUUID();
  await events.append(failed, 'queued', queuedData(2));
  await events.append(failed, 'starting', {});
  await events.append(failed, 'failed', { reason: 'kafka k:9092: prepare failed: refused' });
  const running = randomUUID();
  await events.append(running, 'queued', queuedData(4));
  await events.append(running, 'starting', {});
  await events.append(running, 'running', {});
  await events.append(running, 'batch-completed', done(1));
  await events.append(running, 'batch-failed', { batch: 0, workerId: 'w/0', error: 'disk full', attempt: 1, final: false });
  const queued = randomUUID();
  await events.append(queued, 'queued', queuedData(1));
  const schedule = randomUUID();
  const execution = randomUUID();
  await events.appendSchedule(schedule, 'schedule-created', { request: { ...queuedData(1), seed: 3 }, delaySeconds: 60 });
  await events.appendSchedule(schedule, 'execution-started', { n: 1, commandUuid: execution });
  await events.append(execution, 'queued', { ...queuedData(1), scheduleId: schedule });
  return { open: [running, queued, execution], ended: [...finished, failed] };
}

/** Ends the open commands of the first history, and adds late reports: the tail after a snapshot. */
async function tail(events: InMemoryEventLog, first: { open: string[]; ended: string[] }): Promise<void> {
  const [running, queued] = first.open;
  await events.append(running, 'batch-completed', done(0));
  await events.append(running, 'batch-completed', done(2));
  await events.append(first.ended[0], 'batch-completed', done(1), { msgId: `late-${randomUUID()}` }); // a late duplicate: rejected
  await events.append(queued, 'cancel-requested', { by: 'ann' });
  await events.append(queued, 'cancelled', { reason: 'cancelled' });
}

function projector(events: InMemoryEventLog, snapshots: InMemorySnapshotStore, viewCache?: number) {
  const readModel = new ReadModel({ viewCache, history: (u) => events.readCommand(u) });
  const metrics = new ServiceMetrics(readModel, serviceKinds());
  const p = new Projector(readModel, { events, snapshots, snapshotEvery: 1_000_000, log, parts: [metrics.snapshotPart()] });
  return { readModel, metrics, projector: p };
}

const metricLines = async (m: ServiceMetrics) => (await m.registry.metrics()).split('\n').filter((l) => /^datagen_(rows|files|batches|batch_duration|commands)/.test(l)).join('\n');

test('read model: events, snapshot, more events; snapshot + tail equals a replay from the start (views, details, metrics)', async (t) => {
  const events = new InMemoryEventLog();
  const snapshots = new InMemorySnapshotStore();
  const first = await history(events);
  const a = projector(events, snapshots);
  await a.projector.start();
  const saved = await a.projector.snapshot();
  t.is(saved?.seq, await events.lastSeq());
  await a.projector.stop();
  await tail(events, first);
  await history(events);

  const b = projector(events, snapshots);
  await b.projector.start();
  t.is(b.projector.restoredSeq, saved!.seq, 'started from the snapshot, not from the start');
  await b.projector.stop();

  const full = projector(events, new InMemorySnapshotStore());
  await full.projector.start();
  t.is(full.projector.restoredSeq, 0);
  const rebuilt = await rebuildReadModel(events);
  t.is(readModelDigest(b.readModel, NOW), readModelDigest(rebuilt.readModel, NOW));
  t.is(readModelDigest(b.readModel, NOW), readModelDigest(full.readModel, NOW));
  t.deepEqual(b.readModel.views(NOW), full.readModel.views(NOW));
  t.deepEqual(b.readModel.countsByStatus(), rebuilt.readModel.countsByStatus());
  t.is(b.readModel.rejected, rebuilt.readModel.rejected);
  for (const v of full.readModel.views(NOW)) {
    t.deepEqual(commandDetails((await b.readModel.load(v.commandUuid))!, NOW), commandDetails(full.readModel.get(v.commandUuid)!, NOW));
  }
  t.deepEqual(b.readModel.allSchedules(), full.readModel.allSchedules());
  t.is(await metricLines(b.metrics), await metricLines(full.metrics));
  t.regex(await metricLines(b.metrics), /datagen_rows_generated_total\{sink="json"\} 230/);
  t.deepEqual(await b.metrics.summary(), await full.metrics.summary(), "the original's keys (ALL_ROWS_GENERATED, JSON_FILES_GENERATED…) too");
});

test('read model: a snapshot of another fold version, or an unreadable one, is ignored: replay from the start, same state', async (t) => {
  const events = new InMemoryEventLog();
  const snapshots = new InMemorySnapshotStore();
  await history(events);
  const a = projector(events, snapshots);
  await a.projector.start();
  await a.projector.snapshot();
  const good = (await snapshots.load(READ_MODEL_SNAPSHOT))!;
  const expected = readModelDigest((await rebuildReadModel(events)).readModel, NOW);

  for (const bad of [{ ...good, version: `${good.version}-changed` }, { ...good, state: '{"seq":' }, { ...good, state: good.state.replace('"commands":[', '"commands":[["x",1,"NOT_A_STATE",{}],') }]) {
    await snapshots.save(READ_MODEL_SNAPSHOT, bad);
    const b = projector(events, snapshots);
    await b.projector.start();
    t.is(b.projector.restoredSeq, 0);
    t.is(readModelDigest(b.readModel, NOW), expected);
    await b.projector.stop();
  }
  // Stopping saved a usable snapshot again.
  const c = projector(events, snapshots);
  await c.projector.start();
  t.is(c.projector.restoredSeq, await events.lastSeq());
});

test('read model: ended commands beyond the view cache are folded again from their events, lists and details answer the same', async (t) => {
  const events = new InMemoryEventLog();
  const first = await history(events);
  await tail(events, first);
  const small = projector(events, new InMemorySnapshotStore(), 1);
  await small.projector.start();
  const unbounded = (await rebuildReadModel(events)).readModel;
  const evicted = first.ended.filter((u) => small.readModel.isEvicted(u));
  t.true(evicted.length >= 3, 'all ended commands but one are evicted');
  t.deepEqual(small.readModel.views(NOW), unbounded.views(NOW));
  t.deepEqual(small.readModel.byStatus('FINISHED', NOW), unbounded.byStatus('FINISHED', NOW));
  const deps = (readModel: ReadModel) => ({ events, readModel, clock: { now: () => NOW } as never });
  for (const uuid of evicted) {
    const got = await commandAt(deps(small.readModel), uuid);
    const want = await commandAt(deps(unbounded), uuid);
    t.is(got.kind, 'command');
    t.deepEqual(got.kind === 'command' && commandDetails(got.snapshot, NOW), want.kind === 'command' && commandDetails(want.snapshot, NOW));
  }
  // A late report of an evicted command reaches listeners with its state, as before.
  const seen: Array<string | undefined> = [];
  small.readModel.onEvent((e, s) => seen.push(s && statusOf(s)));
  const victim = first.ended.find((u) => small.readModel.isEvicted(u))!;
  await events.append(victim, 'batch-completed', done(2), { msgId: `late-${randomUUID()}` });
  await small.readModel.waitFor(await events.lastSeq());
  t.deepEqual(seen, ['FINISHED']);
  await small.projector.stop();
});

/** The events-only fold of every open command, from the whole log. */
async function openStates(events: InMemoryEventLog): Promise<Map<string, CommandState>> {
  const byCommand = new Map<string, Parameters<typeof foldCommandState>[0] extends Iterable<infer E> ? E[] : never>();
  for (const e of await events.readAll()) byCommand.set(e.meta.commandUuid, [...(byCommand.get(e.meta.commandUuid) ?? []), e]);
  const open = new Map<string, CommandState>();
  for (const [uuid, list] of byCommand) {
    const state = foldCommandState(list);
    if (state && !isTerminal(statusOf(state.command))) open.set(uuid, state);
  }
  return open;
}

const encoded = (states: Map<string, CommandState>) => JSON.stringify(encodeState([...states].sort(([a], [b]) => a.localeCompare(b))));

test('orchestrator: events, snapshot, more events; restored open commands + tail equal the fold of the whole log', async (t) => {
  const events = new InMemoryEventLog();
  const store = new InMemorySnapshotStore();
  const first = await history(events);
  const a = new OrchestratorSnapshots(store, 1_000_000, log);
  const restoredA = await a.load();
  t.is(restoredA.seq, 0);
  // Seeded empty before any event, it folds every event itself: its snapshot is the fold of the log so far.
  a.seed([]);
  const stop = await followCaughtUp(events, (e) => a.observe(e));
  await stop();
  await a.save();
  t.is((await store.load(ORCHESTRATOR_SNAPSHOT))?.seq, await events.lastSeq());
  await tail(events, first);
  await history(events);

  const b = new OrchestratorSnapshots(store, 1_000_000, log);
  const restored = await b.load();
  t.true(restored.seq > 0);
  t.is(restored.states.size, 3);
  const states = new Map(restored.states);
  const stopB = await followCaughtUp(events, (e) => {
    b.observe(e);
    const r = evolve(states.get(e.meta.commandUuid), e);
    if (!r.accepted) return;
    if (isTerminal(statusOf(r.state.command))) states.delete(e.meta.commandUuid);
    else states.set(e.meta.commandUuid, r.state);
  }, { fromSeq: restored.seq + 1 });
  await stopB();
  t.is(encoded(states), encoded(await openStates(events)));
  t.is(states.size, 2 + 3, 'the first history\'s running command (3 of 4 batches) and execution, and the second history\'s three');

  // Another version's snapshot is ignored.
  const saved = (await store.load(ORCHESTRATOR_SNAPSHOT))!;
  await store.save(ORCHESTRATOR_SNAPSHOT, { ...saved, version: 'other' });
  t.is((await new OrchestratorSnapshots(store, 1_000_000, log).load()).seq, 0);
  await store.save(ORCHESTRATOR_SNAPSHOT, { ...saved, state: '[["x",{"command":{"$machine":"nope"}}]]' });
  t.is((await new OrchestratorSnapshots(store, 1_000_000, log).load()).seq, 0);
});

test('scheduler: restarted from its snapshot, it resumes a schedule where the log left it (no execution missed or doubled)', async (t) => {
  const clock = new ManualClock();
  const events = new InMemoryEventLog(clock);
  const snapshots = new InMemorySnapshotStore();
  const secrets = new InMemorySecretStore();
  const fromSeqs: number[] = [];
  const follow = events.follow.bind(events);
  events.follow = (handler, opts) => {
    if (opts?.filter === ALL_EVENTS) fromSeqs.push(opts.fromSeq ?? 1);
    return follow(handler, opts);
  };
  const lifecycle = async (uuid: string, data = queuedData(1)) => {
    for (const [type, d] of [['queued', data], ['starting', {}], ['running', {}], ['batch-completed', done(0)], ['finished', { rows: 10 }]] as const) await events.append(uuid, type, d as never);
  };
  // A schedule whose first execution has finished: the snapshot holds it ended, and the next one is due later.
  const scheduleId = randomUUID();
  const first = randomUUID();
  await events.appendSchedule(scheduleId, 'schedule-created', { request: { ...queuedData(1), seed: 3 }, delaySeconds: 60 });
  await events.appendSchedule(scheduleId, 'execution-started', { n: 1, commandUuid: first });
  await lifecycle(first, { ...queuedData(1), scheduleId });
  const a = new Scheduler({ events, secrets, log, clock, snapshots });
  await a.start();
  await a.stop();
  t.is((await snapshots.load('scheduler'))?.seq, await events.lastSeq(), 'stopping saved its snapshot');
  t.is(await events.lastSeq(), 7, 'the first scheduler started nothing: the delay had not passed');

  for (let i = 0; i < 3; i++) await lifecycle(randomUUID());
  clock.advance(60_000);
  const seen = new Collector<StoredScheduleEvent | StoredEvent>();
  const stopWatching = await follow((e) => seen.push(e), { filter: ALL_EVENTS });
  const b = new Scheduler({ events, secrets, log, clock, snapshots });
  await b.start();
  t.true(fromSeqs.at(-1)! > 1, 'followed from after its snapshot');
  const second = (await seen.until((items) => items.some((e) => e.type === 'execution-started' && (e.data as { n: number }).n === 2)))
    .find((e) => e.type === 'execution-started' && (e.data as { n: number }).n === 2)!.data as { commandUuid: string };
  await seen.until((items) => items.some((e) => e.type === 'queued' && (e as StoredEvent).meta.commandUuid === second.commandUuid));
  await b.stop();
  await stopWatching();
  t.deepEqual((await events.readSchedule(scheduleId)).filter((e) => e.type === 'execution-started').map((e) => (e.data as { n: number }).n), [1, 2]);
});
