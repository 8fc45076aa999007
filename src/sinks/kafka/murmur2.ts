/**
 * Kafka's murmur2 key hash (Java client Utils.murmur2, seed 0x9747b28c) with 32-bit integer arithmetic, and the
 * default partitioner built on it: keyed records go to toPositive(murmur2(key)) % partitions, exactly as the Java
 * client and kafkajs's DefaultPartitioner place them; records without a key go round-robin over partitions with
 * a leader. kafkajs's own version does 64-bit Long arithmetic and filters the partition list for every record.
 */
import type { ICustomPartitioner, PartitionerArgs } from 'kafkajs';

const M = 0x5bd1e995;

export function murmur2(data: Buffer): number {
  const length = data.length;
  let h = (0x9747b28c ^ length) | 0;
  const length4 = length >>> 2;
  for (let i = 0; i < length4; i++) {
    const i4 = i * 4;
    let k = data[i4]! | (data[i4 + 1]! << 8) | (data[i4 + 2]! << 16) | (data[i4 + 3]! << 24);
    k = Math.imul(k, M);
    k ^= k >>> 24;
    k = Math.imul(k, M);
    h = Math.imul(h, M) ^ k;
  }
  const tail = length & ~3;
  switch (length & 3) {
    case 3:
      h ^= data[tail + 2]! << 16;
    // falls through
    case 2:
      h ^= data[tail + 1]! << 8;
    // falls through
    case 1:
      h ^= data[tail]!;
      h = Math.imul(h, M);
  }
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

const toPositive = (x: number) => x & 0x7fffffff;

/** The Java client's hash of a record key before `% partitions`: toPositive(murmur2(key)). */
export function javaKeyHash(key: Buffer): number {
  return toPositive(murmur2(key));
}

/** The partition the Java client's default partitioner gives a keyed record. */
export function javaPartition(key: Buffer, partitions: number): number {
  return javaKeyHash(key) % partitions;
}

export const fastDefaultPartitioner: ICustomPartitioner = () => {
  let counter = Math.floor(Math.random() * 0x7fffffff);
  let cachedFor: PartitionerArgs['partitionMetadata'] | undefined;
  let available: number[] = [];
  return ({ partitionMetadata, message }) => {
    if (message.partition !== null && message.partition !== undefined) return message.partition;
    if (message.key !== null && message.key !== undefined) {
      const key = Buffer.isBuffer(message.key) ? message.key : Buffer.from(String(message.key));
      return javaPartition(key, partitionMetadata.length);
    }
    if (cachedFor !== partitionMetadata) {
      cachedFor = partitionMetadata;
      available = partitionMetadata.filter((p) => p.leader >= 0).map((p) => p.partitionId);
    }
    counter = (counter + 1) & 0x7fffffff;
    return available.length > 0 ? available[counter % available.length]! : counter % partitionMetadata.length;
  };
};
