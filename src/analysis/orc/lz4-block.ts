/**
 * LZ4 block decompression (the raw block format, no frame), as ORC's LZ4 codec stores each chunk: sequences of a
 * token (literal length, match length), literals, a 2-byte little-endian offset and the match copied from the
 * output already written.
 */
export function lz4BlockDecompress(input: Uint8Array, maxOutput: number): Uint8Array {
  const out = new Uint8Array(maxOutput);
  let ip = 0;
  let op = 0;
  const length = (n: number): number => {
    if (n !== 15) return n;
    for (;;) {
      const b = input[ip++];
      if (b === undefined) throw new Error('LZ4: a length runs past the end');
      n += b;
      if (b !== 255) return n;
    }
  };
  while (ip < input.length) {
    const token = input[ip++]!;
    const literals = length(token >>> 4);
    if (ip + literals > input.length || op + literals > out.length) throw new Error('LZ4: literals run past the end');
    out.set(input.subarray(ip, ip + literals), op);
    ip += literals;
    op += literals;
    if (ip >= input.length) break;
    const offset = input[ip]! | (input[ip + 1]! << 8);
    ip += 2;
    const match = length(token & 15) + 4;
    if (offset === 0 || offset > op || op + match > out.length) throw new Error('LZ4: a match is out of range');
    // Byte by byte: a match may overlap the bytes it copies.
    for (let i = 0; i < match; i++, op++) out[op] = out[op - offset]!;
  }
  return out.subarray(0, op);
}
