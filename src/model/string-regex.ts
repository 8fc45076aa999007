/**
 * The STRING_REGEX mini-language (spec §4.5): `[choices]{n}` repeated n times, everything else literal.
 * Inside brackets, `X-Y` ranges run over a-z, A-Z, 0-9 (the original's alphabet lacked 'w'); the rest is split
 * on ',' into literal tokens that may be several characters long.
 */
import type { Prng } from './prng.js';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const CLASS = /(\[[^\]]*\])(\{[0-9]*\})/g;

type Part = { literal: string } | { choices: string[]; count: number };

function expandClass(body: string): string[] {
  const choices: string[] = [];
  const rest = body.replace(/(.)-(.)/g, (whole, from: string, to: string) => {
    const a = ALPHABET.indexOf(from);
    const b = ALPHABET.indexOf(to);
    if (a < 0 || b < 0 || b < a) return whole;
    for (let i = a; i <= b; i++) choices.push(ALPHABET[i]);
    return '';
  });
  for (const token of rest.split(',')) if (token !== '') choices.push(token);
  return choices;
}

/** Parses a pattern into literal and class parts; throws an Error naming the bracket that offers no choice. */
function parseStringRegex(pattern: string): Part[] {
  const parts: Part[] = [];
  let last = 0;
  for (const m of pattern.matchAll(CLASS)) {
    if (m.index! > last) parts.push({ literal: pattern.slice(last, m.index) });
    const choices = expandClass(m[1].slice(1, -1));
    if (choices.length === 0) throw new Error(`${m[1]} offers no character to choose from`);
    const digits = m[2].slice(1, -1);
    parts.push({ choices, count: digits === '' ? 1 : Number(digits) });
    last = m.index! + m[0].length;
  }
  if (last < pattern.length) parts.push({ literal: pattern.slice(last) });
  return parts;
}

/**
 * The length of the longest text the pattern can generate (Infinity beyond what a number holds): checked at
 * submission, since `[a-z]{1000000000}` would otherwise build a gigabyte per value.
 */
export function stringRegexMaxLength(pattern: string): number {
  let total = 0;
  for (const p of parseStringRegex(pattern)) {
    total += 'literal' in p ? p.literal.length : p.count * p.choices.reduce((n, c) => Math.max(n, c.length), 0);
  }
  return total;
}

/** Compiles a pattern into a generator; throws an Error naming the bracket that offers no choice. */
export function compileStringRegex(pattern: string): (rng: Prng) => string {
  const parts = parseStringRegex(pattern);
  // Long texts are joined from an array: appending character by character would keep a rope of one node per character.
  if (stringRegexMaxLength(pattern) >= 64) {
    return (rng) => {
      const out: string[] = [];
      for (const p of parts) {
        if ('literal' in p) out.push(p.literal);
        else for (let i = 0; i < p.count; i++) out.push(p.choices[rng.int(p.choices.length)]);
      }
      return out.join('');
    };
  }
  return (rng) => {
    let out = '';
    for (const p of parts) {
      if ('literal' in p) out += p.literal;
      else for (let i = 0; i < p.count; i++) out += p.choices[rng.int(p.choices.length)];
    }
    return out;
  };
}
