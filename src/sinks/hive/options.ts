/**
 * The Hive sink's settings, read and checked once (validate) from the model's Table_Names and Options (then the
 * service properties), with the original's defaults: database datagen, table the model's name, EXTERNAL, ORC,
 * HIVE_ON_HDFS true, files under /user/datagen/hive/<model>/.
 */
import { BadRequestError } from '../../errors.js';
import type { Column } from '../../model/types.js';
import { booleanSetting, intSetting, oneOfSetting, requiredProperty, setting } from '../kafka/settings.js';
import type { SinkContext } from '../types.js';

export const HIVE_FORMATS = ['orc', 'parquet', 'avro', 'json', 'csv'] as const;
export type HiveFormat = (typeof HIVE_FORMATS)[number];
export const HIVE_TABLE_TYPES = ['external', 'managed', 'iceberg'] as const;
export type HiveTableType = (typeof HIVE_TABLE_TYPES)[number];

export interface HiveSinkOptions {
  host: string;
  port: number;
  user: string;
  password?: string;
  database: string;
  table: string;
  tableType: HiveTableType;
  format: HiveFormat;
  /** true: files in the table's format, then a table over them; false: INSERT statements through the connection. */
  onHdfs: boolean;
  /** HIVE_HDFS_FILE_PATH as given: an HDFS path, or file:///… on the service's own file system. */
  filePath: string;
  deletePrevious: boolean;
  /** MANAGED: the external table over the files, loaded into the table and dropped at finalize. */
  tempTable: string;
  partitions: string[];
  buckets: string[];
  bucketsNumber: number;
  /** ICEBERG: format version 2 (HIVE_TABLE_ICEBERG_V2, default true as the original's). */
  icebergV2: boolean;
}

export const LEGAL_NAME = /^[A-Za-z0-9_]{1,128}$/;
const HIVE_URL = /^hive2:\/\/(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})\/?$/;

/** The model name as a Hive table name: every character that is not a letter, digit or _ becomes _. */
export function defaultTableName(modelName: string): string {
  return modelName.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 128) || 'datagen';
}

function legalName(ctx: SinkContext, key: string, fallback: string): string {
  const value = setting(ctx, 'Table_Names', key) ?? fallback;
  if (!LEGAL_NAME.test(value)) {
    throw new BadRequestError(`Table_Names.${key} "${value.slice(0, 130)}" is not a plain Hive name (letters, digits and _ only, at most 128)`, { field: `Table_Names.${key}` });
  }
  return value;
}

export function parseHiveUrl(raw: string): { host: string; port: number } {
  const m = HIVE_URL.exec(raw.trim());
  const port = m ? Number(m[2]) : 0;
  if (!m || port < 1 || port > 65535) {
    // Not quoted: a URL with user-info may hold a password.
    throw new BadRequestError('HIVE_URL must read hive2://host:port (the HiveServer2 Thrift address, no user or options in it)', { field: 'HIVE_URL' });
  }
  return { host: m[1]!.replace(/^\[|\]$/g, ''), port };
}

