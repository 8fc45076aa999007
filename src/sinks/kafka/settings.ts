/**
 * Where a Kafka or HBase sink reads each key: the model (Table_Names / Options) first, then the service
 * properties (environment merged with the command's overrides). Connection addresses come from properties only.
 */
import { BadRequestError } from '../../errors.js';
import type { SinkContext } from '../types.js';
import { localServerHint } from '../local-server-hint.js';

export type Section = 'Table_Names' | 'Options';

export function setting(ctx: SinkContext, section: Section, key: string): string | undefined {
  const fromModel = section === 'Table_Names' ? ctx.model.tableNames[key] : ctx.model.options[key];
  const v = fromModel ?? ctx.settings.properties[key];
  return v === undefined || v === null || String(v).trim() === '' ? undefined : String(v).trim();
}

export function intSetting(ctx: SinkContext, section: Section, key: string, fallback: number, min = 1): number {
  const v = setting(ctx, section, key);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) {
    const what = min === 1 ? 'a positive integer' : `an integer >= ${min}`;
    throw new BadRequestError(`${section}.${key} must be ${what}, got "${v}"`, { field: `${section}.${key}` });
  }
  return n;
}

export function booleanSetting(ctx: SinkContext, section: Section, key: string, fallback: boolean): boolean {
  const v = setting(ctx, section, key)?.toLowerCase();
  if (v === undefined) return fallback;
  if (v === 'true' || v === 'false') return v === 'true';
  throw new BadRequestError(`${section}.${key} must be true or false, got "${v}"`, { field: `${section}.${key}` });
}

export function oneOfSetting<T extends string>(ctx: SinkContext, section: Section, key: string, allowed: readonly T[], fallback: T): T {
  const v = setting(ctx, section, key)?.toLowerCase();
  if (v === undefined) return fallback;
  if ((allowed as readonly string[]).includes(v)) return v as T;
  throw new BadRequestError(`${section}.${key} must be one of ${allowed.join(', ')}, got "${v}"`, { field: `${section}.${key}` });
}

/** A connection property such as KAFKA_BROKERS; its absence is a 400 that says how to set it. */
export function requiredProperty(ctx: SinkContext, key: string, sink: string): string {
  const v = ctx.settings.properties[key]?.trim();
  if (!v) {
    throw new BadRequestError(`the ${sink} sink needs ${key}: set it in the service environment or as a command property${localServerHint(sink)}`, { field: key });
  }
  return v;
}
