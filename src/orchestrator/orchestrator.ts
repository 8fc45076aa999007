/**
 * The command process manager: folds every command's events through the machine and executes the
 * intents of the live path (append lifecycle events, run sink prepare/finalize, enqueue batches).
 * It is the single writer of lifecycle events. Intents of one command run one at a time, in order.
 * Like a Temporal workflow, it only orchestrates: generating and writing rows are the workers' activities.
 */
import type { JetStreamClient } from '@nats-io/jetstream';
import type { Logger } from 'pino';
import { TERMINAL_STATUSES } from '../../machines/command.machine.js';
import { applyEvent, contextOf, statusOf, type CommandSnapshot, type Intent } from '../events/fold.js';
import type { StoredEvent } from '../events/types.js';
import type { EventStore, Unsubscribe } from '../nats/event-store.js';
import type { ModelStore } from '../nats/model-store.js';
import { enqueueBatch } from '../nats/work-queue.js';
import { sinkContext } from '../sinks/context.js';
import { sinkFor } from '../sinks/registry.js';
import type { SinkContext, SinkSettings } from '../sinks/types.js';

export interface OrchestratorDeps {
  events: EventStore;
  js: JetStreamClient;
  models: ModelStore;
  settings: (overrides: Record<string, string>) => SinkSettings;
  log: Logger;
}

interface Tracked {
  snapshot: CommandSnapshot;
  /** Batches enqueued by this process and not yet reported completed. */
  inFlight: Set<number>;
  /** Lowest batch index not yet considered for dispatch. */
  nextBatch: number;
  chain: Promise<void>;
  lastFailure?: string;
}

export class Orchestrator {
  private readonly commands = new Map<string, Tracked>();
  private live = false;
  private stopFollowing?: Unsubscribe;

  constructor(private readonly deps: OrchestratorDeps) {}

  async start(): Promise<void> {
    let resolveCaughtUp!: () => void;
    const caughtUp = new Promise<void>((r) => (resolveCaughtUp = r));
    this.stopFollowing = await this.deps.events.follow((e) => this.onEvent(e), { onCaughtUp: () => resolveCaughtUp() });
    await caughtUp;
    this.live = true;
    for (const [uuid, t] of this.commands) this.resume(uuid, t);
  }

  async stop(): Promise<void> {
    await this.stopFollowing?.();
    await Promise.allSettled([...this.commands.values()].map((t) => t.chain));
  }

  private onEvent(event: StoredEvent): void {
    const uuid = event.meta.commandUuid;
    const tracked = this.commands.get(uuid);
    const result = applyEvent(tracked?.snapshot, event);
    if (!result.accepted) {
      if (this.live) this.deps.log.debug({ commandUuid: uuid, event: event.type, reason: result.reason }, 'event rejected by the machine');
      return;
    }
    const t: Tracked = tracked ?? { snapshot: result.snapshot, inFlight: new Set(), nextBatch: 0, chain: Promise.resolve() };
    t.snapshot = result.snapshot;
    this.commands.set(uuid, t);
    if (event.type === 'batch-completed') t.inFlight.delete(event.data.batch);
    if (event.type === 'batch-failed' && event.data.final) t.lastFailure = `batch ${event.data.batch} failed after ${event.data.attempt} attempts: ${event.data.error}`;
    if (TERMINAL_STATUSES.includes(statusOf(t.snapshot) as never)) {
      // Terminal: nothing more to orchestrate; keep memory bounded.
      this.commands.delete(uuid);
      return;
    }
    if (this.live) for (const intent of result.intents) this.run(uuid, t, intent);
  }

  /** After a restart: pick every unfinished command up where its events left it. */
  private resume(uuid: string, t: Tracked): void {
    const c = contextOf(t.snapshot);
    if (c.cancelRequested) return this.run(uuid, t, 'cancelCommand');
    const status = statusOf(t.snapshot);
    this.deps.log.info({ commandUuid: uuid, status }, 'resuming command');
    if (status === 'QUEUED') this.run(uuid, t, 'startCommand');
    else if (status === 'STARTING') this.run(uuid, t, 'prepareSink');
    else if (status === 'RUNNING') this.run(uuid, t, c.completedCount === c.batches ? 'finishCommand' : 'dispatchBatches');
  }

  private run(uuid: string, t: Tracked, intent: Intent): void {
    t.chain = t.chain
      .then(() => this.execute(uuid, t, intent))
      .catch((err) => this.deps.log.error({ commandUuid: uuid, intent, err }, 'orchestration step failed'));
  }

  private async execute(uuid: string, t: Tracked, intent: Intent): Promise<void> {
    const { events } = this.deps;
    const causation = { actor: 'orchestrator' };
    switch (intent) {
      case 'startCommand':
        await events.append(uuid, 'starting', {}, causation);
        return;
      case 'prepareSink': {
        const step = await this.sinkStep(uuid, t, 'prepare');
        if (step) await events.append(uuid, 'running', {}, causation);
        return;
      }
      case 'dispatchBatches':
        await this.dispatch(uuid, t);
        return;
      case 'finishCommand': {
        const step = await this.sinkStep(uuid, t, 'finalize');
        if (step) await events.append(uuid, 'finished', { rows: contextOf(t.snapshot).rowsWritten }, causation);
        return;
      }
      case 'failCommand':
        await events.append(uuid, 'failed', { reason: t.lastFailure ?? 'a batch failed' }, causation);
        return;
      case 'cancelCommand':
        await events.append(uuid, 'cancelled', { reason: 'cancelled' }, causation);
        return;
    }
  }

  /** Runs the sink's prepare or finalize; on error, fails the command with a reason naming the sink. */
  private async sinkStep(uuid: string, t: Tracked, step: 'prepare' | 'finalize'): Promise<boolean> {
    let description = contextOf(t.snapshot).service;
    try {
      const ctx = await this.contextFor(uuid, t);
      const sink = sinkFor(ctx.service);
      description = sink.describe(ctx.sink);
      await sink[step](ctx.sink);
      return true;
    } catch (err) {
      const reason = `${description}: ${step} failed: ${(err as Error).message}`;
      this.deps.log.warn({ commandUuid: uuid, err }, reason);
      await this.deps.events.append(uuid, 'failed', { reason }, { actor: 'orchestrator' });
      return false;
    }
  }

  private async contextFor(uuid: string, t: Tracked): Promise<{ service: string; sink: SinkContext }> {
    const c = contextOf(t.snapshot);
    const model = await this.deps.models.getContent(c.model.hash);
    if (!model) throw new Error(`model ${c.model.name} (${c.model.hash}) is missing from the model store`);
    return { service: c.service, sink: sinkContext(uuid, model, c.rows, c.batches, this.deps.settings(c.properties)) };
  }

  /** Keeps at most `threads` batches of the command in flight. */
  private async dispatch(uuid: string, t: Tracked): Promise<void> {
    const c = contextOf(t.snapshot);
    if (c.cancelRequested || statusOf(t.snapshot) !== 'RUNNING') return;
    while (t.inFlight.size < c.threads && t.nextBatch < c.batches) {
      const batch = t.nextBatch++;
      if (String(batch) in c.completed) continue;
      t.inFlight.add(batch);
      await enqueueBatch(this.deps.js, {
        commandUuid: uuid,
        batch,
        rows: c.rows,
        seed: c.seed,
        service: c.service,
        modelHash: c.model.hash,
        properties: c.properties,
        batches: c.batches,
      });
    }
  }
}
