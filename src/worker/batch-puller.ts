/**
 * The worker role: `slots` generator actors, each pulling one work item at a time from the work queue,
 * heartbeating it while the batch activity generates and writes (reporting rows written, batch-progress, at most
 * once a second), then appending batch-completed and only then acking. An item of a sharded batch is one shard. A failed attempt is reported and retried (nak with backoff); the last allowed attempt is reported
 * final and terminated, which fails the command.
 */
import type { Logger } from 'pino';
import os from 'node:os';
import type { Activities } from '../activities/activities.js';
import { applyCredentials } from '../credentials/apply.js';
import type { CredentialVault } from '../credentials/vault.js';
import { decideWorkItem, type CommandEnding } from '../command/decide.js';
import { shardCount, shardRange } from '../command/shards.js';
import type { ShardOf } from '../events/types.js';
import { every, sleep, systemClock, type Clock } from '../ports/clock.js';
import type { EventLog } from '../ports/event-log.js';
import type { ModelStore } from '../ports/model-store.js';
import type { SecretStore } from '../ports/secret-store.js';
import type { WorkDelivery, WorkItem, WorkQueue, WorkQueueSettings } from '../ports/work-queue.js';
import type { SinkSettings } from '../sinks/types.js';
import { scrubSecrets, secretValuesOf } from '../secrets.js';
import { modelSecretValues } from '../secrets/model-secrets.js';
import { ProgressReporter } from './progress-reporter.js';
import { DEFAULT_STORE_RETRY, retryWhileUnavailable, type RetryPolicy } from './retry-while-unavailable.js';

const PULL_EXPIRES_MS = 2000;
const PULL_RETRY_MS = 250;
/** A running batch (or shard) reports its rows written at most this often. */
const PROGRESS_INTERVAL_MS = 1000;
/** How often a running paced batch looks whether its command ended. */
const ENDING_CHECK_MS = 1000;

export interface BatchPullerDeps {
  events: EventLog;
  work: WorkQueue;
  /** The queue's ack wait (heartbeats come three times within it) and attempts per batch. */
  workSettings: WorkQueueSettings;
  models: ModelStore;
  secrets: SecretStore;
  activities: Activities;
  settings: (overrides: Record<string, string>) => SinkSettings;
  /** Opens the credentials a command names; absent: a command with credentials fails its batches. */
  credentialVault?: CredentialVault;
  compileDirs: string[];
  slots: number;
  log: Logger;
  /** Identifies this process in batch events. */
  id?: string;
  clock?: Clock;
  /** How long calls to the shared stores are retried while they are unreachable (default: two minutes). */
  storeRetry?: RetryPolicy;
}

export class BatchPuller {
  readonly id: string;
  private running = false;
  private loops: Promise<void>[] = [];
  private inFlight = 0;
  private readonly clock: Clock;

  constructor(private readonly deps: BatchPullerDeps) {
    this.id = deps.id ?? `${os.hostname()}:${process.pid}`;
    this.clock = deps.clock ?? systemClock;
  }

  start(): void {
    this.running = true;
    for (let slot = 0; slot < this.deps.slots; slot++) this.loops.push(this.loop(slot));
    this.deps.log.info({ workerId: this.id, slots: this.deps.slots }, 'worker started');
  }

  /** Stops pulling and lets in-flight batches finish (or be redelivered elsewhere). */
  async stop(): Promise<void> {
    this.running = false;
    await Promise.allSettled(this.loops);
  }

  get busySlots(): number {
    return this.inFlight;
  }

  private async loop(slot: number): Promise<void> {
    while (this.running) {
      let delivery: WorkDelivery | null;
      try {
        delivery = await this.deps.work.pull(PULL_EXPIRES_MS);
      } catch (err) {
        this.deps.log.debug({ err, slot }, 'pull failed; retrying');
        await sleep(this.clock, PULL_RETRY_MS);
        continue;
      }
      if (!delivery) continue;
      this.inFlight++;
      try {
        await this.handle(slot, delivery);
      } finally {
        this.inFlight--;
      }
    }
  }

