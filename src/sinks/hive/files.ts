/**
 * Where the Hive sink's files go with HIVE_ON_HDFS (the default): HIVE_HDFS_FILE_PATH, written by the file sink of
 * the table's format (idempotent batches, single-file mode and DELETE_PREVIOUS as the hdfs_* sinks have them), named
 * <table>-<batch>.<ext>. A plain path is on HDFS (the namenode from HDFS_URL or HDFS_URI, as the hdfs_* sinks): the
 * table's LOCATION is that path on the HiveServer2's default file system. A file:///… path is on the service's own
 * file system, confined to its output directories like LOCAL_FILE_PATH: for a HiveServer2 on the same machine whose
 * file system is file:/// (the tests' server).
 */
import { BadRequestError } from '../../errors.js';
import { hdfsPlan, hdfsTarget } from '../destinations/hdfs-settings.js';
import { avroFormat } from '../files/avro.js';
import type { FileFormat } from '../files/file-format.js';
import { fileSink } from '../files/file-sink.js';
import type { FileStorage } from '../files/file-storage.js';
import { localStorage } from '../files/local-storage.js';
import { orcFormat } from '../files/orc.js';
import { parquetFormat } from '../files/parquet.js';
import { outputDir } from '../files/paths.js';
import type { Sink, SinkContext } from '../types.js';
import type { HiveFormat, HiveSinkOptions } from './options.js';

/** The formats whose files a typed Hive table reads as the encoders write them. */
const FORMATS: Partial<Record<HiveFormat, FileFormat>> = { orc: orcFormat, parquet: parquetFormat, avro: avroFormat };

const hdfsStorage: FileStorage = { servicePrefix: 'hdfs_', target: hdfsTarget };

export function isLocal(opts: HiveSinkOptions): boolean {
  return opts.filePath.startsWith('file:');
}

function localPath(opts: HiveSinkOptions): string {
  const url = URL.canParse(opts.filePath) ? new URL(opts.filePath) : undefined;
  if (!url || url.protocol !== 'file:' || (url.host !== '' && url.host !== 'localhost') || url.search || url.hash) {
    throw new BadRequestError('Table_Names.HIVE_HDFS_FILE_PATH must be an HDFS path (/…) or a file:///… URL of a local directory', { field: 'Table_Names.HIVE_HDFS_FILE_PATH' });
  }
  return decodeURIComponent(url.pathname);
}

/** The command seen by the file sink: its directory and file name from the Hive keys; no CSV header. */
export function fileContext(ctx: SinkContext, opts: HiveSinkOptions): SinkContext {
  const names: Record<string, string> = isLocal(opts)
    ? { LOCAL_FILE_PATH: localPath(opts), LOCAL_FILE_NAME: opts.table }
    : { HDFS_FILE_PATH: opts.filePath, HDFS_FILE_NAME: opts.table };
  // A managed table is loaded from every file of the directory: an earlier command's files must not be among them.
  const options = opts.tableType === 'managed' ? { ...ctx.model.options, DELETE_PREVIOUS: 'true' } : ctx.model.options;
  return { ...ctx, model: { ...ctx.model, tableNames: { ...ctx.model.tableNames, ...names }, options } };
}

export function fileSinkFor(opts: HiveSinkOptions): Sink {
  const format = FORMATS[opts.format];
  if (!format) {
    throw new BadRequestError(`Options.HIVE_TABLE_FORMAT ${opts.format.toUpperCase()} is not supported with HIVE_ON_HDFS yet: use ORC, PARQUET or AVRO, or JSON with HIVE_ON_HDFS=false`, {
      field: 'Options.HIVE_TABLE_FORMAT',
    });
  }
  return fileSink(format, isLocal(opts) ? localStorage : hdfsStorage);
}

/** The table's LOCATION: file:///<confined dir> or the HDFS directory. */
export function tableLocation(ctx: SinkContext, opts: HiveSinkOptions): string {
  const fctx = fileContext(ctx, opts);
  try {
    return isLocal(opts) ? `file://${outputDir(fctx)}` : hdfsPlan(fctx).dir;
  } catch (err) {
    // The file sink's own key names what the Hive sink calls HIVE_HDFS_FILE_PATH.
    const field = err instanceof BadRequestError ? err.details?.field : undefined;
    if (field === 'Table_Names.LOCAL_FILE_PATH' || field === 'Table_Names.HDFS_FILE_PATH') {
      throw new BadRequestError((err as Error).message.replace(/Table_Names\.(LOCAL|HDFS)_FILE_PATH/g, 'Table_Names.HIVE_HDFS_FILE_PATH'), { field: 'Table_Names.HIVE_HDFS_FILE_PATH' });
    }
    throw err;
  }
}
