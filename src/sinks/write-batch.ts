/** Writes a whole batch held in memory through a BatchWriter: for tests, benches and tools, not the worker path. */
import type { Row } from '../model/types.js';
import type { BatchResult, BatchWriter } from './types.js';

export async function writeBatch(writer: BatchWriter, batch: number, rows: Row[], chunkRows = 16_384): Promise<BatchResult> {
  const stream = await writer.begin(batch, { index: 0, count: 1, firstRow: 0, rows: rows.length });
  try {
    for (let i = 0; i < rows.length; i += chunkRows) await stream.write(rows.slice(i, i + chunkRows));
    return await stream.commit();
  } catch (err) {
    await stream.abort().catch(() => {});
    throw err;
  }
}
