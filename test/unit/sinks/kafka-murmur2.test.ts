/**
 * Keyed Kafka records land where a Java producer puts them: murmur2 and the partition of each key checked against
 * numbers printed by the Java client itself (kafka-clients 4.1.1, Utils.murmur2 and Utils.toPositive(h) % n on
 * the key's UTF-8 bytes); the first rows include the published vectors of Kafka's UtilsTest.testMurmur2.
 */
import test from 'ava';
import { javaPartition, murmur2 } from '../../../src/sinks/kafka/murmur2.js';

// key, murmur2, partition of 3, of 7, of 12
const JAVA: [string, number, number, number, number][] = [
  ['21', -973932308, 0, 3, 0],
  ['foobar', -790332482, 0, 0, 6],
  ['a-little-bit-long-string', -985981536, 2, 1, 8],
  ['a-little-bit-longer-string', -1486304829, 2, 0, 11],
  ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971, 2, 3, 5],
  ['abc', 479470107, 0, 4, 3],
  ['', 275646681, 0, 2, 9],
  ['a', -1563381124, 1, 5, 4],
  ['ab', 316155434, 2, 0, 2],
  ['abcd', -1323649548, 2, 5, 8],
  ['00000000-0000-4000-8000-000000000000', -1337040123, 2, 3, 5],
  ['00000000-0000-4000-8000-0000000f4240', 1606210215, 0, 1, 3],
  ['user7@example.com', -718772239, 1, 6, 1],
  ['é☃ key', 1868883237, 0, 4, 9],
  ['9007199254740993', 309283515, 0, 2, 3],
  ['Kafka', 824573139, 0, 5, 3],
  ['customer-42', -542987495, 0, 1, 9],
  ['ÿþý', -827240790, 2, 4, 2],
];

for (const [key, hash, p3, p7, p12] of JAVA) {
  test(`key ${JSON.stringify(key)}: murmur2 ${hash}, partitions ${p3}/3, ${p7}/7, ${p12}/12 as the Java client`, (t) => {
    const bytes = Buffer.from(key, 'utf8');
    t.is(murmur2(bytes), hash);
    t.deepEqual([3, 7, 12].map((n) => javaPartition(bytes, n)), [p3, p7, p12]);
  });
}
