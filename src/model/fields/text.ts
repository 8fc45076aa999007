/** STRING, STRING_AZ, STRING_REGEX, UUID, IP, BYTES, HASH_MD5 generators. */
import type { FieldSpec } from '../field-spec.js';
import { md5 } from '../md5.js';
import type { Prng } from '../prng.js';
import { compileStringRegex } from '../string-regex.js';
import type { FieldGen } from './runtime.js';

export const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghijklmnopqrstuvwxyz';
export const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
let pairs: string[] | undefined;

/** "a.b" for every pair of octets (65,536 strings, built once): an address is one draw and two joins. */
function octetPairs(): string[] {
  pairs ??= Array.from({ length: 65536 }, (_, i) => `${i >>> 8}.${i & 255}`);
  return pairs;
}
const HEX2 = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * Beyond this length a string is built in a byte buffer: appending one character at a time makes a rope of one
 * node per character (about 32 bytes each), so a batch of long strings would need 30 times its size in memory.
 */
const ROPE_MAX = 64;

/** `length` characters drawn from an ASCII alphabet; the same draws whatever the length. */
export function randomString(rng: Prng, alphabet: string, length: number): string {
  const n = alphabet.length;
  if (length < ROPE_MAX) {
    let s = '';
    for (let i = 0; i < length; i++) s += alphabet[(rng.next() * n) | 0];
    return s;
  }
  const out = Buffer.allocUnsafe(length);
  for (let i = 0; i < length; i++) out[i] = alphabet.charCodeAt((rng.next() * n) | 0);
  return out.toString('latin1');
}

function uuid(rng: Prng): string {
  const a = rng.u32(), b = rng.u32(), c = rng.u32(), d = rng.u32();
  return HEX2[a >>> 24] + HEX2[(a >>> 16) & 255] + HEX2[(a >>> 8) & 255] + HEX2[a & 255] + '-'
    + HEX2[b >>> 24] + HEX2[(b >>> 16) & 255] + '-4' + HEX2[(b >>> 8) & 15].slice(1) + HEX2[b & 255] + '-'
    + HEX2[0x80 | ((c >>> 24) & 0x3f)] + HEX2[(c >>> 16) & 255] + '-' + HEX2[c & 255] + HEX2[(c >>> 8) & 255]
    + HEX2[d >>> 24] + HEX2[(d >>> 16) & 255] + HEX2[(d >>> 8) & 255] + HEX2[d & 255];
}

function bytes(rng: Prng, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i += 4) {
    let x = rng.u32();
    for (let j = i; j < i + 4 && j < length; j++, x >>>= 8) out[j] = x & 255;
  }
  return out;
}

export function textGenerator(spec: FieldSpec): FieldGen | undefined {
  const length = spec.length;
  switch (spec.type) {
    case 'STRING': return (st) => randomString(st.rng, ALPHANUMERIC, length);
    case 'STRING_AZ': return (st) => randomString(st.rng, LETTERS, length);
    case 'STRING_REGEX': {
      const gen = compileStringRegex(spec.regex ?? '');
      return (st) => gen(st.rng);
    }
    case 'UUID': return (st) => uuid(st.rng);
    case 'IP': {
      const pairs = octetPairs();
      return (st) => {
        const x = st.rng.u32();
        return pairs[x >>> 16] + '.' + pairs[x & 0xffff];
      };
    }
    case 'BYTES': return (st) => bytes(st.rng, length);
    case 'HASH_MD5': {
      const codes = Uint8Array.from(ALPHANUMERIC, (ch) => ch.charCodeAt(0));
      const text = new Uint8Array(length);
      return (st) => {
        for (let i = 0; i < length; i++) text[i] = codes[(st.rng.next() * codes.length) | 0];
        return md5(text);
      };
    }
    default: return undefined;
  }
}
