/**
 * The snapshot store port: the latest saved state of a fold (the read model, the orchestrator) under a name, so a
 * process starts from it plus the tail of the event log after `seq` instead of replaying the whole log.
 * A snapshot is only an optimisation: a missing, unreadable or outdated one means a replay from the start.
 */
export interface Snapshot {
  /** Identifies the fold's code and the state's encoding (src/snapshot/fold-version.ts): another one is ignored. */
  version: string;
  /** Stream sequence of the last event folded into `state`. */
  seq: number;
  /** The state as JSON text (encoded off the hot path, src/snapshot/json-slices.ts). */
  state: string;
}

export interface SnapshotStore {
  /** Replaces the snapshot of that name. */
  save(name: string, snapshot: Snapshot): Promise<void>;
  /** The last snapshot saved under that name, from any process of the deployment. */
  load(name: string): Promise<Snapshot | undefined>;
}
