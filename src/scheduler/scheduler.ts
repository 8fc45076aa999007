/**
 * The scheduler role: carries out schedule decisions (start the next execution, pause after a failure),
 * with timers for the delays. Its state is rebuilt at start from its snapshot and the events after it (or the whole
 * stream), so a restart neither misses nor doubles an execution: execution n has a deterministic command uuid and
 * message ids.
 */
import type { Logger } from 'pino';
import { contextOf, statusOf } from '../command/fold.js';
import { isScheduleEvent, type StoredScheduleEvent } from '../events/schedule-types.js';
import type { StoredEvent } from '../events/types.js';
import { systemClock, type CancelTimer, type Clock } from '../ports/clock.js';
import type { EventLog } from '../ports/event-log.js';
import type { SecretStore } from '../ports/secret-store.js';
import type { SnapshotStore } from '../ports/snapshot-store.js';
import { Projector } from '../projection/projector.js';
import { ReadModel } from '../projection/read-model.js';
import { SCHEDULE_EXECUTION_PROPERTY } from '../sinks/types.js';
import { decideSchedule, type ExecutionStatus } from '../schedule/decide.js';
import { executionSeed } from '../schedule/execution-ids.js';
import { seeding } from '../command/seeding.js';
import type { Execution, ScheduleState } from '../schedule/schedule-state.js';

export interface SchedulerDeps {
  events: EventLog;
  secrets: SecretStore;
  log: Logger;
  clock?: Clock;
  /** Where its state starts from instead of the whole log, and events between snapshots (src/projection/projector.ts). */
  snapshots?: SnapshotStore;
  snapshotEvery?: number;
}

export class Scheduler {
  private readonly state = new ReadModel();
  private readonly timers = new Map<string, CancelTimer>();
  private readonly chains = new Map<string, Promise<void>>();
  private live = false;
  private projector?: Projector;
  private readonly clock: Clock;

  constructor(private readonly deps: SchedulerDeps) {
    this.clock = deps.clock ?? systemClock;
  }

  async start(): Promise<void> {
    this.projector = new Projector(this.state, {
      events: this.deps.events,
      snapshots: this.deps.snapshots,
      snapshotEvery: this.deps.snapshotEvery ?? 10_000,
      log: this.deps.log,
      name: 'scheduler',
      apply: (e) => this.onEvent(e as StoredEvent | StoredScheduleEvent),
      parts: [{ name: 'executions', module: import.meta.url, capture: () => [...this.executions], restore: (uuids) => (uuids as string[]).forEach((u) => this.executions.add(u)) }],
    });
    await this.projector.start();
    this.live = true;
    for (const s of this.state.allSchedules()) this.evaluate(s.scheduleId);
  }

  async stop(): Promise<void> {
    this.live = false;
    for (const cancel of this.timers.values()) cancel();
    this.timers.clear();
    await this.projector?.stop();
    await Promise.allSettled(this.chains.values());
  }

  /** Uuids of the commands that are executions of a schedule: the only commands the scheduler folds. */
  private readonly executions = new Set<string>();

  private onEvent(e: StoredEvent | StoredScheduleEvent): void {
    if (!isScheduleEvent(e)) {
      if (e.type === 'queued' && e.data.scheduleId) this.executions.add(e.meta.commandUuid);
      if (!this.executions.has(e.meta.commandUuid)) return this.state.skip(e.seq);
    }
    this.state.apply(e);
    if (!this.live) return;
    if (isScheduleEvent(e)) return this.evaluate(e.meta.scheduleId);
    const snapshot = this.state.get(e.meta.commandUuid);
    const scheduleId = snapshot && contextOf(snapshot).scheduleId;
    if (scheduleId) this.evaluate(scheduleId);
  }

  private executionStatus = (uuid: string): ExecutionStatus | undefined => {
    const s = this.state.get(uuid);
    if (!s) return undefined;
    const c = contextOf(s);
    return { status: statusOf(s), comment: c.comment, ...(c.finishedAt ? { finishedAt: c.finishedAt } : {}) };
  };

  /** Decisions of one schedule run one at a time, in order. */
  private evaluate(id: string): void {
    const previous = this.chains.get(id) ?? Promise.resolve();
    const next = previous
      .then(() => this.step(id))
      .catch((err) => this.deps.log.error({ scheduleId: id, err }, 'schedule step failed'));
    this.chains.set(id, next);
  }

  private async step(id: string): Promise<void> {
    if (!this.live) return;
    const schedule = this.state.schedule(id);
    if (!schedule) return;
    this.timers.get(id)?.();
    this.timers.delete(id);
    const now = this.clock.now();
    const decision = decideSchedule(schedule, this.executionStatus, now);
    switch (decision.kind) {
      case 'idle':
        return;
      case 'wait':
        this.timers.set(id, this.clock.setTimer(() => this.evaluate(id), Math.max(0, decision.until - now)));
        return;
      case 'pause': {
        const { seq } = await this.deps.events.appendSchedule(id, 'schedule-paused', { reason: decision.reason, commandUuid: decision.commandUuid }, { actor: 'scheduler' });
        await this.state.waitFor(seq);
        this.deps.log.warn({ scheduleId: id, reason: decision.reason }, 'schedule paused');
        return;
      }
      case 'start': {
        const { seq } = await this.deps.events.appendSchedule(id, 'execution-started', { n: decision.n, commandUuid: decision.commandUuid }, { actor: 'scheduler' });
        await this.state.waitFor(seq);
        const execution = this.state.schedule(id)!.executions.at(-1)!;
        await this.queue(schedule, execution);
        return;
      }
      case 'queue':
        await this.queue(schedule, decision.execution);
        return;
    }
  }

  private async queue(schedule: ScheduleState, execution: Execution): Promise<void> {
    const r = schedule.request;
    await this.deps.secrets.put(execution.commandUuid, await this.deps.secrets.get(schedule.scheduleId));
    const { seq } = await this.deps.events.append(execution.commandUuid, 'queued', {
      service: r.service,
      ...(r.connectors ? { connectors: r.connectors } : {}),
      rows: r.rows,
      batches: r.batches,
      threads: r.threads,
      ...seeding(r.seed, () => executionSeed(schedule.scheduleId, execution.n)),
      model: r.model,
      properties: { ...r.properties, [SCHEDULE_EXECUTION_PROPERTY]: String(execution.n) },
      owner: r.owner,
      scheduleId: schedule.scheduleId,
      ...(r.output ? { output: { ...r.output, execution: execution.n } } : {}),
      ...(r.outputs ? { outputs: r.outputs.map((o) => ({ ...o, execution: execution.n })) } : {}),
      ...(r.shardRows !== undefined ? { shardRows: r.shardRows } : {}),
      ...(r.rate ? { rate: r.rate } : {}),
    }, { actor: 'scheduler' });
    await this.state.waitFor(seq);
    this.deps.log.info({ scheduleId: schedule.scheduleId, commandUuid: execution.commandUuid, execution: execution.n }, 'scheduled execution queued');
  }
}
