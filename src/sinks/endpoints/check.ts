/**
 * No command reaches an endpoint, or reads a file, that the operator did not allow. One check serves the API
 * (the sink's validate, at submission) and every step that builds a client from the merged settings (prepare,
 * open, finalize, abort), so a command recorded before the check existed, or a schedule's execution, cannot
 * bypass it. It reads each declared setting as the sink reads it (the model's Table_Names first for those the model
 * may give) and refuses with a 400 naming the setting and the endpoint, never the value: it may hold credentials.
 */
import path from 'node:path';
import { BadRequestError } from '../../errors.js';
import { setting } from '../kafka/settings.js';
import type { Sink, SinkContext } from '../types.js';
import { endpointAllowed } from './allow-list.js';
import type { EndpointPolicy, EndpointSetting } from './endpoint-setting.js';
import { endpointsOf, formatEndpoint } from './parse-endpoints.js';

/** A setting names what the policy does not allow (rather than a value that does not read). */
export class EndpointRefused extends BadRequestError {}

/** Settings built without a policy (never the service's: src/sinks/context.ts always sets one) allow nothing. */
const NOTHING: EndpointPolicy = { allow: [], files: [] };

function valueOf(ctx: SinkContext, s: EndpointSetting): { value: string; field: string } | undefined {
  if (s.section) {
    const value = setting(ctx, s.section, s.key);
    const fromModel = ctx.model.tableNames?.[s.key] !== undefined && ctx.model.tableNames?.[s.key] !== null;
    return value === undefined ? undefined : { value, field: fromModel ? `${s.section}.${s.key}` : s.key };
  }
  const value = ctx.settings.properties[s.key]?.trim();
  return value ? { value, field: s.key } : undefined;
}

/** Throws a 400 when one of `declared`, as `ctx` carries it, names an endpoint or file the policy does not allow. */
export function assertEndpointsAllowed(ctx: SinkContext, declared: readonly EndpointSetting[]): void {
  const policy = ctx.settings.endpoints ?? NOTHING;
  for (const s of declared) {
    const given = valueOf(ctx, s);
    if (!given) continue;
    const { value, field } = given;
    if (s.kind === 'file') {
      if (!policy.files.includes(path.resolve(value))) {
        throw new EndpointRefused(
          `${field} names a file this service may not read: a command may only name the file the service's own ${s.key} setting (its environment) names`,
          { field },
        );
      }
      continue;
    }
    for (const e of endpointsOf(s.kind, value, field)) {
      if (endpointAllowed(e, policy.allow)) continue;
      const endpoint = formatEndpoint(e);
      throw new EndpointRefused(
        `${field} names endpoint ${endpoint}, which this service may not connect to; the operator allows endpoints with DATAGEN_ALLOWED_ENDPOINTS (host:port, host:*, *.domain:port, comma-separated)`,
        { field, endpoint },
      );
    }
  }
}

/** `sink`, checking its `declared` settings before validate and before every step that connects. */
export function withEndpointCheck(declared: readonly EndpointSetting[], sink: Sink): Sink {
  const check = (ctx: SinkContext) => assertEndpointsAllowed(ctx, declared);
  return {
    ...sink,
    validate(ctx) {
      // Refused before the sink reads anything; a value that does not read is reported in the sink's words if it has them.
      try {
        check(ctx);
      } catch (e) {
        if (!(e instanceof EndpointRefused)) sink.validate(ctx);
        throw e;
      }
      sink.validate(ctx);
    },
    prepare: before(sink, 'prepare', check),
    open: before(sink, 'open', check),
    finalize: before(sink, 'finalize', check),
    abort: before(sink, 'abort', check),
  };
}

type Step = 'prepare' | 'open' | 'finalize' | 'abort';

/** `sink`'s `step`, after `check` (a refusal rejects the step's promise, as the step's own errors do). */
function before<S extends Step>(sink: Sink, step: S, check: (ctx: SinkContext) => void): Sink[S] {
  return (async (ctx: SinkContext) => {
    check(ctx);
    return sink[step](ctx);
  }) as Sink[S];
}
