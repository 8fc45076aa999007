/**
 * The command process manager: folds every command's events into a pure state (src/command/) and carries out
 * what the machine and src/command/decide.ts decide, on the live path only (append lifecycle events, run sink
 * prepare/finalize, enqueue batches).
 * It is the single writer of lifecycle events. Intents of one command run one at a time, in order.
 * Like a Temporal workflow, it only orchestrates: generating and writing rows are the workers' activities.
 */
import type { Logger } from 'pino';
import { shardRowsOf } from '../command/command-layout.js';
import { evolve, type CommandState } from '../command/command-state.js';
import { decideDeadLetter, decideDispatch, decideResume, failureReason, isTerminal, removesPartialOutput, type BatchOrder } from '../command/decide.js';
import { decideStart } from '../command/dependencies.js';
import { contextOf, foldEvents, statusOf, type Intent } from '../command/fold.js';
import type { CommandStatus } from '../../machines/command.machine.js';
import type { StoredEvent } from '../events/types.js';
import type { Activities } from '../activities/activities.js';
import { applyCredentials } from '../credentials/apply.js';
import type { CredentialVault } from '../credentials/vault.js';
import { sleep, systemClock, type Clock } from '../ports/clock.js';
import { followCaughtUp, type EventLog, type Unsubscribe } from '../ports/event-log.js';
import type { ModelStore } from '../ports/model-store.js';
import type { SecretStore } from '../ports/secret-store.js';
import type { SnapshotStore } from '../ports/snapshot-store.js';
import type { DeadLetter, WorkItem, WorkQueue } from '../ports/work-queue.js';
import { DependencyWaits } from './dependency-waits.js';
import { OrchestratorSnapshots } from './orchestrator-snapshots.js';
import { sinkContext } from '../sinks/context.js';
import { sinkFor } from '../sinks/registry.js';
import type { SinkContext, SinkSettings } from '../sinks/types.js';
import { scrubSecrets, secretValuesOf } from '../secrets.js';
import { modelSecretValues } from '../secrets/model-secrets.js';

export interface OrchestratorDeps {
  events: EventLog;
  work: WorkQueue;
  models: ModelStore;
  secrets: SecretStore;
  settings: (overrides: Record<string, string>) => SinkSettings;
  /** Opens the credentials a command names; absent: a command with credentials fails its sink steps. */
  credentialVault?: CredentialVault;
  /** Runs a sink's prepare, finalize or abort (off the orchestrator's thread in production). */
  activities: Pick<Activities, 'runSinkStep'>;
  log: Logger;
  clock?: Clock;
  /** Where it starts from instead of the whole log, and events between snapshots (src/orchestrator/orchestrator-snapshots.ts). */
  snapshots?: SnapshotStore;
  snapshotEvery?: number;
}

interface Tracked {
  /** The command's state: a pure fold of its events and of this orchestrator's dispatch decisions. */
  state: CommandState;
  chain: Promise<void>;
}

export class Orchestrator {
  private readonly commands = new Map<string, Tracked>();
  private live = false;
  private stopFollowing?: Unsubscribe;
  private stopDeadLetters?: Unsubscribe;
  private readonly clock: Clock;
  private readonly startedAt: number;
  private readonly snapshots: OrchestratorSnapshots;
  /** Commands waiting in QUEUED for others (`after`), and how those ended. */
  private readonly waits = new DependencyWaits();

  constructor(private readonly deps: OrchestratorDeps) {
    this.clock = deps.clock ?? systemClock;
    this.startedAt = this.clock.now();
    this.snapshots = new OrchestratorSnapshots(deps.snapshots, deps.snapshotEvery ?? 10_000, deps.log);
  }

  async start(): Promise<void> {
    const restored = await this.snapshots.load();
    for (const [uuid, state] of restored.states) this.commands.set(uuid, { state, chain: Promise.resolve() });
    this.stopFollowing = await followCaughtUp(this.deps.events, (e: StoredEvent) => {
      this.snapshots.observe(e);
      this.onEvent(e);
    }, { fromSeq: restored.seq + 1 });
    this.snapshots.seed([...this.commands].map(([uuid, t]) => [uuid, t.state]));
    this.live = true;
    this.stopDeadLetters = this.deps.work.onDeadLetter((dead) => this.onDeadLetter(dead), (err) => this.deps.log.warn({ err }, 'could not handle a dead work item'));
    for (const [uuid, t] of this.commands) this.resume(uuid, t);
  }

  /**
   * A batch whose every delivery ended without a report (its workers were killed or timed out) is a dead letter
   * after max_deliver: the command fails with that cause.
   */
  private async onDeadLetter({ commandUuid: uuid, batch, shard, deliveries }: DeadLetter): Promise<void> {
    const report = decideDeadLetter(this.commands.get(uuid)?.state, batch, deliveries, shard);
    if (report) await this.deps.events.append(uuid, 'batch-failed', report, { actor: 'orchestrator' });
  }

