/**
 * The projector role: keeps a read model folded from DATAGEN_EVENTS. It starts from the last snapshot (when its
 * version is this code's, src/snapshot/fold-version.ts) plus the events after it, and saves a new snapshot
 * every `snapshotEvery` events once caught up, and when stopped cleanly. Snapshots are encoded in slices between
 * events and requests; a missing, outdated or unreadable one means a replay from the start, as before.
 */
import type { Logger } from 'pino';
import { ALL_EVENTS } from '../events/subjects.js';
import { isScheduleEvent } from '../events/schedule-types.js';
import { followCaughtUp, type EventLog, type LoggedEvent, type Unsubscribe } from '../ports/event-log.js';
import type { SnapshotStore } from '../ports/snapshot-store.js';
import { SHUTDOWN_SAVE_MS, withinMs } from '../snapshot/bounded-wait.js';
import { foldVersion } from '../snapshot/fold-version.js';
import type { ReadModel } from './read-model.js';
import { decodeReadModel, encodeReadModel } from './read-model-snapshot.js';

export const READ_MODEL_SNAPSHOT = 'read-model';

/** Another fold of the same events (fed by the read model's listeners) saved and restored with it. */
export interface SnapshotPart {
  name: string;
  /** The module that defines its state (import.meta.url), part of the snapshot's version. */
  module: string;
  /** Its state now, as JSON-ready values that later events do not change. */
  capture(): unknown;
  restore(state: unknown): void;
}

export interface ProjectorDeps {
  events: EventLog;
  snapshots?: SnapshotStore;
  /** Events between snapshots; 0: none. */
  snapshotEvery: number;
  log: Logger;
  parts?: SnapshotPart[];
  /** The snapshot's name: one per fold (the scheduler keeps a read model of its own). */
  name?: string;
  /** Folds an event into the read model, when a role does more than apply it (the scheduler skips most commands). */
  apply?: (e: LoggedEvent) => void;
}

export interface SnapshotFigures {
  seq: number;
  commands: number;
  bytes: number;
  /** Time the event loop was held to capture the state (a copy of references). */
  captureMs: number;
  /** The longest encoding slice: how long the event loop was held at most while encoding. */
  longestSliceMs: number;
  totalMs: number;
}

export class Projector {
  private readonly version: string | undefined;
  private readonly name: string;
  private stopFollowing?: Unsubscribe;
  private caughtUp = false;
  /** Events applied since the last snapshot (or since the start). */
  private sinceSnapshot = 0;
  private saving?: Promise<SnapshotFigures | undefined>;
  /** Sequence the read model started from (0: replayed from the start). */
  restoredSeq = 0;

  constructor(private readonly readModel: ReadModel, private readonly deps: ProjectorDeps) {
    this.version = deps.snapshots ? foldVersion([import.meta.url, ...(deps.parts ?? []).map((p) => p.module)]) : undefined;
    this.name = deps.name ?? READ_MODEL_SNAPSHOT;
  }

  async start(): Promise<void> {
    this.restoredSeq = await this.restore();
    this.stopFollowing = await followCaughtUp<LoggedEvent>(this.deps.events, (e) => this.onEvent(e), { filter: ALL_EVENTS, fromSeq: this.restoredSeq + 1 });
    this.caughtUp = true;
    this.maybeSnapshot();
  }

  async stop(): Promise<void> {
    await this.stopFollowing?.();
    this.caughtUp = false;
    await withinMs<unknown>(this.saving ?? Promise.resolve(), SHUTDOWN_SAVE_MS);
    if (this.sinceSnapshot > 0 && !this.saving) await withinMs(this.snapshot(), SHUTDOWN_SAVE_MS);
  }

  private onEvent(e: LoggedEvent): void | Promise<void> {
    // An evicted ended command is folded again first, so listeners see its state as they always did.
    if (!isScheduleEvent(e) && e.meta?.commandUuid && this.readModel.isEvicted(e.meta.commandUuid)) {
      // A reload that fails (the log unreachable for a while) must not stop the projection: the event is applied
      // to the ended command's view, which refuses what an ended command cannot take anyway.
      return this.readModel.load(e.meta.commandUuid).then(
        () => this.applied(e),
        (err: unknown) => {
          this.deps.log.warn({ commandUuid: e.meta?.commandUuid, err: (err as Error).message }, 'could not fold an evicted command again');
          this.applied(e);
        },
      );
    }
    this.applied(e);
  }

  private applied(e: LoggedEvent): void {
    if (this.deps.apply) this.deps.apply(e);
    else this.readModel.apply(e);
    this.sinceSnapshot++;
    this.maybeSnapshot();
  }

  private maybeSnapshot(): void {
    if (!this.caughtUp || this.saving || this.deps.snapshotEvery <= 0 || this.sinceSnapshot < this.deps.snapshotEvery) return;
    this.saving = this.snapshot().finally(() => (this.saving = undefined));
  }

  /** Saves the read model's state now; undefined when snapshots are off or the save failed (logged). */
  async snapshot(): Promise<SnapshotFigures | undefined> {
    const { snapshots, log } = this.deps;
    if (!snapshots || !this.version) return undefined;
    try {
      const t0 = performance.now();
      const state = this.readModel.capture();
      const parts = Object.fromEntries((this.deps.parts ?? []).map((p) => [p.name, p.capture()]));
      const captureMs = performance.now() - t0;
      this.sinceSnapshot = 0;
      const encoded = await encodeReadModel(state, parts);
      await snapshots.save(this.name, { version: this.version, seq: state.seq, state: encoded.text });
      const figures = { seq: state.seq, commands: state.commands.length, bytes: encoded.text.length, captureMs, longestSliceMs: encoded.longestSliceMs, totalMs: performance.now() - t0 };
      log.info({ snapshot: this.name, ...figures }, `${this.name} snapshot saved`);
      return figures;
    } catch (err) {
      log.warn({ snapshot: this.name, err: (err as Error).message }, `could not save a ${this.name} snapshot`);
      return undefined;
    }
  }

  /** Restores the last snapshot when it is usable; answers the sequence to follow after (0: from the start). */
  private async restore(): Promise<number> {
    const { snapshots, log } = this.deps;
    if (!snapshots) return 0;
    if (!this.version) {
      log.warn({ snapshot: this.name }, 'the fold\'s sources are not readable: no snapshot, replaying from the start');
      return 0;
    }
    try {
      const t0 = performance.now();
      const snapshot = await snapshots.load(this.name);
      if (!snapshot) return 0;
      if (snapshot.version !== this.version) {
        log.info({ snapshot: this.name, snapshotVersion: snapshot.version, version: this.version }, `${this.name} snapshot of another fold version: replaying from the start`);
        return 0;
      }
      const loadedMs = performance.now() - t0;
      const { state, parts } = decodeReadModel(snapshot.state);
      if (state.seq !== snapshot.seq) throw new Error(`snapshot says seq ${snapshot.seq}, its state ${state.seq}`);
      for (const part of this.deps.parts ?? []) if (parts[part.name] !== undefined) part.restore(parts[part.name]);
      this.readModel.restore(state);
      log.info({ snapshot: this.name, seq: state.seq, commands: state.commands.length, bytes: snapshot.state.length, loadMs: Math.round(loadedMs), ms: Math.round(performance.now() - t0) }, `${this.name} restored from its snapshot`);
      return state.seq;
    } catch (err) {
      log.warn({ snapshot: this.name, err: (err as Error).message }, `unreadable ${this.name} snapshot: replaying from the start`);
      return 0;
    }
  }
}
