/**
 * ORC byte run-length encoding (ORCv1 "Byte Run Length Encoding") and booleans on top of it (8 per byte, the
 * most significant bit first): a header byte of 0..127 is a run of header + 3 copies of the next byte, -128..-1 is
 * that many literal bytes.
 */
export function decodeBytes(buf: Uint8Array, count: number): Uint8Array {
  const out = new Uint8Array(count);
  let n = 0;
  let pos = 0;
  while (n < count) {
    if (pos >= buf.length) throw new Error(`a byte run-length stream ends after ${n} of ${count} values`);
    const header = buf[pos++]!;
    if (header < 128) {
      const end = Math.min(count, n + header + 3);
      out.fill(buf[pos++]!, n, end);
      n = end;
    } else {
      const take = Math.min(256 - header, count - n);
      out.set(buf.subarray(pos, pos + take), n);
      pos += 256 - header;
      n += take;
    }
  }
  return out;
}

export function decodeBooleans(buf: Uint8Array, count: number): boolean[] {
  const bytes = decodeBytes(buf, Math.ceil(count / 8));
  const out = new Array<boolean>(count);
  for (let i = 0; i < count; i++) out[i] = (bytes[i >>> 3]! & (0x80 >>> (i & 7))) !== 0;
  return out;
}
