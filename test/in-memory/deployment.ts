/**
 * An in-process deployment for specs: in-memory ports shared by as many orchestrators and batch pullers as a
 * spec starts, activities on the calling thread, the real json file sink into a temporary data directory.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import type { Activities } from '../../src/activities/activities.js';
import { InlineActivities } from '../../src/activities/inline-activities.js';
import type { CommandEventMap, CommandEventType, RateSpec, StoredEvent } from '../../src/events/types.js';
import type { ModelDefinition } from '../../src/model/types.js';
import { commandFilter } from '../../src/events/subjects.js';
import { inMemoryPorts, type InMemoryPorts, type InMemoryPortsOptions } from '../../src/memory/memory-ports.js';
import { parseModelText } from '../../src/model/parse.js';
import { Orchestrator } from '../../src/orchestrator/orchestrator.js';
import type { Clock } from '../../src/ports/clock.js';
import type { EventLog } from '../../src/ports/event-log.js';
import { sinkSettings } from '../../src/sinks/context.js';
import { BatchPuller } from '../../src/worker/batch-puller.js';
import type { RetryPolicy } from '../../src/worker/retry-while-unavailable.js';
import { Collector } from '../contract/collector.js';

export const log = pino({ level: process.env.DATAGEN_LOG_LEVEL ?? 'silent' });

export const MODEL = parseModelText(JSON.stringify({
  model_name: 'spec-model',
  Fields: [{ name: 'id', type: 'INCREMENT_INTEGER' }, { name: 'word', type: 'STRING', length: 6 }],
  Table_Names: { LOCAL_FILE_NAME: 'spec' },
}), 'spec');

interface Stoppable {
  stop(): Promise<void>;
}

export class Deployment {
  readonly ports: InMemoryPorts;
  private readonly stops: Stoppable[] = [];

  private constructor(readonly dataDir: string, options: InMemoryPortsOptions) {
    this.ports = inMemoryPorts(options);
  }

  static async open(options: InMemoryPortsOptions = {}): Promise<Deployment> {
    return new Deployment(await mkdtemp(path.join(os.tmpdir(), 'datagen-spec-')), options);
  }

  settings = (overrides: Record<string, string>) => sinkSettings({ dataDir: this.dataDir, outputRoots: [this.dataDir], properties: {} }, overrides);

  async startOrchestrator(options: { activities?: Activities; clock?: Clock } = {}): Promise<Orchestrator> {
    const orchestrator = new Orchestrator({ ...this.ports, activities: options.activities ?? this.own(new InlineActivities()), settings: this.settings, log, ...(options.clock ? { clock: options.clock } : {}) });
    await orchestrator.start();
    this.stops.push(orchestrator);
    return orchestrator;
  }

  startPuller(options: { id: string; activities?: Activities; clock?: Clock; slots?: number; events?: EventLog; storeRetry?: RetryPolicy }): BatchPuller {
    const puller = new BatchPuller({
      ...this.ports,
      ...(options.events ? { events: options.events } : {}),
      ...(options.storeRetry ? { storeRetry: options.storeRetry } : {}),
      activities: options.activities ?? this.own(new InlineActivities()),
      settings: this.settings,
      compileDirs: [this.dataDir],
      slots: options.slots ?? 1,
      log,
      id: options.id,
      ...(options.clock ? { clock: options.clock } : {}),
    });
    puller.start();
    this.stops.push(puller);
    return puller;
  }

  /** Queues a command as the API does, and answers its uuid. */
  async submit(request: { rows: number; batches: number; threads: number; seed?: number; shardRows?: number; wallClock?: true; rate?: RateSpec; unbounded?: true; model?: ModelDefinition; after?: string[] }): Promise<string> {
    const uuid = this.ports.ids.uuid();
    const model = request.model ?? MODEL;
    const hash = await this.ports.models.putContent(model);
    await this.ports.events.append(uuid, 'queued', {
      service: 'json', rows: request.rows, batches: request.batches, threads: request.threads, seed: request.seed ?? 42,
      model: { name: model.name, hash }, properties: {}, owner: 'spec', ...(request.shardRows !== undefined ? { shardRows: request.shardRows } : {}),
      ...(request.wallClock ? { wallClock: true } : {}),
      ...(request.rate ? { rate: request.rate } : {}), ...(request.unbounded ? { unbounded: true } : {}),
      ...(request.after ? { after: request.after } : {}),
    }, { actor: 'api' });
    return uuid;
  }

  /** Resolves with the command's events once one of `type` is among them. */
  async waitFor<T extends CommandEventType>(uuid: string, type: T): Promise<StoredEvent[]> {
    const events = new Collector<StoredEvent>();
    const stop = await this.ports.events.follow((e) => events.push(e), { filter: commandFilter(uuid) });
    try {
      return await events.until((items) => items.some((e) => e.type === type));
    } finally {
      await stop();
    }
  }

  /** The rows of the command's output files, in batch order. */
  async outputRows(modelName = MODEL.name): Promise<Array<{ id: number }>> {
    const dir = path.join(this.dataDir, 'output', modelName);
    const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
    const rows: Array<{ id: number }> = [];
    for (const f of files) for (const line of (await readFile(path.join(dir, f), 'utf8')).split('\n').filter(Boolean)) rows.push(JSON.parse(line));
    return rows;
  }

  async close(): Promise<void> {
    const stopping = this.stops.reverse().map((s) => s.stop());
    this.ports.work.close();
    await Promise.all(stopping);
    await rm(this.dataDir, { recursive: true, force: true });
  }

  private own(activities: InlineActivities): InlineActivities {
    this.stops.push({ stop: () => activities.close() });
    return activities;
  }
}

export function dataOf<T extends CommandEventType>(events: StoredEvent[], type: T): Array<CommandEventMap[T]> {
  return events.filter((e) => e.type === type).map((e) => e.data as CommandEventMap[T]);
}
