/**
 * Reading an object-store sink's settings, shared by S3/Ozone, ADLS and GCS: each key from the model's Table_Names
 * (or Options) first, then the service properties (environment and the command's extraProperties), as the
 * original let a model override its application properties. Every rejection is a 400 naming the key, and never
 * quotes a secret's value.
 */
import { BadRequestError } from '../../errors.js';
import { isSecretKey } from '../../secrets.js';
import { setting, type Section } from '../kafka/settings.js';
import { executionNumber, executionPrefix } from '../files/paths.js';
import { plainName } from '../files/plain-name.js';
import type { SinkContext } from '../types.js';

export { setting };

/** A connection property (endpoint, part size...): from the service properties only, never from the model. */
export function property(ctx: SinkContext, key: string): string | undefined {
  const v = ctx.settings.properties[key]?.trim();
  return v ? v : undefined;
}

export function required(ctx: SinkContext, section: Section, key: string, sink: string): string {
  const v = setting(ctx, section, key);
  if (v === undefined) throw new BadRequestError(`the ${sink} sinks need ${section}.${key}`, { field: `${section}.${key}` });
  return v;
}

/** How a value is quoted in a 400: a secret never is. */
export function shownValue(key: string, value: string): string {
  if (isSecretKey(key)) return '(hidden)';
  const printable = value.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return JSON.stringify(printable.length > 80 ? `${printable.slice(0, 80)}…` : printable);
}

export function invalid(key: string, value: string, why: string, section: Section | 'property' = 'Table_Names'): BadRequestError {
  const field = section === 'property' ? key : `${section}.${key}`;
  return new BadRequestError(`${field} ${shownValue(key, value)} ${why}`, { field });
}

/**
 * A directory as a key prefix: '/'-separated, leading, trailing and doubled slashes dropped ('' is the bucket's
 * root); '.' and '..' parts and control characters are refused, so one spelling names one place.
 */
export function objectDir(value: string | undefined, key: string): string {
  if (value === undefined) return '';
  const parts = value.split('/').filter((p) => p !== '');
  for (const part of parts) {
    if (part === '.' || part === '..') throw invalid(key, value, 'cannot name a directory: it has a "." or ".." part');
    if (/[\u0000-\u001f\u007f-\u009f\\]/.test(part)) throw invalid(key, value, 'cannot name a directory: it has a control character or a backslash');
  }
  return parts.join('/');
}

/** The file name prefix: `key`'s value as a plain name, else the model's name. */
export function basePrefix(ctx: SinkContext, key: string): string {
  const configured = setting(ctx, 'Table_Names', key);
  return configured === undefined ? plainName(ctx.model.name, 'model_name') : plainName(configured, `Table_Names.${key}`);
}

/** `base`, followed by a schedule execution's part when the command is one, as local files are named. */
export function prefixOf(ctx: SinkContext, base: string): string {
  const execution = executionNumber(ctx);
  return execution === undefined ? base : executionPrefix(base, execution);
}

/** An http(s) URL, refused otherwise (its value is shown with any user-info left out). */
export function urlProperty(ctx: SinkContext, key: string): string | undefined {
  const v = property(ctx, key);
  if (v === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    throw new BadRequestError(`${key} is not a URL (expected http://host:port)`, { field: key });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new BadRequestError(`${key} must be an http or https URL, got ${url.protocol}`, { field: key });
  return v.replace(/\/+$/, '');
}

/** A whole number of bytes at least `min`; `fallback` when unset. */
export function byteSize(ctx: SinkContext, key: string, fallback: number, min: number, section: Section | 'property' = 'property'): number {
  const v = section === 'property' ? property(ctx, key) : setting(ctx, section, key);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < min) throw invalid(key, v, `must be a whole number of bytes, at least ${min}`, section);
  return n;
}

export function positiveInt(ctx: SinkContext, section: Section, key: string, fallback: number, max: number): number {
  const v = setting(ctx, section, key);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > max) throw invalid(key, v, `must be an integer from 1 to ${max}`, section);
  return n;
}

export function booleanProperty(ctx: SinkContext, key: string, fallback: boolean): boolean {
  const v = property(ctx, key)?.toLowerCase();
  if (v === undefined) return fallback;
  if (v === 'true' || v === 'false') return v === 'true';
  throw invalid(key, v, 'must be true or false', 'property');
}