export function hiveOptions(ctx: SinkContext): HiveSinkOptions {
  const { host, port } = parseHiveUrl(requiredProperty(ctx, 'HIVE_URL', 'hive'));
  if (booleanSetting(ctx, 'Table_Names', 'HIVE_USE_KERBEROS', false)) {
    throw new BadRequestError('Table_Names.HIVE_USE_KERBEROS=true is not supported: this service has no Kerberos client; use a HiveServer2 with NONE or LDAP authentication (HIVE_USER, HIVE_PASSWORD)', {
      field: 'Table_Names.HIVE_USE_KERBEROS',
    });
  }
  const user = setting(ctx, 'Table_Names', 'HIVE_USER') ?? 'datagen';
  if (!/^[A-Za-z0-9._@-]{1,128}$/.test(user)) throw new BadRequestError('Table_Names.HIVE_USER is not a user name (letters, digits, . _ @ - only)', { field: 'Table_Names.HIVE_USER' });
  const table = legalName(ctx, 'HIVE_TABLE_NAME', defaultTableName(ctx.model.name));
  const password = ctx.settings.properties.HIVE_PASSWORD;
  return {
    host,
    port,
    user,
    ...(password ? { password } : {}),
    database: legalName(ctx, 'HIVE_DATABASE', 'datagen'),
    table,
    tableType: oneOfSetting(ctx, 'Options', 'HIVE_TABLE_TYPE', HIVE_TABLE_TYPES, 'external'),
    format: oneOfSetting(ctx, 'Options', 'HIVE_TABLE_FORMAT', HIVE_FORMATS, 'orc'),
    onHdfs: booleanSetting(ctx, 'Options', 'HIVE_ON_HDFS', true),
    filePath: setting(ctx, 'Table_Names', 'HIVE_HDFS_FILE_PATH') ?? `/user/datagen/hive/${table}/`,
    deletePrevious: booleanSetting(ctx, 'Options', 'DELETE_PREVIOUS', false),
    tempTable: legalName(ctx, 'HIVE_TEMPORARY_TABLE_NAME', `${table}_tmp`.slice(0, 128)),
    partitions: columnList(ctx, 'HIVE_TABLE_PARTITIONS_COLS'),
    buckets: columnList(ctx, 'HIVE_TABLE_BUCKETS_COLS'),
    bucketsNumber: intSetting(ctx, 'Options', 'HIVE_TABLE_BUCKETS_NUMBER', 32),
    icebergV2: booleanSetting(ctx, 'Options', 'HIVE_TABLE_ICEBERG_V2', true),
  };
}

/** "c1,c2" naming output columns, each once. */
function columnList(ctx: SinkContext, key: string): string[] {
  const field = `Options.${key}`;
  const names = (setting(ctx, 'Options', key) ?? '').split(',').map((c) => c.trim()).filter(Boolean);
  for (const name of names) {
    if (!ctx.columns.some((c) => c.name === name)) {
      throw new BadRequestError(`${field} names "${name}", which is not an output column (${ctx.columns.map((c) => c.name).join(', ')})`, { field });
    }
  }
  if (new Set(names).size !== names.length) throw new BadRequestError(`${field} names a column twice`, { field });
  return names;
}

/** Refuses what this sink does not do yet, naming the key. */
export function assertSupported(opts: HiveSinkOptions, columns: Column[]): void {
  if (opts.tableType !== 'external' && !opts.onHdfs) {
    throw new BadRequestError(`Options.HIVE_TABLE_TYPE ${opts.tableType.toUpperCase()} is loaded from files: it needs Options.HIVE_ON_HDFS=true`, { field: 'Options.HIVE_ON_HDFS' });
  }
  if (opts.tableType === 'iceberg' && !['orc', 'parquet', 'avro'].includes(opts.format)) {
    throw new BadRequestError(`Options.HIVE_TABLE_FORMAT ${opts.format.toUpperCase()}: an Iceberg table holds ORC, PARQUET or AVRO files`, { field: 'Options.HIVE_TABLE_FORMAT' });
  }
  if (opts.tableType === 'external' && (opts.partitions.length > 0 || opts.buckets.length > 0)) {
    const field = opts.partitions.length > 0 ? 'Options.HIVE_TABLE_PARTITIONS_COLS' : 'Options.HIVE_TABLE_BUCKETS_COLS';
    throw new BadRequestError(`${field} applies to MANAGED and ICEBERG tables only (Options.HIVE_TABLE_TYPE)`, { field });
  }
  if (opts.partitions.length > 0 && opts.partitions.length === columns.length) {
    throw new BadRequestError('Options.HIVE_TABLE_PARTITIONS_COLS names every column: a table needs one that is not a partition', { field: 'Options.HIVE_TABLE_PARTITIONS_COLS' });
  }
  const both = opts.buckets.find((c) => opts.partitions.includes(c));
  if (both) throw new BadRequestError(`"${both}" cannot be both a partition and a bucket column`, { field: 'Options.HIVE_TABLE_BUCKETS_COLS' });
  // Hive's delimited text splits a value holding a line break into two rows.
  if (opts.format === 'csv') {
    throw new BadRequestError('Options.HIVE_TABLE_FORMAT CSV is not supported: a Hive text table cannot hold a line break inside a value; use ORC, PARQUET, AVRO or JSON', {
      field: 'Options.HIVE_TABLE_FORMAT',
    });
  }
  if (columns.length === 0) throw new BadRequestError('the hive sink needs at least one output column', { field: 'Fields' });
}
