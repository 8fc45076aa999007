/**
 * The worker role: `slots` generator actors, each pulling one work item at a time from the shared durable
 * consumer, heartbeating it with working() while its thread generates and writes, then appending
 * batch-completed and only then acking. A failed attempt is reported and retried (nak with backoff);
 * the last allowed attempt is reported final and terminated, which fails the command.
 */
import type { Consumer, JetStreamClient, JsMsg } from '@nats-io/jetstream';
import type { Logger } from 'pino';
import os from 'node:os';
import type { EventStore } from '../nats/event-store.js';
import type { ModelStore } from '../nats/model-store.js';
import type { SecretStore } from '../nats/secret-store.js';
import type { WorkQueueSettings } from '../nats/streams.js';
import { workConsumer, type WorkItem } from '../nats/work-queue.js';
import type { SinkSettings } from '../sinks/types.js';
import { GeneratorThread, type Budget } from './generator-pool.js';
import { ThreadDiedError, type ThreadLimits } from './thread-limits.js';
import { scrubSecrets, secretValuesOf } from '../secrets.js';
import { modelSecretValues } from '../secrets/model-secrets.js';

export interface WorkerDeps {
  js: JetStreamClient;
  events: EventStore;
  models: ModelStore;
  secrets: SecretStore;
  settings: (overrides: Record<string, string>) => SinkSettings;
  compileDirs: string[];
  work: WorkQueueSettings;
  slots: number;
  /** Limits of the generator threads, and the time budget of one batch attempt. */
  threads: { limits: ThreadLimits; timeoutSeconds: number };
  log: Logger;
  /** Identifies this process in batch-completed events. */
  id?: string;
}

export class Worker {
  readonly id: string;
  private running = false;
  private loops: Promise<void>[] = [];
  private consumer?: Consumer;
  private readonly threads: GeneratorThread[] = [];
  private inFlight = 0;

  constructor(private readonly deps: WorkerDeps) {
    this.id = deps.id ?? `${os.hostname()}:${process.pid}`;
  }

  async start(): Promise<void> {
    this.consumer = await workConsumer(this.deps.js);
    this.running = true;
    for (let slot = 0; slot < this.deps.slots; slot++) {
      this.threads[slot] = this.newThread();
      this.loops.push(this.loop(slot));
    }
    this.deps.log.info({ workerId: this.id, slots: this.deps.slots }, 'worker started');
  }

  /** Stops pulling, lets in-flight batches finish (or be redelivered elsewhere), closes the threads. */
  async stop(): Promise<void> {
    this.running = false;
    await Promise.allSettled(this.loops);
    await Promise.allSettled(this.threads.map((t) => t.close()));
  }

  get busySlots(): number {
    return this.inFlight;
  }

  private async loop(slot: number): Promise<void> {
    while (this.running) {
      let m: JsMsg | null = null;
      try {
        m = await this.consumer!.next({ expires: 2000 });
      } catch (err) {
        // Missed heartbeats or a reconnect: pull again shortly (nats.js v3 rejects instead of returning null).
        this.deps.log.debug({ err, slot }, 'pull failed; retrying');
        await sleep(250);
        continue;
      }
      if (!m) continue;
      this.inFlight++;
      try {
        await this.handle(slot, m);
      } finally {
        this.inFlight--;
      }
    }
  }

  private async handle(slot: number, m: JsMsg): Promise<void> {
    let item: WorkItem;
    try {
      item = m.json<WorkItem>();
    } catch {
      m.term('not a work item');
      return;
    }
    const workerId = `${this.id}/${slot}`;
    // A re-sent batch keeps counting: a poison batch is not granted new attempts by every restart.
    const attempt = (item.priorAttempts ?? 0) + m.info.deliveryCount;
    const log = this.deps.log.child({ commandUuid: item.commandUuid, batch: item.batch, workerId });
    if (await this.commandEnded(item.commandUuid)) {
      // Cancelled or failed since this batch was queued: never start new work for it.
      log.info('skipping a batch of an ended command');
      m.term('command ended');
      return;
    }
    const heartbeat = setInterval(() => m.working(), Math.max(1000, (this.deps.work.ackWaitSeconds * 1000) / 3));
    const started = performance.now();
    let secretValues: string[] = [];
    try {
      const model = await this.deps.models.getContent(item.modelHash);
      if (!model) throw new Error(`model ${item.modelHash} is missing from the model store`);
      const secrets = await this.deps.secrets.get(item.commandUuid);
      const settings = this.deps.settings({ ...item.properties, ...secrets });
      // Every secret the sink could quote in an error: the service's, the command's and the model's.
      secretValues = [...secretValuesOf(settings.properties, secrets), ...modelSecretValues(model)];
      const result = await this.thread(slot).run({ item, settings, compileDirs: this.deps.compileDirs }, model, this.budget());
      await this.deps.events.append(item.commandUuid, 'batch-completed', {
        batch: item.batch,
        rows: result.rows,
        workerId,
        ...(result.bytes !== undefined ? { bytes: result.bytes } : {}),
        ...(result.location ? { location: result.location } : {}),
        durationMs: Math.round(performance.now() - started),
      }, { actor: workerId });
      m.ack();
      log.debug({ rows: result.rows }, 'batch completed');
    } catch (err) {
      if (this.threads[slot].isDead) this.threads[slot] = this.newThread(); // booting while the failure is reported
      await this.reportFailure(m, item, workerId, attempt, new Error(scrubSecrets(failureText(err), secretValues)), log);
    } finally {
      clearInterval(heartbeat);
    }
  }

  private async reportFailure(m: JsMsg, item: WorkItem, workerId: string, attempt: number, err: Error, log: Logger): Promise<void> {
    const final = attempt >= this.deps.work.maxDeliver;
    log.warn({ err: err.message, attempt, final }, 'batch failed');
    try {
      await this.deps.events.append(item.commandUuid, 'batch-failed', { batch: item.batch, workerId, error: err.message, attempt, final }, { actor: workerId });
    } catch (appendErr) {
      // Cannot record the failure (NATS down): leave the item unacked so it is redelivered.
      log.warn({ err: appendErr }, 'could not record the batch failure');
      return;
    }
    if (final) m.term(err.message);
    else m.nak(Math.min(10_000, 500 * 2 ** (attempt - 1)));
  }

  private async commandEnded(uuid: string): Promise<boolean> {
    try {
      const [cancel, failed] = await Promise.all([this.deps.events.has(uuid, 'cancel-requested'), this.deps.events.has(uuid, 'failed')]);
      return cancel || failed;
    } catch {
      return false; // cannot tell: run the batch, the machine ignores its report if the command has ended
    }
  }

  private thread(slot: number): GeneratorThread {
    let t = this.threads[slot];
    if (t.isDead) t = this.threads[slot] = this.newThread();
    return t;
  }

  private newThread(): GeneratorThread {
    return new GeneratorThread({ limits: this.deps.threads.limits, label: 'generator thread' });
  }

  private budget(): Budget {
    const s = this.deps.threads.timeoutSeconds;
    return { ms: s * 1000, message: `the batch exceeded its time budget of ${s} s (DATAGEN_BATCH_TIMEOUT_SECONDS)` };
  }
}

/** A thread killed by the batch's memory needs says what to change; anything else as it is. */
function failureText(err: unknown): string {
  if (err instanceof ThreadDiedError && err.death === 'memory') return `${err.message}: the batch needs more memory than a thread may use; use fewer rows per batch`;
  return (err as Error)?.message ?? String(err);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
