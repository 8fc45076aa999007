/** Request parameters from the query string, form fields or multipart fields, validated with clear errors. */
import type { Context } from 'koa';
import { BadRequestError } from '../errors.js';
import { valueTooDeep } from '../model/json-depth.js';
import { DEFAULT_LIMITS } from '../model/limits.js';

export type Params = Record<string, string | undefined>;

const isScalar = (v: unknown): v is string | number | boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** Query string and body fields merged; a body field wins over the same query parameter. */
export function requestParams(ctx: Context): Params {
  const out: Params = {};
  const add = (src: unknown) => {
    if (!src || typeof src !== 'object') return;
    for (const [k, v] of Object.entries(src as Record<string, unknown>)) {
      // One value per parameter: a repeated field (a list of values) gives its last one; any other list is refused.
      const value = Array.isArray(v) && v.length > 0 && v.every(isScalar) ? v[v.length - 1] : v;
      if (value === undefined) continue;
      // A JSON body may nest without bound; anything that walks it (JSON.stringify below) would overflow the stack.
      if (typeof value === 'object' && value !== null && valueTooDeep(value, DEFAULT_LIMITS.modelDepth)) {
        throw new BadRequestError(`parameter ${k} nests deeper than ${DEFAULT_LIMITS.modelDepth} levels`, { parameter: k });
      }
      // Only extraProperties may be a JSON object.
      const scalar = isScalar(value);
      if (!scalar && !(k === 'extraProperties' && value !== null && typeof value === 'object' && !Array.isArray(value))) {
        throw new BadRequestError(`parameter ${k} must be a single text, number or boolean value, got ${value === null ? 'null' : Array.isArray(value) ? 'a list' : 'an object'}`, { parameter: k });
      }
      // An empty body field means "not given" (forms send every field): it never hides the query parameter.
      if (value === '' && out[k] !== undefined) continue;
      out[k] = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
    }
  };
  add(ctx.query);
  add((ctx.request as unknown as { body?: unknown }).body);
  return out;
}

/** Every value of a parameter that may repeat (connectors=a&connectors=b), query string first, then the body's. */
export function repeatedParam(ctx: Context, name: string): string[] {
  const values = (src: unknown): string[] => {
    if (!src || typeof src !== 'object') return [];
    const v = (src as Record<string, unknown>)[name];
    const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
    return list.map((x) => {
      if (!isScalar(x)) throw new BadRequestError(`parameter ${name} must be texts, got ${x === null ? 'null' : 'an object'}`, { parameter: name });
      return String(x);
    });
  };
  return [...values(ctx.query), ...values((ctx.request as unknown as { body?: unknown }).body)];
}

export function positiveInt(params: Params, name: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = params[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw.trim());
  if (!Number.isInteger(n) || n <= 0) throw new BadRequestError(`parameter ${name} must be a positive integer, got "${raw}"`, { parameter: name, value: raw });
  if (n > max) throw new BadRequestError(`parameter ${name} must be at most ${max}, got ${n}`, { parameter: name, value: raw });
  return n;
}

export function optionalNonNegativeInt(params: Params, name: string): number | undefined {
  const raw = params[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw.trim());
  if (!Number.isSafeInteger(n) || n < 0) throw new BadRequestError(`parameter ${name} must be a non-negative integer, got "${raw}"`, { parameter: name, value: raw });
  return n;
}

/** The spellings of a boolean form field (as Spring's converter reads them); the OpenAPI schema lists the same. */
export const BOOLEAN_WORDS = {
  true: ['true', 'True', 'TRUE', '1', 'yes', 'on'],
  false: ['false', 'False', 'FALSE', '0', 'no', 'off'],
} as const;

export function optionalBoolean(params: Params, name: string): boolean | undefined {
  const raw = params[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const v = raw.trim();
  if ((BOOLEAN_WORDS.true as readonly string[]).includes(v)) return true;
  if ((BOOLEAN_WORDS.false as readonly string[]).includes(v)) return false;
  throw new BadRequestError(`parameter ${name} must be true or false, got "${raw}"`, { parameter: name, value: raw });
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function commandUuidParam(params: Params): string {
  const raw = params.commandUuid?.trim();
  if (!raw) throw new BadRequestError('parameter commandUuid is required', { parameter: 'commandUuid' });
  if (!UUID_RE.test(raw)) throw new BadRequestError(`parameter commandUuid must be a UUID, got "${raw}"`, { parameter: 'commandUuid', value: raw });
  return raw.toLowerCase();
}

/**
 * A list of command uuids (`after=a,b` or repeated `after=a&after=b`), lower-cased, each once; a value that is
 * no UUID is a 400 naming the parameter and the value.
 */
export function uuidListParam(values: readonly string[], parameter: string): string[] {
  const uuids = values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  for (const raw of uuids) {
    if (!UUID_RE.test(raw)) throw new BadRequestError(`parameter ${parameter}: "${raw}" is not a command UUID`, { parameter, value: raw });
  }
  return [...new Set(uuids.map((u) => u.toLowerCase()))];
}
