/**
 * MD5 (RFC 1321) over a byte array, in plain JS: for HASH_MD5 values it is several times faster than
 * node:crypto, whose per-call object set-up dominates on inputs of a few dozen bytes.
 */
const S = [7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
  4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21];
const K = Int32Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 4294967296) | 0);
const G = Uint8Array.from({ length: 64 }, (_, i) => (i < 16 ? i : i < 32 ? (5 * i + 1) % 16 : i < 48 ? (3 * i + 5) % 16 : (7 * i) % 16));
const words = new Int32Array(16);
let scratch = new Uint8Array(128);

export function md5(input: Uint8Array): Uint8Array {
  const n = input.length;
  const total = (((n + 8) >>> 6) + 1) << 6;
  if (scratch.length < total) scratch = new Uint8Array(total * 2);
  const padded = scratch;
  padded.set(input);
  padded.fill(0, n, total);
  padded[n] = 0x80;
  const bits = n * 8;
  padded[total - 8] = bits & 255;
  padded[total - 7] = (bits >>> 8) & 255;
  padded[total - 6] = (bits >>> 16) & 255;
  padded[total - 5] = (bits >>> 24) & 255;
  padded[total - 4] = Math.floor(bits / 4294967296) & 255;
  let a0 = 0x67452301, b0 = 0xefcdab89 | 0, c0 = 0x98badcfe | 0, d0 = 0x10325476;
  for (let off = 0; off < total; off += 64) {
    for (let i = 0; i < 16; i++) {
      const j = off + i * 4;
      words[i] = padded[j] | (padded[j + 1] << 8) | (padded[j + 2] << 16) | (padded[j + 3] << 24);
    }
    let a = a0, b = b0, c = c0, d = d0;
    for (let i = 0; i < 64; i++) {
      let f: number;
      if (i < 16) f = (b & c) | (~b & d);
      else if (i < 32) f = (d & b) | (~d & c);
      else if (i < 48) f = b ^ c ^ d;
      else f = c ^ (b | ~d);
      f = (f + a + K[i] + words[G[i]]) | 0;
      a = d;
      d = c;
      c = b;
      b = (b + ((f << S[i]) | (f >>> (32 - S[i])))) | 0;
    }
    a0 = (a0 + a) | 0;
    b0 = (b0 + b) | 0;
    c0 = (c0 + c) | 0;
    d0 = (d0 + d) | 0;
  }
  const out = new Uint8Array(16);
  put(out, 0, a0);
  put(out, 4, b0);
  put(out, 8, c0);
  put(out, 12, d0);
  return out;
}

function put(out: Uint8Array, at: number, w: number): void {
  out[at] = w & 255;
  out[at + 1] = (w >>> 8) & 255;
  out[at + 2] = (w >>> 16) & 255;
  out[at + 3] = (w >>> 24) & 255;
}
