/**
 * Snappy compression for Parquet pages: the algorithm of hyparquet-writer's compressor (snappyjs, after the
 * reference implementation: the same hash, table sizes, skipping and copy splitting, so the same bytes), writing
 * into one array sized for the worst case instead of a growing writer byte by byte.
 */

const MAX_HASH_TABLE_BITS = 14;
const MAX_OFFSET = 0xffff;
const INPUT_MARGIN = 15;
const hashTables: Uint32Array[] = [];

/** Snappy's bound on the compressed size, plus the length varint. */
function maxCompressedLength(n: number): number {
  return 32 + n + Math.floor(n / 6) + 5;
}

const hash = (key: number, shift: number): number => Math.imul(key, 0x1e35a7bd) >>> shift;
const load32 = (a: Uint8Array, p: number): number => a[p]! + (a[p + 1]! << 8) + (a[p + 2]! << 16) + (a[p + 3]! << 24);
const equals32 = (a: Uint8Array, p: number, q: number): boolean =>
  a[p] === a[q] && a[p + 1] === a[q + 1] && a[p + 2] === a[q + 2] && a[p + 3] === a[q + 3];

function emitLiteral(out: Uint8Array, op: number, input: Uint8Array, ip: number, len: number): number {
  if (len <= 60) {
    out[op++] = (len - 1) << 2;
  } else {
    const value = len - 1;
    const bytes = value < 0x100 ? 1 : value < 0x10000 ? 2 : value < 0x1000000 ? 3 : 4;
    out[op++] = (59 + bytes) << 2;
    for (let i = 0; i < bytes; i++) out[op++] = (value >>> (i * 8)) & 0xff;
  }
  if (len < 32) {
    for (let i = 0; i < len; i++) out[op + i] = input[ip + i]!;
  } else {
    out.set(input.subarray(ip, ip + len), op);
  }
  return op + len;
}

function emitCopyLessThan64(out: Uint8Array, op: number, offset: number, len: number): number {
  if (len < 12 && offset < 2048) {
    out[op++] = (1 + ((len - 4) << 2) + ((offset >>> 8) << 5)) & 0xff;
    out[op++] = offset & 0xff;
  } else {
    out[op++] = (2 + ((len - 1) << 2)) & 0xff;
    out[op++] = offset & 0xff;
    out[op++] = (offset >>> 8) & 0xff;
  }
  return op;
}

function emitCopy(out: Uint8Array, op: number, offset: number, len: number): number {
  while (len >= 68) {
    op = emitCopyLessThan64(out, op, offset, 64);
    len -= 64;
  }
  if (len > 64) {
    op = emitCopyLessThan64(out, op, offset, 60);
    len -= 60;
  }
  return emitCopyLessThan64(out, op, offset, len);
}

function compressInput(out: Uint8Array, op: number, input: Uint8Array): number {
  const inputSize = input.length;
  let bits = 1;
  while (1 << bits <= inputSize && bits <= MAX_HASH_TABLE_BITS) bits++;
  bits--;
  const shift = 32 - bits;
  const table = (hashTables[bits] ??= new Uint32Array(1 << bits));
  table.fill(0);

  let ip = 0;
  let nextEmit = 0;
  if (inputSize >= INPUT_MARGIN) {
    const ipLimit = inputSize - INPUT_MARGIN;
    ip++;
    let nextHash = hash(load32(input, ip), shift);
    outer: for (;;) {
      let skip = 32;
      let nextIp = ip;
      let candidate: number;
      do {
        ip = nextIp;
        const h = nextHash;
        const step = skip >>> 5;
        skip++;
        nextIp = ip + step;
        if (ip > ipLimit) break outer;
        nextHash = hash(load32(input, nextIp), shift);
        candidate = table[h]!;
        table[h] = ip;
      } while (ip - candidate > MAX_OFFSET || !equals32(input, ip, candidate));

      op = emitLiteral(out, op, input, nextEmit, ip - nextEmit);

      do {
        const base = ip;
        let matched = 4;
        while (ip + matched < inputSize && input[ip + matched] === input[candidate + matched]) matched++;
        ip += matched;
        op = emitCopy(out, op, base - candidate, matched);
        nextEmit = ip;
        if (ip >= ipLimit) break outer;
        table[hash(load32(input, ip - 1), shift)] = ip - 1;
        const h = hash(load32(input, ip), shift);
        candidate = table[h]!;
        table[h] = ip;
      } while (ip - candidate <= MAX_OFFSET && equals32(input, ip, candidate));

      ip++;
      nextHash = hash(load32(input, ip), shift);
    }
  }
  if (nextEmit < inputSize) op = emitLiteral(out, op, input, nextEmit, inputSize - nextEmit);
  return op;
}

/** Snappy-compressed `input`: its length as a varint, then literals and copies. */
export function snappyCompress(input: Uint8Array): Uint8Array {
  const out = new Uint8Array(maxCompressedLength(input.length));
  let op = 0;
  let n = input.length;
  while (n > 0x7f) {
    out[op++] = (n & 0x7f) | 0x80;
    n >>>= 7;
  }
  out[op++] = n;
  return out.subarray(0, compressInput(out, op, input));
}
