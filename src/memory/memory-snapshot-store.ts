/** The snapshot store in memory, for specs: the last snapshot of each name, as stored text (no shared references). */
import type { Snapshot, SnapshotStore } from '../ports/snapshot-store.js';

export class InMemorySnapshotStore implements SnapshotStore {
  private readonly snapshots = new Map<string, string>();

  async save(name: string, snapshot: Snapshot): Promise<void> {
    this.snapshots.set(name, JSON.stringify({ version: snapshot.version, seq: snapshot.seq, state: snapshot.state }));
  }

  async load(name: string): Promise<Snapshot | undefined> {
    const text = this.snapshots.get(name);
    return text === undefined ? undefined : (JSON.parse(text) as Snapshot);
  }
}
