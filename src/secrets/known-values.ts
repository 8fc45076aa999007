/**
 * The secret values this process has loaded (command and model secrets, secret service settings), so that the
 * log can scrub them from any line whatever carried them there (a driver's error text, a stack trace).
 * Bounded: the most recent MAX values are kept.
 */
import { REDACTED } from './redacted.js';

const MAX = 2000;
const MIN_LENGTH = 3;
const known = new Map<string, true>();
let pattern: RegExp | undefined;

export function rememberSecretValues(values: Iterable<string>): void {
  for (const v of values) {
    if (typeof v !== 'string' || v.length < MIN_LENGTH || v === REDACTED) continue;
    for (const form of [v, JSON.stringify(v).slice(1, -1)]) {
      if (known.has(form)) continue;
      known.set(form, true);
      pattern = undefined;
    }
  }
  while (known.size > MAX) known.delete(known.keys().next().value!);
}

/** The text with every remembered secret value (as is, or JSON-escaped) replaced by ********. */
export function scrubKnownSecrets(text: string): string {
  if (known.size === 0) return text;
  pattern ??= new RegExp([...known.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|'), 'g');
  return text.replace(pattern, REDACTED);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