  async stop(): Promise<void> {
    this.live = false;
    await this.stopDeadLetters?.();
    await this.stopFollowing?.();
    await Promise.allSettled([...this.commands.values()].map((t) => t.chain));
    await Promise.allSettled(this.aborts);
    await this.snapshots.save();
  }

  /** Sink aborts under way (removing a FAILED or CANCELLED command's partial output). */
  private readonly aborts = new Set<Promise<void>>();

  /** Once, best effort: a failed cleanup is logged, never retried into the command's (final) history. */
  private abortSink(uuid: string, t: Tracked): void {
    const run = (async () => {
      try {
        await this.withContext(uuid, t, (ctx) => this.deps.activities.runSinkStep('abort', ctx.service, ctx.sink));
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
    const result = evolve(tracked?.state, event);
    if (!result.accepted) {
      if (this.live) this.deps.log.debug({ commandUuid: uuid, event: event.type, reason: result.reason }, 'event rejected by the machine');
      return;
    }
    const t: Tracked = tracked ?? { state: result.state, chain: Promise.resolve() };
    t.state = result.state;
    this.commands.set(uuid, t);
    const status = statusOf(t.state.command);
    if (isTerminal(status)) {
      // Terminal: nothing more to orchestrate; keep memory bounded.
      this.commands.delete(uuid);
      this.waits.forget(uuid);
      const waiting = this.waits.ended(uuid, status);
      if (!this.live) return;
      if (removesPartialOutput(t.state)) this.abortSink(uuid, t);
      // Those waiting for it decide again (each in its own turn).
      for (const w of waiting) {
        const wt = this.commands.get(w);
        if (wt) this.run(w, wt, 'startCommand');
      }
      return;
    }
    if (this.live) for (const intent of result.intents) this.run(uuid, t, intent);
  }

  /** After a restart: pick every unfinished command up where its events left it. */
  private resume(uuid: string, t: Tracked): void {
    const { state, intents } = decideResume(t.state);
    t.state = state;
    this.deps.log.info({ commandUuid: uuid, status: statusOf(state.command), intents }, 'resuming command');
    for (const intent of intents) this.run(uuid, t, intent);
  }

  /**
   * Runs an intent after the command's previous ones. What it does is decided once, when its turn comes; the
   * I/O that carries it out is retried until it succeeds (NATS unreachable).
   */
  private run(uuid: string, t: Tracked, intent: Intent): void {
    t.chain = t.chain.then(async () => {
      if (!this.live) return;
      const step = this.stepFor(uuid, t, intent);
      for (let attempt = 1; this.live; attempt++) {
        try {
          await step();
          return;
        } catch (err) {
          this.deps.log.warn({ commandUuid: uuid, intent, attempt, err: (err as Error).message }, 'orchestration step failed; retrying');
          await sleep(this.clock, Math.min(5000, 200 * 2 ** Math.min(attempt, 5)));
        }
      }
    });
  }

  /** The I/O that carries an intent out. */
  private stepFor(uuid: string, t: Tracked, intent: Intent): () => Promise<void> {
    const { events } = this.deps;
    const causation = { actor: 'orchestrator' };
    switch (intent) {
      case 'startCommand':
        return () => this.startWhenReady(uuid, t);
      case 'prepareSink':
        return async () => {
          if (await this.sinkStep(uuid, t, 'prepare')) await events.append(uuid, 'running', {}, causation);
        };
      case 'dispatchBatches':
        return this.dispatch(uuid, t);
      case 'finishCommand':
        return async () => {
          if (await this.sinkStep(uuid, t, 'finalize')) await events.append(uuid, 'finished', { rows: contextOf(t.state.command).rowsWritten }, causation);
        };
      case 'failCommand': {
        const reason = failureReason(t.state);
        return async () => void (await events.append(uuid, 'failed', { reason }, causation));
      }
      case 'cancelCommand':
        return async () => void (await events.append(uuid, 'cancelled', { reason: 'cancelled' }, causation));
    }
  }

  /**
   * Starts a QUEUED command unless it waits for others (`after`): then it is registered as waiting first, so a
   * dependency ending while their statuses are read asks again; one that ended otherwise than FINISHED fails it.
   */
  private async startWhenReady(uuid: string, t: Tracked): Promise<void> {
    const causation = { actor: 'orchestrator' };
    const queued = () => statusOf(t.state.command) === 'QUEUED' && !contextOf(t.state.command).cancelRequested;
    if (!queued()) return;
    const { after } = contextOf(t.state.command);
    if (after?.length) {
      this.waits.wait(uuid, after);
      const statuses = await this.dependencyStatuses(after);
      if (!queued()) return this.waits.forget(uuid);
      const decision = decideStart(after, (dep) => statuses.get(dep));
      if (decision.kind === 'wait') {
        this.deps.log.info({ commandUuid: uuid, waitingFor: decision.waitingFor }, 'command waits for the commands it runs after');
        return;
      }
      this.waits.forget(uuid);
      if (decision.kind === 'fail') {
        await this.deps.events.append(uuid, 'failed', { reason: decision.reason }, causation);
        return;
      }
    }
    await this.deps.events.append(uuid, 'starting', {}, causation);
  }

  /**
   * Each dependency's status: an open command's from memory, an ended one's from the outcomes kept for waiters,
   * else from its history in the log (it ended before: forgotten, or before the snapshot this process started from).
   */
  private async dependencyStatuses(after: readonly string[]): Promise<Map<string, CommandStatus | undefined>> {
    const statuses = new Map<string, CommandStatus | undefined>();
    for (const dep of after) {
      if (this.commands.has(dep) || this.waits.outcome(dep)) continue;
      const folded = foldEvents(await this.deps.events.readCommand(dep));
      statuses.set(dep, folded && statusOf(folded));
    }
    // Read after the awaits: what is in memory now is newer than any history read above.
    for (const dep of after) {
      const open = this.commands.get(dep);
      const status = open ? statusOf(open.state.command) : this.waits.outcome(dep);
      if (status) statuses.set(dep, status);
    }
    return statuses;
  }

  /** Runs the sink's prepare or finalize; on error, fails the command with a reason naming the sink. */
  private async sinkStep(uuid: string, t: Tracked, step: 'prepare' | 'finalize'): Promise<boolean> {
    let description = contextOf(t.state.command).service;
    let secretValues: string[] = [];
    try {
      await this.withContext(uuid, t, async (ctx) => {
        secretValues = [...secretValuesOf(ctx.sink.settings.properties), ...modelSecretValues(ctx.sink.model)];
        const sink = sinkFor(ctx.service);
        description = sink.describe(ctx.sink);
        await this.deps.activities.runSinkStep(step, ctx.service, ctx.sink);
      });
      return true;
    } catch (err) {
      const reason = scrubSecrets(`${description}: ${step} failed: ${(err as Error).message}`, secretValues);
      this.deps.log.warn({ commandUuid: uuid }, reason);
      await this.deps.events.append(uuid, 'failed', { reason }, { actor: 'orchestrator' });
      return false;
    }
  }

  /** Runs `use` on the command's sink context, its credentials applied (their files only while `use` runs). */
  private async withContext(uuid: string, t: Tracked, use: (ctx: { service: string; sink: SinkContext }) => Promise<void>): Promise<void> {
    const c = contextOf(t.state.command);
    const model = await this.deps.models.getContent(c.model.hash);
    if (!model) throw new Error(`model ${c.model.name} (${c.model.hash}) is missing from the model store`);
    const secrets = await this.deps.secrets.get(uuid);
    const applied = await applyCredentials(this.deps.credentialVault, model, this.deps.settings({ ...c.properties, ...secrets }), { materialise: true });
    try {
      await use({ service: c.service, sink: sinkContext(uuid, applied.model, c.rows, c.batches, applied.settings, shardRowsOf(c), c.connectors) });
    } finally {
      await applied.release();
    }
  }


  /**
   * Decides now which batches to send (the window of `threads`) and returns their sending, which a retry
   * resumes at the first batch not yet sent.
   */
  private dispatch(uuid: string, t: Tracked): () => Promise<void> {
    const decision = decideDispatch(t.state);
    t.state = decision.state;
    const generation = decision.replace ? `r${this.startedAt}` : undefined;
    const unsent = [...decision.orders];
    return async () => {
      while (unsent.length) {
        const item = this.workItem(uuid, t, unsent[0]);
        if (generation) await this.deps.work.replace(item, generation);
        else await this.deps.work.enqueue(item);
        unsent.shift();
      }
    };
  }

  /** A sharded command's items carry its shard size, so every worker computes the same row range from it. */
  private workItem(uuid: string, t: Tracked, order: BatchOrder): WorkItem {
    const c = contextOf(t.state.command);
    const shardRows = shardRowsOf(c);
    return {
      commandUuid: uuid,
      batch: order.batch,
      rows: c.rows,
      seed: c.seed,
      service: c.service,
      ...(c.connectors ? { connectors: c.connectors } : {}),
      modelHash: c.model.hash,
      properties: c.properties,
      batches: c.batches,
      referenceTime: Date.parse(c.queuedAt),
      ...(c.wallClock ? { wallClock: true } : {}),
      ...(shardRows !== undefined && order.shard !== undefined ? { shardRows, shard: order.shard } : {}),
      ...(order.priorAttempts !== undefined ? { priorAttempts: order.priorAttempts } : {}),
      // The pace's origin is recorded (the running event), so a new leader hands out the same instants.
      ...(c.rate && c.runningAt ? { pace: { rate: c.rate, startsAt: Date.parse(c.runningAt) } } : {}),
    };
  }
}
