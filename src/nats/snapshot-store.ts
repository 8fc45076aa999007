/**
 * Snapshots in a JetStream object store (any size, chunked; a put replaces the previous object whole), replicated
 * like every other bucket. The object is one header line (version, seq) then the state, so both are read together.
 */
import type { ObjectStore } from '@nats-io/obj';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Snapshot, SnapshotStore } from '../ports/snapshot-store.js';
import { openObjectBucket } from './buckets.js';

const BUCKET = 'datagen_snapshots';

export class NatsSnapshotStore implements SnapshotStore {
  private constructor(private readonly objects: ObjectStore) {}

  static async open(nc: NatsConnection, replicas = 1): Promise<NatsSnapshotStore> {
    const objects = await openObjectBucket(nc, BUCKET, replicas);
    return new NatsSnapshotStore(objects);
  }

  async save(name: string, snapshot: Snapshot): Promise<void> {
    const header = JSON.stringify({ version: snapshot.version, seq: snapshot.seq });
    await this.objects.putBlob({ name }, Buffer.from(`${header}\n${snapshot.state}`, 'utf8'));
  }

  async load(name: string): Promise<Snapshot | undefined> {
    const bytes = await this.objects.getBlob(name);
    if (!bytes) return undefined;
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    const eol = text.indexOf('\n');
    const header = JSON.parse(eol < 0 ? text : text.slice(0, eol)) as { version: string; seq: number };
    return { version: header.version, seq: header.seq, state: eol < 0 ? '' : text.slice(eol + 1) };
  }
}
