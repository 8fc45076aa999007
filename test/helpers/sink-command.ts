/**
 * A sink command run in process, as the pipeline runs it: validate → prepare → open → each batch of the fixtures'
 * customer rows (services/fixtures.ts) in chunks → close → finalize; the rows written, for reading back.
 */
import type { Row } from '../../src/model/types.js';
import type { Sink, SinkContext } from '../../src/sinks/types.js';
import { writeBatch } from '../../src/sinks/write-batch.js';
import { customerRows } from './services/fixtures.js';

export interface SinkCommandOptions {
  batches: number;
  rows: number;
  /** Rows per chunk written (default: writeBatch's). */
  chunkRows?: number;
  /** Only the columns of ctx, in its order (a model that names fewer columns than the fixtures' rows hold). */
  project?: boolean;
}

export async function runSinkCommand(sink: Sink, ctx: SinkContext, o: SinkCommandOptions): Promise<Row[]> {
  sink.validate(ctx);
  await sink.prepare(ctx);
  const writer = await sink.open(ctx);
  const written: Row[] = [];
  try {
    for (let b = 0; b < o.batches; b++) {
      const rows = customerRows(b, o.rows);
      const batchRows = o.project ? rows.map((r) => Object.fromEntries(ctx.columns.map((c) => [c.name, r[c.name]!]))) : rows;
      const result = await writeBatch(writer, b, batchRows, o.chunkRows);
      if (result.rows !== o.rows) throw new Error(`batch ${b}: the write reported ${result.rows} rows, expected ${o.rows}`);
      written.push(...batchRows);
    }
  } finally {
    await writer.close();
  }
  await sink.finalize(ctx);
  return written;
}
