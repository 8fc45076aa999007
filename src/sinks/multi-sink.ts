/**
 * /datagen/multipleconnectors: one command, several sinks (the `connectors` it records), the same rows in each.
 * This Sink composes the others: every step runs on every sink, and each chunk of a batch, generated once, is
 * handed to every sink's stream at once (so the slowest sink sets the pace). A batch commits only when every sink
 * committed it, so the command finishes only when every sink has every batch; a batch that fails on any sink is
 * retried on all of them (file and object sinks replace their own output; Kafka and HBase may see its records
 * twice, as a single sink's retry does).
 */
import { BadRequestError } from '../errors.js';
import type { OutputTarget } from './output-target.js';
import type { BatchResult, BatchStream, BatchWriter, Sink, SinkContext } from './types.js';

export const MULTI_SERVICE = 'multipleconnectors';
/** More sinks than this in one command is a mistake rather than a plan (there are fewer than 40 services). */
export const MAX_CONNECTORS = 16;

/** How the composite finds the sinks it is made of (the registry, without importing it). */
export interface SinkLookup {
  sink(name: string): Sink | undefined;
  /** Names a connector may take, for error messages. */
  available(): string[];
}

/** The `connectors` parameter as given: repeated, comma-separated or both; names trimmed and lower-cased. */
export function connectorNames(values: readonly string[]): string[] {
  return values.flatMap((v) => v.split(',')).map((v) => v.trim().toLowerCase()).filter((v) => v !== '');
}

/** The sinks of `ctx.connectors`, or a 400 naming what is wrong (missing, unknown, repeated, too many). */
export function connectorSinks(ctx: Pick<SinkContext, 'connectors'>, lookup: SinkLookup): Sink[] {
  const names = ctx.connectors ?? [];
  const available = () => `available: ${lookup.available().join(', ')}`;
  if (names.length === 0) {
    throw new BadRequestError(`parameter connectors is required by /datagen/${MULTI_SERVICE}: the sinks to write to, repeated (connectors=json&connectors=kafka) or comma-separated; ${available()}`, { parameter: 'connectors' });
  }
  if (names.length > MAX_CONNECTORS) {
    throw new BadRequestError(`parameter connectors names ${names.length} sinks, at most ${MAX_CONNECTORS} are allowed`, { parameter: 'connectors' });
  }
  const seen = new Set<string>();
  return names.map((name) => {
    if (seen.has(name)) throw new BadRequestError(`parameter connectors names ${name} twice: each sink may appear once`, { parameter: 'connectors', value: name });
    seen.add(name);
    const sink = name === MULTI_SERVICE ? undefined : lookup.sink(name);
    if (!sink) throw new BadRequestError(`wrong connectors: "${name}" is not a sink this service runs; ${available()}`, { parameter: 'connectors', value: name });
    return sink;
  });
}

/**
 * Waits for one call per sink, all of them even when one fails. If any failed, `undo` runs on what the others
 * gave (close a writer, abort a stream) and the error names each sink that failed.
 */
async function settleEvery<T>(sinks: readonly Sink[], calls: readonly Promise<T>[], undo?: (value: T) => Promise<unknown>): Promise<T[]> {
  const outcomes = await Promise.allSettled(calls);
  const failures = outcomes.flatMap((o, i) => (o.status === 'rejected' ? [`${sinks[i]!.name}: ${(o.reason as Error)?.message ?? String(o.reason)}`] : []));
  const values = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
  if (failures.length === 0) return values;
  if (undo) await Promise.allSettled(values.map(undo));
  throw new Error(failures.join('; '));
}

const onEvery = (sinks: readonly Sink[], step: (sink: Sink) => Promise<void>) => settleEvery(sinks, sinks.map(step));

function teeStream(sinks: readonly Sink[], streams: readonly BatchStream[]): BatchStream {
  let written = 0;
  return {
    async write(rows) {
      // The chunk, generated once, is read (never changed) by every sink's encoder.
      await settleEvery(sinks, streams.map((s) => s.write(rows)));
      written += rows.length;
    },
    async commit(): Promise<BatchResult> {
      const results = await settleEvery(sinks, streams.map((s) => s.commit()));
      const each = results.map((r, i) => ({ service: sinks[i]!.name, rows: r.rows, ...(r.bytes !== undefined ? { bytes: r.bytes } : {}), ...(r.location ? { location: r.location } : {}) }));
      const bytes = each.some((r) => r.bytes !== undefined) ? each.reduce((n, r) => n + (r.bytes ?? 0), 0) : undefined;
      return { rows: written, ...(bytes !== undefined ? { bytes } : {}), sinks: each };
    },
    async abort() {
      await Promise.allSettled(streams.map((s) => s.abort()));
    },
  };
}

export function multiSink(lookup: SinkLookup): Sink {
  const sinksOf = (ctx: SinkContext) => connectorSinks(ctx, lookup);
  return {
    name: MULTI_SERVICE,
    validate(ctx) {
      for (const sink of sinksOf(ctx)) {
        try {
          sink.validate(ctx);
        } catch (err) {
          if (err instanceof BadRequestError) throw new BadRequestError(`connector ${sink.name}: ${err.message}`, { ...err.details, connector: sink.name });
          throw err;
        }
      }
    },
    async prepare(ctx) {
      await onEvery(sinksOf(ctx), (s) => s.prepare(ctx));
    },
    async open(ctx): Promise<BatchWriter> {
      const sinks = sinksOf(ctx);
      const writers = await settleEvery(sinks, sinks.map((s) => s.open(ctx)), (w) => w.close());
      return {
        async begin(batch, shard) {
          return teeStream(sinks, await settleEvery(sinks, writers.map((w) => w.begin(batch, shard)), (s) => s.abort()));
        },
        async close() {
          await settleEvery(sinks, writers.map((w) => w.close()));
        },
      };
    },
    async finalize(ctx) {
      await onEvery(sinksOf(ctx), (s) => s.finalize(ctx));
    },
    async abort(ctx) {
      await onEvery(sinksOf(ctx), (s) => s.abort(ctx));
    },
    outputTargets(ctx): OutputTarget[] {
      return sinksOf(ctx).flatMap((s) => (s.outputTarget ? [s.outputTarget(ctx)] : []));
    },
    describe(ctx) {
      return `${MULTI_SERVICE} (${sinksOf(ctx).map((s) => s.describe(ctx)).join('; ')})`;
    },
  };
}
