/**
 * Joins a command's Parquet parts into one file. Parts hold the batch's rows in V8's serialization format (exact
 * for bigint, Date and byte values, and far cheaper to read back than Parquet); they are re-encoded into row groups
 * of the configured size, which may span batches, with rows in batch order.
 */
import { readFile, stat } from 'node:fs/promises';
import { deserialize, serialize } from 'node:v8';
import { fileWriter } from 'hyparquet-writer';
import type { Row } from '../../model/types.js';
import type { ParquetEncoder } from './parquet-encoder.js';

export const PARQUET_PART_EXT = 'rows.v8';

export function parquetPart(rows: Row[]): Uint8Array {
  return serialize(rows);
}

/** Encoding a row group is synchronous: let the caller's event loop (the orchestrator's) breathe between groups. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function assembleParquet(encoder: ParquetEncoder, parts: string[], target: string): Promise<number> {
  const pq = encoder.open(fileWriter(target));
  let pending: Row[] = [];
  let groupRows = 0;
  for (const part of parts) {
    const rows = deserialize(await readFile(part)) as Row[];
    if (!groupRows && rows.length) groupRows = encoder.rowsPerGroup(rows);
    pending = pending.length ? pending.concat(rows) : rows;
    while (groupRows && pending.length >= groupRows) {
      await pq.write(encoder.writeOptions(encoder.columnData(pending.slice(0, groupRows)), groupRows));
      pending = pending.slice(groupRows);
      await yieldToEventLoop();
    }
  }
  if (pending.length) await pq.write(encoder.writeOptions(encoder.columnData(pending), pending.length));
  await pq.finish();
  return (await stat(target)).size;
}
