/**
 * Parquet files with hyparquet-writer, SNAPPY compressed. Pure: rows in, bytes out; the same column builder
 * feeds the incremental writer that assembles a single file from part files (parquet-assemble).
 */
import { ByteWriter, ParquetWriter } from 'hyparquet-writer';
import type { ColumnSource, Writer } from 'hyparquet-writer/src/types.js';
import type { Column, Row, Value } from '../../model/types.js';
import { asString, columnKind, convertValue } from './column-kinds.js';
import type { FileOptions } from './options.js';
import { CONVERT, columnValues, plainBySample, utf8Values } from './parquet-columns.js';
import { parquetSchema } from './parquet-schema.js';
import { snappyCompress } from './snappy.js';

const CREATED_BY = 'datagen-ts (hyparquet-writer)';
/**
 * Row groups are built in memory as JS values (several times their Parquet size): bound them. 65,536 rows of the
 * 10-field customer model: a serve writing a 5M-row parquet batch peaked at 357 MB (555 MB at 250,000 rows per
 * group), as fast (one core: 4.2 s for 500,000 rows, 4.9 s before); 32,768 saved 16 MB more for 2.5% larger files.
 */
export const MAX_ROWS_PER_GROUP = 65_536;

/** Rough uncompressed bytes per value, to turn PARQUET_ROW_GROUP_SIZE (bytes, as in the original) into rows. */
function valueBytes(v: Value | undefined): number {
  if (v === null || v === undefined) return 0;
  if (typeof v === 'string') return 4 + v.length;
  if (v instanceof Uint8Array) return 4 + v.byteLength;
  if (typeof v === 'boolean') return 1;
  return 8;
}

export type ParquetSettings = Pick<FileOptions, 'parquetPageSize' | 'parquetRowGroupSize' | 'parquetDictionaryPageSize' | 'parquetDictionaryEncoding'>;

export interface ParquetEncoder {
  /** Column-major data of `rows` (values converted to their Parquet JS form). */
  columnData(rows: Row[]): ColumnSource[];
  /** Rows per row group for data like `rows`. */
  rowsPerGroup(rows: Row[]): number;
  /** A complete Parquet file holding `rows`. */
  encodeFile(rows: Row[]): Uint8Array;
  /** An incremental writer on `writer` with this schema and settings. */
  open(writer: Writer): ParquetWriter;
  /** write() options for one group of column data. */
  writeOptions(columnData: ColumnSource[], rowsPerGroup: number): Parameters<ParquetWriter['write']>[0];
}

export interface ParquetEncoderOptions {
  /**
   * 'generic': each value through its kind's conversion and text handed over as strings, the original path (a
   * baseline for tests and benches, with hyparquet-writer's own snappy); the default converts per kind, hands PLAIN
   * text over as UTF-8 bytes and compresses with snappy.ts (the same bytes, faster).
   */
  values?: 'typed' | 'generic';
}

export function parquetEncoder(columns: Column[], settings: ParquetSettings, options: ParquetEncoderOptions = {}): ParquetEncoder {
  const schema = parquetSchema(columns);
  const converters = columns.map((c) => CONVERT[columnKind(c.type)]);
  const encoding = settings.parquetDictionaryEncoding ? undefined : ('PLAIN' as const);
  const generic = options.values === 'generic';

  const values = (rows: Row[], c: Column, i: number): unknown[] => {
    if (!generic) {
      const data = columnValues(rows, c);
      return columnKind(c.type) === 'string' && (encoding || plainBySample(data)) ? utf8Values(data) : data;
    }
    const convert = converters[i]!;
    const data = new Array(rows.length);
    for (let r = 0; r < rows.length; r++) {
      const v = rows[r]![c.name];
      data[r] = v === null || v === undefined ? null : typeof v === 'string' && convert === asString ? v : convertValue(c, convert, v);
    }
    return data;
  };

  const encoder: ParquetEncoder = {
    columnData(rows) {
      return columns.map((c, i) => {
        const data = values(rows, c, i);
        return encoding ? { name: c.name, data, encoding } : { name: c.name, data };
      });
    },
    rowsPerGroup(rows) {
      const sample = rows.slice(0, 1000);
      let bytes = 0;
      for (const row of sample) for (const c of columns) bytes += valueBytes(row[c.name]);
      const perRow = Math.max(1, bytes / Math.max(1, sample.length));
      return Math.min(MAX_ROWS_PER_GROUP, Math.max(1, Math.floor(settings.parquetRowGroupSize / perRow)));
    },
    open(writer) {
      return new ParquetWriter({ writer, schema, codec: 'SNAPPY', compressors: generic ? {} : { SNAPPY: snappyCompress }, createdBy: CREATED_BY });
    },
    writeOptions(columnData, rowsPerGroup) {
      return {
        columnData,
        rowGroupSize: rowsPerGroup,
        pageSize: settings.parquetPageSize,
        dictionarySize: settings.parquetDictionaryPageSize,
      };
    },
    encodeFile(rows) {
      const writer = new ByteWriter();
      const pq = encoder.open(writer);
      if (rows.length) pq.write(encoder.writeOptions(encoder.columnData(rows), encoder.rowsPerGroup(rows)));
      pq.finish();
      return writer.getBytes();
    },
  };
  return encoder;
}
