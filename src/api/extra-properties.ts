/**
 * `extraProperties`: settings that override the service's for one command only (e.g. KAFKA_BROKERS).
 * Accepted as a JSON object (`extraProperties={"KAFKA_BROKERS":"h:9092"}`), as `KEY=value` pairs separated by
 * semicolons or newlines, or as one field per key (`extraProperties.KAFKA_BROKERS=h:9092` or `extraProperties[KAFKA_BROKERS]=...`).
 */
import { BadRequestError } from '../errors.js';
import { jsonTextTooDeepAt } from '../model/json-depth.js';
import { DEFAULT_LIMITS } from '../model/limits.js';
import { userSettingProblem } from '../sinks/user-settings.js';
import type { Params } from './params.js';

const KEY = /^[A-Z][A-Z0-9_]{1,63}$/;
const PER_KEY = /^extraProperties(?:\.|\[)([^\]]+)\]?$/;
const MAX_VALUE = 4096;

export function extraProperties(params: Params): Record<string, string> {
  // No prototype: a "__proto__" key is then an ordinary (refused) key rather than a prototype change.
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  const raw = params.extraProperties?.trim();
  if (raw) Object.assign(out, raw.startsWith('{') ? fromJson(raw) : fromPairs(raw));
  for (const [name, value] of Object.entries(params)) {
    const m = PER_KEY.exec(name);
    if (m && value !== undefined) out[m[1]] = value;
  }
  for (const [k, v] of Object.entries(out)) {
    if (!KEY.test(k)) throw new BadRequestError(`extraProperties key "${k}" must be an upper-case setting name such as KAFKA_BROKERS`, { parameter: 'extraProperties', key: k });
    const problem = userSettingProblem(k);
    if (problem) throw new BadRequestError(`extraProperties key "${k}" ${problem}`, { parameter: 'extraProperties', key: k });
    if (v.length > MAX_VALUE) throw new BadRequestError(`extraProperties ${k} is longer than ${MAX_VALUE} characters`, { parameter: 'extraProperties', key: k });
  }
  return { ...out };
}

function fromJson(raw: string): Record<string, string> {
  // Values that are not strings are stringified below: a document too deep for that is refused first.
  if (jsonTextTooDeepAt(raw, DEFAULT_LIMITS.modelDepth) !== undefined) {
    throw new BadRequestError(`parameter extraProperties nests deeper than ${DEFAULT_LIMITS.modelDepth} levels`, { parameter: 'extraProperties' });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (e) {
    throw new BadRequestError(`parameter extraProperties is not valid JSON (${(e as Error).message})`, { parameter: 'extraProperties' });
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new BadRequestError('parameter extraProperties must be a JSON object of setting names to values', { parameter: 'extraProperties' });
  return Object.fromEntries(Object.entries(parsed as Record<string, unknown>).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
}

function fromPairs(raw: string): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const pair of raw.split(/[\n;]/).map((s) => s.trim()).filter(Boolean)) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new BadRequestError(`parameter extraProperties: "${pair}" is not KEY=value`, { parameter: 'extraProperties' });
    out[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  return out;
}
