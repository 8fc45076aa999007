/**
 * Joins Parquet part files into one file: each part is read back (hyparquet) and its rows re-encoded into row
 * groups of the configured size; a row group may span batches, and rows keep batch order.
 */
import { readFile, stat } from 'node:fs/promises';
import { parquetReadObjects } from 'hyparquet';
import { fileWriter } from 'hyparquet-writer';
import type { Row } from '../../model/types.js';
import type { ParquetEncoder } from './parquet-encoder.js';

async function readRows(file: string): Promise<Row[]> {
  const bytes = await readFile(file);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  // utf8: false keeps plain BYTE_ARRAY (BYTES, HASH_MD5) as bytes; UTF8 columns still read as strings.
  return (await parquetReadObjects({ file: buffer, utf8: false })) as Row[];
}

export async function assembleParquet(encoder: ParquetEncoder, parts: string[], target: string): Promise<number> {
  const pq = encoder.open(fileWriter(target));
  let pending: Row[] = [];
  let groupRows = 0;
  for (const part of parts) {
    const rows = await readRows(part);
    if (!groupRows && rows.length) groupRows = encoder.rowsPerGroup(rows);
    pending = pending.length ? pending.concat(rows) : rows;
    while (groupRows && pending.length >= groupRows) {
      await pq.write(encoder.writeOptions(encoder.columnData(pending.slice(0, groupRows)), groupRows));
      pending = pending.slice(groupRows);
    }
  }
  if (pending.length) await pq.write(encoder.writeOptions(encoder.columnData(pending), pending.length));
  await pq.finish();
  return (await stat(target)).size;
}
