/**
 * The orchestrator's snapshots: the state of every open command as folded from its events alone (what a restarted
 * orchestrator rebuilds before it resumes them; its own dispatch decisions are not part of it), at a stream
 * sequence. Loaded at start, the orchestrator then follows only the events after it. While live, the events-only
 * fold is kept beside the orchestrator's own (which also records dispatches) and saved every `every` events and
 * when the orchestrator stops.
 */
import type { Logger } from 'pino';
import { batchMachine } from '../../machines/batch.machine.js';
import { commandMachine } from '../../machines/command.machine.js';
import { evolve, type CommandState } from '../command/command-state.js';
import { isTerminal } from '../command/decide.js';
import { statusOf } from '../command/fold.js';
import type { StoredEvent } from '../events/types.js';
import type { SnapshotStore } from '../ports/snapshot-store.js';
import { SHUTDOWN_SAVE_MS, withinMs } from '../snapshot/bounded-wait.js';
import { foldVersion } from '../snapshot/fold-version.js';
import { stringifyInSlices } from '../snapshot/json-slices.js';
import { decodeState, encodeState } from '../snapshot/state-codec.js';

export const ORCHESTRATOR_SNAPSHOT = 'orchestrator';
const MACHINES = { [commandMachine.id]: commandMachine, [batchMachine.id]: batchMachine };

export interface OpenCommands {
  seq: number;
  states: Map<string, CommandState>;
}

export class OrchestratorSnapshots {
  private readonly version: string | undefined;
  /** The events-only fold of open commands, kept once live (before, the orchestrator's own fold is that). */
  private open?: Map<string, CommandState>;
  private seq = 0;
  private since = 0;
  private saving?: Promise<void>;

  constructor(private readonly store: SnapshotStore | undefined, private readonly every: number, private readonly log: Logger) {
    this.version = store ? foldVersion([import.meta.url]) : undefined;
  }

  /** The last usable snapshot; none (replay from the start) when missing, of another version or unreadable. */
  async load(): Promise<OpenCommands> {
    const none = { seq: 0, states: new Map<string, CommandState>() };
    if (!this.store || !this.version) return none;
    try {
      const snapshot = await this.store.load(ORCHESTRATOR_SNAPSHOT);
      if (!snapshot) return none;
      if (snapshot.version !== this.version) {
        this.log.info({ snapshotVersion: snapshot.version, version: this.version }, 'orchestrator snapshot of another fold version: replaying from the start');
        return none;
      }
      const entries = decodeState(JSON.parse(snapshot.state), MACHINES) as Array<[string, CommandState]>;
      if (!Array.isArray(entries)) throw new Error('not an orchestrator snapshot');
      this.seq = snapshot.seq;
      this.log.info({ seq: snapshot.seq, openCommands: entries.length }, 'orchestrator restored from its snapshot');
      return { seq: snapshot.seq, states: new Map(entries) };
    } catch (err) {
      this.log.warn({ err: (err as Error).message }, 'unreadable orchestrator snapshot: replaying from the start');
      return none;
    }
  }

  /** Every event the orchestrator follows, before it handles it. */
  observe(event: StoredEvent): void {
    this.seq = event.seq;
    this.since++;
    if (!this.open) return;
    const uuid = event.meta.commandUuid;
    const result = evolve(this.open.get(uuid), event);
    if (!result.accepted) return;
    if (isTerminal(statusOf(result.state.command))) this.open.delete(uuid);
    else this.open.set(uuid, result.state);
    this.maybeSave();
  }

  /** On going live: the orchestrator's states, folded from events alone until now. */
  seed(states: Iterable<[string, CommandState]>): void {
    this.open = new Map(states);
    this.maybeSave();
  }

  /** Saves the events-only fold now (when live and anything changed since the last save), within a bounded wait. */
  async save(): Promise<void> {
    await withinMs(this.saving ?? Promise.resolve(), SHUTDOWN_SAVE_MS);
    if (this.open && this.since > 0 && !this.saving) await withinMs(this.write(), SHUTDOWN_SAVE_MS);
  }

  private maybeSave(): void {
    if (this.saving || this.every <= 0 || this.since < this.every) return;
    this.saving = this.write().finally(() => (this.saving = undefined));
  }

  private async write(): Promise<void> {
    if (!this.store || !this.version || !this.open) return;
    try {
      const t0 = performance.now();
      const seq = this.seq;
      const entries = [...this.open];
      this.since = 0;
      const encoded = await stringifyInSlices(entries, encodeState);
      await this.store.save(ORCHESTRATOR_SNAPSHOT, { version: this.version, seq, state: encoded.text });
      this.log.info({ seq, openCommands: entries.length, bytes: encoded.text.length, longestSliceMs: encoded.longestSliceMs, totalMs: performance.now() - t0 }, 'orchestrator snapshot saved');
    } catch (err) {
      this.log.warn({ err: (err as Error).message }, 'could not save an orchestrator snapshot');
    }
  }
}
