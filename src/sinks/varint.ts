/**
 * Unsigned base-128 varints (protobuf's and Kafka's length encoding): seven bits a byte, low bits first, the high
 * bit set on every byte but the last. Division rather than shifts keeps values above 2^31 exact.
 */

/** Bytes the varint of `u` (a non-negative integer) takes. */
export function uvarintSize(u: number): number {
  let size = 1;
  while (u >= 0x80) {
    u = Math.floor(u / 128);
    size++;
  }
  return size;
}

/** Writes the varint of `u` at `pos`; returns the position after it. */
export function writeUvarint(buf: Buffer, pos: number, u: number): number {
  while (u >= 0x80) {
    buf[pos++] = (u & 0x7f) | 0x80;
    u = Math.floor(u / 128);
  }
  buf[pos++] = u;
  return pos;
}
