/**
 * The Kudu sink's options, read and checked once (validate), with the original's keys: KUDU_MASTERS (its
 * kudu.url), Table_Names.KUDU_TABLE_NAME, Options KUDU_PRIMARY_KEYS, KUDU_HASH_KEYS, KUDU_BUCKETS,
 * KUDU_RANGE_KEYS, KUDU_REPLICAS, KUDU_BUFFER, KUDU_FLUSH, DELETE_PREVIOUS. A wrong value is a 400 naming its key.
 */
import { BadRequestError } from '../../errors.js';
import type { Value } from '../../model/types.js';
import { refuseKeyFaults } from '../key-fault-check.js';
import type { SinkContext } from '../types.js';
import { endpointsOf, formatEndpoint } from '../endpoints/parse-endpoints.js';
import { booleanSetting, intSetting, requiredProperty, setting, type Section } from '../kafka/settings.js';
import { FLUSH_CODE, type FlushMode } from './frames.js';
import { rangeSplits } from './range-splits.js';
import { NOT_KEY_TYPES, ROW_ID_COLUMN, tableColumns, type KuduColumn } from './schema.js';

export interface KuduSinkOptions {
  /** host:port,... of the masters, normalised. */
  masters: string;
  table: string;
  columns: KuduColumn[];
  /** The model's key columns; empty: the derived ROW_ID_COLUMN is the key. */
  primaryKeys: string[];
  hashKeys: string[];
  buckets: number;
  rangeKeys: string[];
  /** Where the range partitions start (one range key only). */
  rangeSplits: Value[];
  replicas: number;
  buffer: number;
  flush: FlushMode;
  deletePrevious: boolean;
}

const bad = (field: string, message: string) => new BadRequestError(`${field} ${message}`, { field });

function columnList(ctx: SinkContext, key: string): string[] {
  const list = (setting(ctx, 'Options', key) ?? '').split(',').map((c) => c.trim()).filter(Boolean);
  if (new Set(list).size !== list.length) throw bad(`Options.${key}`, 'names a column twice');
  return list;
}

export function kuduOptions(ctx: SinkContext): KuduSinkOptions {
  // host:port entries as the endpoint check reads them: a scheme or user-info someone wrote never reaches Kudu or a message.
  const masters = mastersOf(requiredProperty(ctx, 'KUDU_MASTERS', 'kudu'));
  if (booleanSetting(ctx, 'Table_Names', 'KUDU_USE_KERBEROS', false)) {
    throw bad('Table_Names.KUDU_USE_KERBEROS', '=true is not supported: the kudu sink connects without authentication');
  }
  const table = setting(ctx, 'Table_Names', 'KUDU_TABLE_NAME') ?? ctx.model.name;
  // eslint-disable-next-line no-control-regex
  if (table.length > 256 || /[\u0000-\u001f\u007f]/.test(table)) throw bad('Table_Names.KUDU_TABLE_NAME', `"${table.slice(0, 40)}" is not a Kudu table name (at most 256 characters, no control characters)`);

  const names = ctx.columns.map((c) => c.name);
  if (names.includes(ROW_ID_COLUMN)) throw bad(`Fields.${ROW_ID_COLUMN}`, 'is the name of the column the kudu sink adds as a row key; rename the field');
  const primaryKeys = columnList(ctx, 'KUDU_PRIMARY_KEYS');
  for (const c of primaryKeys) {
    if (!names.includes(c)) throw bad('Options.KUDU_PRIMARY_KEYS', `names "${c}", which is not an output column (${names.join(', ')})`);
  }
  refuseKeyFaults(ctx, primaryKeys, 'KUDU_PRIMARY_KEYS', 'and an upsert keeps one row per key');
  const columns = tableColumns(ctx.columns, primaryKeys);
  for (const c of columns.filter((col) => col.key)) {
    if (NOT_KEY_TYPES.includes(c.type)) throw bad('Options.KUDU_PRIMARY_KEYS', `names "${c.name}" (${c.source?.type}, Kudu ${c.type}): Kudu refuses ${NOT_KEY_TYPES.join(' and ')} key columns`);
  }
  const keyNames = columns.filter((c) => c.key).map((c) => c.name);
  const partitionKeys = (key: string): string[] => {
    const list = columnList(ctx, key);
    for (const c of list) {
      if (!keyNames.includes(c)) {
        const keys = primaryKeys.length ? `KUDU_PRIMARY_KEYS (${keyNames.join(', ')})` : `the key (${ROW_ID_COLUMN}: KUDU_PRIMARY_KEYS is unset)`;
        throw bad(`Options.${key}`, `names "${c}", which is not a column of ${keys}: Kudu partitions by key columns only`);
      }
    }
    return list;
  };
  const rangeKeys = partitionKeys('KUDU_RANGE_KEYS');
  let hashKeys = partitionKeys('KUDU_HASH_KEYS');
  // Kudu needs a partitioning: without hash or range keys, hash the whole key.
  if (hashKeys.length === 0 && rangeKeys.length === 0) hashKeys = keyNames;
  const buckets = intSetting(ctx, 'Options', 'KUDU_BUCKETS', 32);
  if (buckets < 2 && hashKeys.length > 0) throw bad('Options.KUDU_BUCKETS', `must be at least 2 (Kudu's least number of hash buckets), got ${buckets}`);
  const replicas = intSetting(ctx, 'Options', 'KUDU_REPLICAS', 1);
  if (replicas % 2 === 0) throw bad('Options.KUDU_REPLICAS', `must be odd (Kudu's Raft needs a majority), got ${replicas}`);
  return {
    masters,
    table,
    columns,
    primaryKeys,
    hashKeys,
    buckets,
    rangeKeys,
    rangeSplits: rangeSplits(ctx.model.fields, columns, rangeKeys),
    replicas,
    buffer: intSetting(ctx, 'Options', 'KUDU_BUFFER', 100_001),
    flush: flushMode(ctx, 'Options', 'KUDU_FLUSH'),
    deletePrevious: booleanSetting(ctx, 'Options', 'DELETE_PREVIOUS', false),
  };
}

function flushMode(ctx: SinkContext, section: Section, key: string): FlushMode {
  const v = setting(ctx, section, key)?.toUpperCase();
  if (v === undefined) return 'MANUAL_FLUSH';
  if (v in FLUSH_CODE) return v as FlushMode;
  throw bad(`${section}.${key}`, `must be one of ${Object.keys(FLUSH_CODE).join(', ')}, got "${v}"`);
}

/** KUDU_MASTERS as host:port,host:port (a 400 naming it when an entry is not host:port). */
export function mastersOf(value: string): string {
  return endpointsOf('host-list', value, 'KUDU_MASTERS').map(formatEndpoint).join(',');
}
