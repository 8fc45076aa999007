/**
 * Opens the deployment's key-value and object-store buckets (creating them if absent) with its replica count, so
 * every port that keeps state in JetStream gets the same two guarantees on a cluster.
 */
import { Kvm, type KV, type KvOptions } from '@nats-io/kv';
import { Objm, type ObjectStore } from '@nats-io/obj';
import type { NatsConnection } from '@nats-io/transport-node';
import { ensureReplicas, whileElecting } from './streams.js';

/**
 * `replicas` above 1: reads go through the stream leader, not JetStream's direct get, which any replica answers and a
 * follower answers from what it has applied so far. A key written a moment ago (the secrets salt by the process that
 * opened the bucket first, a model just stored, a lease just taken) could read as absent there; the leader holds
 * every write it acknowledged. One replica: direct get, which is then the same server and cheaper.
 */
export async function openKvBucket(nc: NatsConnection, bucket: string, options: Partial<Pick<KvOptions, 'history' | 'ttl'>>, replicas: number): Promise<KV> {
  const kv = await whileElecting(() => new Kvm(nc).create(bucket, { ...options, replicas, allow_direct: replicas === 1 }));
  await ensureReplicas(nc, `KV_${bucket}`, replicas);
  return kv;
}

export async function openObjectBucket(nc: NatsConnection, bucket: string, replicas: number): Promise<ObjectStore> {
  const objects = await whileElecting(() => new Objm(nc).create(bucket, { replicas }));
  await ensureReplicas(nc, `OBJ_${bucket}`, replicas);
  return objects;
}
