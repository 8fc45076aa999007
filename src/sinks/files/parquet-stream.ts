/**
 * A Parquet file written as rows stream in: rows are held only until they fill a row group, which is encoded and
 * handed out as bytes at once, so memory is bounded by one row group whatever the batch. Row groups have the size
 * the whole-batch encoder gives them (rowsPerGroup from the first rows), so the file holds the same groups.
 */
import { ByteWriter } from 'hyparquet-writer';
import type { Row } from '../../model/types.js';
import type { FileEncoding } from './file-format.js';
import type { ParquetEncoder } from './parquet-encoder.js';

/** A ByteWriter whose bytes are taken out as they come; its offset keeps counting, as the footer needs. */
export function drainingWriter(): { writer: ByteWriter; drain: () => Uint8Array } {
  const writer = new ByteWriter();
  return {
    writer,
    drain() {
      const bytes = writer.getBytes().slice();
      writer.index = 0;
      return bytes;
    },
  };
}

/** Feeds rows to `write` in row groups of a fixed size, decided from the first rows seen. */
export function rowGrouper(encoder: ParquetEncoder, write: (rows: Row[], groupRows: number) => void) {
  let groupRows = 0;
  let pending: Row[] = [];
  return {
    add(rows: Row[]): void {
      if (!rows.length) return;
      if (!groupRows) groupRows = encoder.rowsPerGroup(rows);
      pending = pending.length ? pending.concat(rows) : rows;
      while (pending.length >= groupRows) {
        write(pending.slice(0, groupRows), groupRows);
        pending = pending.slice(groupRows);
      }
    },
    flush(): void {
      if (pending.length) write(pending, pending.length);
      pending = [];
    },
  };
}

export function parquetFileEncoding(encoder: ParquetEncoder): FileEncoding {
  const { writer, drain } = drainingWriter();
  const pq = encoder.open(writer);
  const groups = rowGrouper(encoder, (rows, groupRows) => void pq.write(encoder.writeOptions(encoder.columnData(rows), groupRows)));
  return {
    head: drain,
    chunk(rows) {
      groups.add(rows);
      return drain();
    },
    end() {
      groups.flush();
      pq.finish();
      return drain();
    },
  };
}
