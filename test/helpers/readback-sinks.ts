/** Drives a file sink through its whole life (validate → prepare → open/write/close → finalize) in a temp data dir. */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Column, FieldType, ModelDefinition, Row } from '../../src/model/types.js';
import type { Sink, SinkContext } from '../../src/sinks/types.js';
import { writeBatch } from '../../src/sinks/write-batch.js';

export async function tempDataDir(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'datagen-sinks-'));
}

export interface CtxInput {
  dataDir: string;
  columns: Column[];
  batches: number;
  rowsPerBatch?: number;
  name?: string;
  tableNames?: Record<string, string>;
  options?: Record<string, string>;
  commandUuid?: string;
  outputRoots?: string[];
}

export function modelFor(name: string, columns: Column[], tableNames: Record<string, string> = {}, options: Record<string, string> = {}): ModelDefinition {
  return {
    name,
    fields: columns.map((c) => ({ name: c.name, type: c.type, ghost: false, props: {} })),
    tableNames,
    options,
    primaryKeys: {},
  };
}

export function ctxFor(i: CtxInput): SinkContext {
  return {
    commandUuid: i.commandUuid ?? '00000000-0000-4000-8000-000000000001',
    model: modelFor(i.name ?? 'test', i.columns, i.tableNames, i.options),
    columns: i.columns,
    rowsPerBatch: i.rowsPerBatch ?? 10,
    batches: i.batches,
    settings: { dataDir: i.dataDir, outputRoots: i.outputRoots ?? [i.dataDir], properties: {} },
  };
}

export function cols(spec: Record<string, FieldType>): Column[] {
  return Object.entries(spec).map(([name, type]) => ({ name, type }));
}

/**
 * Runs a command through the sink: `batches[b]` are the rows of batch b; `order` is the order in which batches are
 * written (default 0..n-1), alternating between two writers as two generator actors would.
 */
export async function runSink(sink: Sink, ctx: SinkContext, batches: Row[][], order?: number[]): Promise<void> {
  sink.validate(ctx);
  await sink.prepare(ctx);
  const writers = [await sink.open(ctx), await sink.open(ctx)];
  const seq = order ?? batches.map((_, b) => b);
  for (const [i, b] of seq.entries()) await writeBatch(writers[i % 2]!, b, batches[b]!);
  for (const w of writers) await w.close();
  await sink.finalize(ctx);
}
