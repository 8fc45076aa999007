/**
 * Pure HiveQL for the Hive sink: column types from the model's field types, quoted names, value literals, and the
 * statements it runs. Column types follow the typed file formats' storage kinds (src/sinks/files/column-kinds.ts),
 * so an external table reads the Parquet, ORC and Avro files those encoders write: the original's mapping, corrected
 * where it lost information (TIMESTAMP and DATE are TIMESTAMP, not BIGINT and DATE; BIRTHDATE is DATE; FLOAT is
 * DOUBLE, as generated; BYTES and HASH_MD5 are BINARY, not STRING).
 */
import type { Column, FieldType, Row, Value } from '../../model/types.js';
import {
  asBoolean, asBytes, asDouble, asEpochDays, asEpochMillis, asInt32, asInt64, asString, columnKind, convertValue, type ColumnKind,
} from '../files/column-kinds.js';

const HIVE_TYPES: Record<ColumnKind, string> = {
  string: 'STRING',
  int32: 'INT',
  int64: 'BIGINT',
  double: 'DOUBLE',
  boolean: 'BOOLEAN',
  bytes: 'BINARY',
  timestamp: 'TIMESTAMP',
  date: 'DATE',
};

export function hiveType(type: FieldType): string {
  return HIVE_TYPES[columnKind(type)];
}

/** `name` quoted as a Hive identifier (backticks, a backtick doubled). */
export function ident(name: string): string {
  return `\`${name.replace(/`/g, '``')}\``;
}

/** database.table, both quoted. */
export function qualified(database: string, table: string): string {
  return `${ident(database)}.${ident(table)}`;
}