  private async handle(slot: number, delivery: WorkDelivery): Promise<void> {
    const { item } = delivery;
    const workerId = `${this.id}/${slot}`;
    // A re-sent batch keeps counting: a poison batch is not granted new attempts by every restart.
    const attempt = (item.priorAttempts ?? 0) + delivery.deliveryCount;
    const log = this.deps.log.child({ commandUuid: item.commandUuid, batch: item.batch, ...(item.shard !== undefined ? { shard: item.shard } : {}), workerId });
    const decision = decideWorkItem(await this.endingOf(item.commandUuid));
    if (!decision.run) {
      // Cancelled or failed since this batch was queued: never start new work for it.
      log.info('skipping a batch of an ended command');
      delivery.term(decision.reason);
      return;
    }
    const stopHeartbeat = every(this.clock, Math.max(1000, (this.deps.workSettings.ackWaitSeconds * 1000) / 3), () => delivery.heartbeat());
    const started = performance.now();
    const progress = this.progressOf(item, workerId, log);
    // A paced batch may run long: a cancel (or failure) of its command stops it rather than waiting for its end.
    const stop = item.pace ? this.watchEnding(item.commandUuid) : undefined;
    let secretValues: string[] = [];
    let releaseCredentials = async () => {};
    try {
      const stored = await this.store(() => this.deps.models.getContent(item.modelHash), 'reading the model', log);
      if (!stored) throw new Error(`model ${item.modelHash} is missing from the model store`);
      const secrets = await this.store(() => this.deps.secrets.get(item.commandUuid), 'reading the command\'s secrets', log);
      // The command's credentials, their files written for this batch only.
      const read = (name: string) => this.store(async () => this.deps.credentialVault?.store.get(name), 'reading the command\'s credentials', log);
      const { model, settings, release } = await applyCredentials(this.deps.credentialVault, stored, this.deps.settings({ ...item.properties, ...secrets }), { materialise: true, read });
      releaseCredentials = release;
      // Every secret the sink could quote in an error: the service's, the command's and the model's.
      secretValues = [...secretValuesOf(settings.properties, secrets), ...modelSecretValues(stored)];
      const result = await this.deps.activities.runBatch({ item, model, settings, compileDirs: this.deps.compileDirs }, (rows) => progress.update(rows), stop?.signal);
      await progress.stop();
      const completed = {
        batch: item.batch,
        ...shardOf(item),
        rows: result.rows,
        workerId,
        ...(result.bytes !== undefined ? { bytes: result.bytes } : {}),
        ...(result.location ? { location: result.location } : {}),
        ...(result.sinks ? { sinks: result.sinks } : {}),
        ...(result.faults ? { faults: result.faults } : {}),
        ...(result.llm ? { llm: result.llm } : {}),
        durationMs: Math.round(performance.now() - started),
      };
      try {
        await this.store(() => this.deps.events.append(item.commandUuid, 'batch-completed', completed, { actor: workerId }), 'recording the batch completion', log);
      } catch (appendErr) {
        // The rows are written but the fact could not be recorded: the delivery lapses and the batch runs again.
        log.warn({ err: appendErr }, 'could not record the batch completion');
        return;
      }
      delivery.ack();
      log.debug({ rows: result.rows }, 'batch completed');
    } catch (err) {
      await progress.stop();
      if (stop?.signal.aborted) {
        log.info('stopped a paced batch of an ended command');
        delivery.term('command ended');
        return;
      }
      await this.reportFailure(delivery, item, workerId, attempt, new Error(scrubSecrets((err as Error)?.message ?? String(err), secretValues)), log);
    } finally {
      stopHeartbeat();
      stop?.cancel();
      await releaseCredentials().catch((err) => log.warn({ err: (err as Error).message }, 'could not remove the credential files of a batch'));
    }
  }

  /** batch-progress events for this attempt: rows written so far, best effort (a lost one is superseded by the next). */
  private progressOf(item: WorkItem, workerId: string, log: Logger): ProgressReporter {
    const rows = shardRange(item.rows, item.shardRows, item.shard ?? 0).rows;
    return new ProgressReporter(this.clock, PROGRESS_INTERVAL_MS, rows, async (written) => {
      try {
        await this.deps.events.append(item.commandUuid, 'batch-progress', { batch: item.batch, ...shardOf(item), rows: written, workerId }, { actor: workerId });
      } catch (err) {
        log.debug({ err }, 'could not record batch progress');
      }
    });
  }

  private async reportFailure(delivery: WorkDelivery, item: WorkItem, workerId: string, attempt: number, err: Error, log: Logger): Promise<void> {
    const final = attempt >= this.deps.workSettings.maxDeliver;
    log.warn({ err: err.message, attempt, final }, 'batch failed');
    try {
      await this.store(() => this.deps.events.append(item.commandUuid, 'batch-failed', { batch: item.batch, ...shardOf(item), workerId, error: err.message, attempt, final }, { actor: workerId }), 'recording the batch failure', log);
    } catch (appendErr) {
      // Cannot record the failure (the event log is unreachable): leave the item unacked so it is redelivered.
      log.warn({ err: appendErr }, 'could not record the batch failure');
      return;
    }
    if (final) delivery.term(err.message);
    else delivery.nak(Math.min(10_000, 500 * 2 ** (attempt - 1)));
  }

  /** Calls a shared store, again and again while it is briefly unreachable (the delivery is heartbeaten meanwhile). */
  private store<T>(call: () => Promise<T>, what: string, log: Logger): Promise<T> {
    return retryWhileUnavailable(call, this.clock, this.deps.storeRetry ?? DEFAULT_STORE_RETRY, () => this.running, (err, n) => {
      log.info({ err: (err as Error)?.message, try: n }, `${what} failed; trying again`);
    });
  }

  /** Aborts its signal once the command of a running batch was cancelled or failed (decideWorkItem), checked every second. */
  private watchEnding(uuid: string): { signal: AbortSignal; cancel: () => void } {
    const controller = new AbortController();
    let checking = false;
    const cancel = every(this.clock, ENDING_CHECK_MS, () => {
      if (checking || controller.signal.aborted) return;
      checking = true;
      void this.endingOf(uuid).then((ending) => {
        if (!decideWorkItem(ending).run) controller.abort();
      }).finally(() => (checking = false));
    });
    return { signal: controller.signal, cancel };
  }

  /** The facts the drop decision needs, in two lookups; undefined when they cannot be read. */
  private async endingOf(uuid: string): Promise<CommandEnding | undefined> {
    try {
      const [cancelRequested, failed] = await Promise.all([this.deps.events.has(uuid, 'cancel-requested'), this.deps.events.has(uuid, 'failed')]);
      return { cancelRequested, failed };
    } catch {
      return undefined;
    }
  }
}

/** The shard a report is about: set for an item of a sharded batch only, so other reports stay as they were. */
function shardOf(item: WorkItem): ShardOf {
  return item.shard === undefined ? {} : { shard: item.shard, shards: shardCount(item.rows, item.shardRows) };
}
