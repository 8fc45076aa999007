/**
 * The command process manager: folds every command's events through the machine and executes the
 * intents of the live path (append lifecycle events, run sink prepare/finalize, enqueue batches).
 * It is the single writer of lifecycle events. Intents of one command run one at a time, in order.
 * Like a Temporal workflow, it only orchestrates: generating and writing rows are the workers' activities.
 */
import type { JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { WORK_CONSUMER, WORK_STREAM } from '../events/subjects.js';
import type { Logger } from 'pino';
import { TERMINAL_STATUSES } from '../../machines/command.machine.js';
import { applyEvent, contextOf, statusOf, type CommandSnapshot, type Intent } from '../command/fold.js';
import type { StoredEvent } from '../events/types.js';
import type { EventStore, Unsubscribe } from '../nats/event-store.js';
import type { ModelStore } from '../nats/model-store.js';
import type { SecretStore } from '../nats/secret-store.js';
import { enqueueBatch, replaceQueuedBatch, type WorkItem } from '../nats/work-queue.js';
import { sinkContext } from '../sinks/context.js';
import { sinkFor } from '../sinks/registry.js';
import type { SinkContext, SinkSettings } from '../sinks/types.js';
import type { SinkStep } from '../worker/batch-job.js';
import { scrubSecrets, secretValuesOf } from '../secrets.js';
import { modelSecretValues } from '../secrets/model-secrets.js';

export interface OrchestratorDeps {
  nc: NatsConnection;
  events: EventStore;
  js: JetStreamClient;
  models: ModelStore;
  secrets: SecretStore;
  settings: (overrides: Record<string, string>) => SinkSettings;
  /** Runs a sink's prepare, finalize or abort (an activity: off the orchestrator's thread in production). */
  runSinkStep: (step: SinkStep, service: string, ctx: SinkContext) => Promise<void>;
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
  /** Batch → its highest failed attempt recorded: a re-sent batch continues counting, it does not start over. */
  failedAttempts: Map<number, number>;
  /** Set on resume: the first dispatch replaces the work items a previous orchestrator queued. */
  replaceQueued?: boolean;
}

export class Orchestrator {
  private readonly commands = new Map<string, Tracked>();
  private live = false;
  private stopFollowing?: Unsubscribe;
  private advisories?: Subscription;
  private readonly startedAt = Date.now();

  constructor(private readonly deps: OrchestratorDeps) {}

  async start(): Promise<void> {
    let resolveCaughtUp!: () => void;
    const caughtUp = new Promise<void>((r) => (resolveCaughtUp = r));
    this.stopFollowing = await this.deps.events.follow((e) => this.onEvent(e), { onCaughtUp: () => resolveCaughtUp() });
    await caughtUp;
    this.live = true;
    this.watchMaxDeliveries();
    for (const [uuid, t] of this.commands) this.resume(uuid, t);
  }

  /**
   * A batch whose every delivery ended without a report (its workers were killed or timed out) is dropped by
   * the consumer after max_deliver; the server says so in an advisory, and the command fails with that cause.
   */
  private watchMaxDeliveries(): void {
    const subject = `$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.${WORK_STREAM}.${WORK_CONSUMER}`;
    this.advisories = this.deps.nc.subscribe(subject, {
      callback: (_err, msg) => {
        const advisory = msg.json<{ stream_seq: number; deliveries: number }>();
        void this.onMaxDeliveries(advisory.stream_seq, advisory.deliveries).catch((err) => this.deps.log.warn({ err }, 'could not handle a max-deliveries advisory'));
      },
    });
  }

  private async onMaxDeliveries(seq: number, deliveries: number): Promise<void> {
    const jsm = await this.deps.js.jetstreamManager();
    const stored = await jsm.streams.getMessage(WORK_STREAM, { seq });
    if (!stored) return;
    const [, , uuid, batchText] = stored.subject.split('.');
    const batch = Number(batchText);
    const t = this.commands.get(uuid);
    if (t && !(String(batch) in contextOf(t.snapshot).completed)) {
      const error = `batch ${batch} was delivered ${deliveries} times without completing: the workers running it stopped or timed out`;
      await this.deps.events.append(uuid, 'batch-failed', { batch, workerId: 'orchestrator', error, attempt: deliveries, final: true }, { actor: 'orchestrator' });
    }
    await jsm.streams.deleteMessage(WORK_STREAM, seq, false).catch(() => {});
  }

  async stop(): Promise<void> {
    this.live = false;
    this.advisories?.unsubscribe();
    await this.stopFollowing?.();
    await Promise.allSettled([...this.commands.values()].map((t) => t.chain));
    await Promise.allSettled(this.aborts);
  }

  /** Sink aborts under way (removing a FAILED or CANCELLED command's partial output). */
  private readonly aborts = new Set<Promise<void>>();

  /** Once, best effort: a failed cleanup is logged, never retried into the command's (final) history. */
  private abortSink(uuid: string, t: Tracked): void {
    const run = (async () => {
      try {
        const ctx = await this.contextFor(uuid, t);
        await this.deps.runSinkStep('abort', ctx.service, ctx.sink);
      } catch (err) {
        this.deps.log.warn({ commandUuid: uuid, err: (err as Error).message }, 'could not remove the partial output of an ended command');
      }
    })();
    this.aborts.add(run);
    void run.finally(() => this.aborts.delete(run));
  }

  private onEvent(event: StoredEvent): void {
    const uuid = event.meta.commandUuid;
    const tracked = this.commands.get(uuid);
    const result = applyEvent(tracked?.snapshot, event);
    if (!result.accepted) {
      if (this.live) this.deps.log.debug({ commandUuid: uuid, event: event.type, reason: result.reason }, 'event rejected by the machine');
      return;
    }
    const t: Tracked = tracked ?? { snapshot: result.snapshot, inFlight: new Set(), nextBatch: 0, chain: Promise.resolve(), failedAttempts: new Map() };
    t.snapshot = result.snapshot;
    this.commands.set(uuid, t);
    if (event.type === 'batch-completed') t.inFlight.delete(event.data.batch);
    if (event.type === 'batch-failed') t.failedAttempts.set(event.data.batch, Math.max(t.failedAttempts.get(event.data.batch) ?? 0, event.data.attempt));
    if (event.type === 'batch-failed' && event.data.final) t.lastFailure = `batch ${event.data.batch} failed after ${event.data.attempt} attempts: ${event.data.error}`;
    if (TERMINAL_STATUSES.includes(statusOf(t.snapshot) as never)) {
      // Terminal: nothing more to orchestrate; keep memory bounded.
      this.commands.delete(uuid);
      if (this.live && statusOf(t.snapshot) !== 'FINISHED') this.abortSink(uuid, t);
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
    else if (status === 'RUNNING') {
      // A batch's last attempt failed while no orchestrator was live: the command fails, its batch is not re-sent.
      if (t.lastFailure) return this.run(uuid, t, 'failCommand');
      t.replaceQueued = true;
      this.run(uuid, t, c.completedCount === c.batches ? 'finishCommand' : 'dispatchBatches');
    }
  }

  /** Runs an intent after the command's previous ones; a step that fails (NATS unreachable) is retried until it succeeds. */
  private run(uuid: string, t: Tracked, intent: Intent): void {
    t.chain = t.chain.then(async () => {
      for (let attempt = 1; this.live; attempt++) {
        try {
          await this.execute(uuid, t, intent);
          return;
        } catch (err) {
          this.deps.log.warn({ commandUuid: uuid, intent, attempt, err: (err as Error).message }, 'orchestration step failed; retrying');
          await new Promise((r) => setTimeout(r, Math.min(5000, 200 * 2 ** Math.min(attempt, 5))));
        }
      }
    });
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
    let secretValues: string[] = [];
    try {
      const ctx = await this.contextFor(uuid, t);
      secretValues = [...secretValuesOf(ctx.sink.settings.properties), ...modelSecretValues(ctx.sink.model)];
      const sink = sinkFor(ctx.service);
      description = sink.describe(ctx.sink);
      await this.deps.runSinkStep(step, ctx.service, ctx.sink);
      return true;
    } catch (err) {
      const reason = scrubSecrets(`${description}: ${step} failed: ${(err as Error).message}`, secretValues);
      this.deps.log.warn({ commandUuid: uuid }, reason);
      await this.deps.events.append(uuid, 'failed', { reason }, { actor: 'orchestrator' });
      return false;
    }
  }

  private async contextFor(uuid: string, t: Tracked): Promise<{ service: string; sink: SinkContext }> {
    const c = contextOf(t.snapshot);
    const model = await this.deps.models.getContent(c.model.hash);
    if (!model) throw new Error(`model ${c.model.name} (${c.model.hash}) is missing from the model store`);
    const secrets = await this.deps.secrets.get(uuid);
    return { service: c.service, sink: sinkContext(uuid, model, c.rows, c.batches, this.deps.settings({ ...c.properties, ...secrets })) };
  }

  /** Keeps at most `threads` batches of the command in flight. */
  private async dispatch(uuid: string, t: Tracked): Promise<void> {
    const c = contextOf(t.snapshot);
    if (c.cancelRequested || statusOf(t.snapshot) !== 'RUNNING') return;
    // After a failover, the first `threads` unfinished batches include every batch the previous orchestrator had
    // in flight: their items are replaced, so none can stay stuck (a batch may then run twice; writes are idempotent).
    const generation = t.replaceQueued ? `r${this.startedAt}` : undefined;
    while (t.inFlight.size < c.threads && t.nextBatch < c.batches) {
      const batch = t.nextBatch;
      if (String(batch) in c.completed) {
        t.nextBatch++;
        continue;
      }
      // Enqueue first, then record: a failed enqueue leaves the state as it was, so a retry re-sends this batch.
      const item: WorkItem = {
        commandUuid: uuid,
        batch,
        rows: c.rows,
        seed: c.seed,
        service: c.service,
        modelHash: c.model.hash,
        properties: c.properties,
        batches: c.batches,
        referenceTime: Date.parse(c.queuedAt),
        ...(t.failedAttempts.has(batch) ? { priorAttempts: t.failedAttempts.get(batch) } : {}),
      };
      if (generation) await replaceQueuedBatch(this.deps.js, item, generation);
      else await enqueueBatch(this.deps.js, item);
      t.inFlight.add(batch);
      t.nextBatch++;
    }
    t.replaceQueued = false;
  }
}