/** A Hive string literal: backslash escapes (Hive does not read '' as a quote, it joins adjacent literals). */
export function stringLiteral(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

const MIN_BIGINT = -(2n ** 63n);

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** 'yyyy-MM-dd HH:mm:ss.SSS' of epoch ms, in UTC (Hive's TIMESTAMP has no zone: the wall clock of UTC). */
export function timestampText(ms: bigint): string {
  const d = new Date(Number(ms));
  const date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
  return `${date} ${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}.${pad(d.getUTCMilliseconds(), 3)}`;
}

function dateText(days: number): string {
  return timestampText(BigInt(days) * 86_400_000n).slice(0, 10);
}

const LITERALS: Record<ColumnKind, (v: Value) => string> = {
  string: (v) => stringLiteral(asString(v)),
  int32: (v) => String(asInt32(v)),
  // The L suffix types the literal BIGINT; the smallest one has no positive counterpart to negate.
  int64: (v) => {
    const n = asInt64(v);
    return n === MIN_BIGINT ? '(-9223372036854775807L - 1L)' : `${n}L`;
  },
  double: (v) => {
    const n = asDouble(v);
    return Number.isFinite(n) ? `${n}D` : `CAST(${stringLiteral(String(n))} AS DOUBLE)`;
  },
  boolean: (v) => (asBoolean(v) ? 'TRUE' : 'FALSE'),
  bytes: (v) => `unhex('${Buffer.from(asBytes(v)).toString('hex')}')`,
  timestamp: (v) => `TIMESTAMP '${timestampText(asEpochMillis(v))}'`,
  date: (v) => `DATE '${dateText(asEpochDays(v))}'`,
};

/** One value as a literal of its column's Hive type; NULL for null. */
export function literal(column: Column, v: Value): string {
  if (v === null || v === undefined) return 'NULL';
  return convertValue(column, LITERALS[columnKind(column.type)], v) as string;
}

/** "(v1, v2, ...)" of one row, in column order. */
export function rowTuple(columns: Column[], row: Row): string {
  return `(${columns.map((c) => literal(c, row[c.name] ?? null)).join(', ')})`;
}

/** The column list of a CREATE TABLE: `name` TYPE, ... */
export function columnDefinitions(columns: Column[]): string {
  return columns.map((c) => `${ident(c.name)} ${hiveType(c.type)}`).join(', ');
}

/** How a table of each format is stored (JSON only for tables Hive itself writes: HIVE_ON_HDFS=false). */
const STORAGE: Record<string, string> = {
  orc: 'STORED AS ORC',
  parquet: 'STORED AS PARQUET',
  avro: 'STORED AS AVRO',
  json: 'STORED AS JSONFILE',
};

export interface TableSpec {
  database: string;
  table: string;
  columns: Column[];
  format: string;
  external: boolean;
  location?: string;
  /** DROP TABLE deletes the data too (external.table.purge): for the tables whose files Hive itself writes. */
  purge?: boolean;
}

export function createTable(spec: TableSpec): string {
  const kind = spec.external ? 'EXTERNAL TABLE' : 'TABLE';
  const location = spec.location !== undefined ? ` LOCATION ${stringLiteral(spec.location)}` : '';
  const purge = spec.purge ? " TBLPROPERTIES ('external.table.purge'='true')" : '';
  return `CREATE ${kind} IF NOT EXISTS ${qualified(spec.database, spec.table)} (${columnDefinitions(spec.columns)}) ${STORAGE[spec.format]}${location}${purge}`;
}

export function insertValues(database: string, table: string, tuples: string[]): string {
  return `INSERT INTO ${qualified(database, table)} VALUES ${tuples.join(', ')}`;
}

export interface ManagedSpec {
  database: string;
  table: string;
  columns: Column[];
  format: string;
  partitions: string[];
  buckets: string[];
  bucketsNumber: number;
}

/** The partition columns last, as Hive's PARTITIONED BY requires (the order of this table only). */
function tableOrder(spec: ManagedSpec): { data: Column[]; partitions: Column[] } {
  return {
    data: spec.columns.filter((c) => !spec.partitions.includes(c.name)),
    partitions: spec.partitions.map((p) => spec.columns.find((c) => c.name === p)!),
  };
}

export function createManagedTable(spec: ManagedSpec): string {
  const { data, partitions } = tableOrder(spec);
  const partitioned = partitions.length ? ` PARTITIONED BY (${columnDefinitions(partitions)})` : '';
  const clustered = spec.buckets.length ? ` CLUSTERED BY (${spec.buckets.map(ident).join(', ')}) INTO ${spec.bucketsNumber} BUCKETS` : '';
  return `CREATE TABLE IF NOT EXISTS ${qualified(spec.database, spec.table)} (${columnDefinitions(data)})${partitioned}${clustered} ${STORAGE[spec.format]}`;
}

export interface IcebergSpec extends ManagedSpec {
  /** Iceberg format version 2 (row-level deletes), HIVE_TABLE_ICEBERG_V2. */
  v2: boolean;
}

/** Hive 4's Iceberg DDL: STORED BY ICEBERG (orc, parquet or avro files), partitions as an Iceberg spec (identity, bucket). */
export function createIcebergTable(spec: IcebergSpec): string {
  const transforms = [...spec.partitions.map(ident), ...spec.buckets.map((b) => `bucket(${spec.bucketsNumber}, ${ident(b)})`)];
  const partitioned = transforms.length ? ` PARTITIONED BY SPEC (${transforms.join(', ')})` : '';
  const version = spec.v2 ? " TBLPROPERTIES ('format-version'='2')" : '';
  return `CREATE TABLE IF NOT EXISTS ${qualified(spec.database, spec.table)} (${columnDefinitions(spec.columns)})${partitioned} STORED BY ICEBERG STORED AS ${spec.format.toUpperCase()}${version}`;
}

/** INSERT INTO the Iceberg table from the temporary one, columns in the model's order (Iceberg partitions by value). */
export function insertSelectAll(database: string, table: string, columns: Column[], tempTable: string): string {
  return `INSERT INTO TABLE ${qualified(database, table)} SELECT ${columns.map((c) => ident(c.name)).join(', ')} FROM ${qualified(database, tempTable)}`;
}

/** INSERT INTO the managed table from the temporary one, partitions filled dynamically from their columns. */
export function insertSelect(spec: ManagedSpec, tempTable: string): string {
  const { data, partitions } = tableOrder(spec);
  const partition = partitions.length ? ` PARTITION (${partitions.map((c) => ident(c.name)).join(', ')})` : '';
  const select = [...data, ...partitions].map((c) => ident(c.name)).join(', ');
  return `INSERT INTO TABLE ${qualified(spec.database, spec.table)}${partition} SELECT ${select} FROM ${qualified(spec.database, tempTable)}`;
}
