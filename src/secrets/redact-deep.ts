/**
 * Redaction of any JSON-like value by the secret rule: a secret key's value becomes ********, URL credentials in
 * strings are replaced. Used on what is shown (event data in history and live events, recorded properties) and
 * on what is logged, so a secret recorded before the rule knew its name still never reaches a reader.
 */
import { isSecretKey, REDACTED, redactUrlUserInfo } from '../secrets.js';

const MAX_DEPTH = 12;

export function redactDeep<T>(value: T): T {
  return walk(value, 0) as T;
}

function walk(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return redactUrlUserInfo(value);
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) return value.map((v) => walk(v, depth + 1));
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = isSecretKey(k) && v !== undefined && v !== null && v !== '' ? REDACTED : walk(v, depth + 1);
  return out;
}

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}
