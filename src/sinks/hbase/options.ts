/**
 * The HBase sink's options, read and checked once (validate): namespace, table, row key columns and the
 * column → family mapping ("cf:c1,c2;cf2:c3"; unmapped columns go to the default family "cq", always created).
 */
import { BadRequestError } from '../../errors.js';
import type { Column } from '../../model/types.js';
import { refuseKeyFaults } from '../key-fault-check.js';
import type { SinkContext } from '../types.js';
import { booleanSetting, requiredProperty, setting } from '../kafka/settings.js';
import { redactUrlUserInfo } from '../../secrets/url-user-info.js';
import type { HttpEndpoint } from '../http/http-endpoint.js';
import { HBASE_VALUE_ENCODINGS, type HBaseValueEncoding } from './cell-value.js';
import { hbaseRestEndpoint } from './rest-endpoint.js';

export const DEFAULT_FAMILY = 'cq';
export const DEFAULT_KEY_SEPARATOR = '|';
export const LEGAL_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
const LEGAL_FAMILY = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

export interface HBaseSinkOptions {
  /** The REST gateway: URL, basic auth, CA. */
  rest: HttpEndpoint;
  namespace: string;
  table: string;
  /** "ns:table", or just "table" in the default namespace. */
  qualifiedTable: string;
  /** Row key columns; none: the key is derived from command, batch and row index. */
  keyColumns: string[];
  keySeparator: string;
  /** Column name → family. */
  familyOf: Map<string, string>;
  /** Every family of the table, the default one included. */
  families: string[];
  deletePrevious: boolean;
  valueEncoding: HBaseValueEncoding;
}

export function hbaseOptions(ctx: SinkContext): HBaseSinkOptions {
  const restUrl = requiredProperty(ctx, 'HBASE_REST_URL', 'hbase');
  if (!/^https?:\/\/[^/]/.test(restUrl)) throw new BadRequestError(`HBASE_REST_URL "${redactUrlUserInfo(restUrl)}" must be an http(s) URL of the HBase REST gateway`, { field: 'HBASE_REST_URL' });
  const namespace = setting(ctx, 'Table_Names', 'HBASE_NAMESPACE') ?? 'default';
  const table = setting(ctx, 'Table_Names', 'HBASE_TABLE_NAME') ?? ctx.model.name;
  for (const [key, value] of [['HBASE_NAMESPACE', namespace], ['HBASE_TABLE_NAME', table]] as const) {
    if (!LEGAL_NAME.test(value)) {
      throw new BadRequestError(`Table_Names.${key} "${value}" is not a legal HBase name (letters, digits, _ . -; not starting with . or -)`, { field: `Table_Names.${key}` });
    }
  }
  const keyColumns = (setting(ctx, 'Options', 'HBASE_PRIMARY_KEY') ?? '').split(',').map((c) => c.trim()).filter(Boolean);
  for (const c of keyColumns) requireColumn(ctx.columns, c, 'Options.HBASE_PRIMARY_KEY');
  refuseKeyFaults(ctx, keyColumns, 'HBASE_PRIMARY_KEY', 'and a put keeps one row per key');
  const { familyOf, families } = familyMapping(ctx.columns, setting(ctx, 'Options', 'HBASE_COLUMN_FAMILIES_MAPPING') ?? '');
  return {
    rest: hbaseRestEndpoint(ctx.settings.properties)!,
    namespace,
    table,
    qualifiedTable: namespace === 'default' ? table : `${namespace}:${table}`,
    keyColumns,
    keySeparator: setting(ctx, 'Options', 'HBASE_PRIMARY_KEY_SEPARATOR') ?? DEFAULT_KEY_SEPARATOR,
    familyOf,
    families,
    deletePrevious: booleanSetting(ctx, 'Options', 'DELETE_PREVIOUS', false),
    valueEncoding: valueEncoding(setting(ctx, 'Options', 'HBASE_VALUE_ENCODING')),
  };
}

function valueEncoding(v: string | undefined): HBaseValueEncoding {
  const encoding = (v ?? 'binary').toLowerCase();
  if (!(HBASE_VALUE_ENCODINGS as readonly string[]).includes(encoding)) {
    throw new BadRequestError(`Options.HBASE_VALUE_ENCODING "${v}" must be one of ${HBASE_VALUE_ENCODINGS.join(', ')} (binary: HBase Bytes.toBytes of the typed value, as the original; text: every value as text)`, { field: 'Options.HBASE_VALUE_ENCODING' });
  }
  return encoding as HBaseValueEncoding;
}

function requireColumn(columns: Column[], name: string, field: string): void {
  if (!columns.some((c) => c.name === name)) {
    throw new BadRequestError(`${field} names "${name}", which is not an output column (${columns.map((c) => c.name).join(', ')})`, { field });
  }
}

/** Parses "cf:c1,c2;cf2:c3". Every output column gets a family; a column mapped twice is an error. */
export function familyMapping(columns: Column[], mapping: string): { familyOf: Map<string, string>; families: string[] } {
  const field = 'Options.HBASE_COLUMN_FAMILIES_MAPPING';
  const familyOf = new Map<string, string>();
  const families = new Set<string>();
  for (const part of mapping.split(';').map((p) => p.trim()).filter(Boolean)) {
    const colon = part.indexOf(':');
    const family = colon < 0 ? '' : part.slice(0, colon).trim();
    if (!LEGAL_FAMILY.test(family)) throw new BadRequestError(`${field}: "${part}" must read family:column1,column2 with a legal family name`, { field });
    families.add(family);
    for (const column of part.slice(colon + 1).split(',').map((c) => c.trim()).filter(Boolean)) {
      requireColumn(columns, column, field);
      const other = familyOf.get(column);
      if (other !== undefined && other !== family) throw new BadRequestError(`${field}: column "${column}" is mapped to both ${other} and ${family}`, { field });
      familyOf.set(column, family);
    }
  }
  for (const c of columns) if (!familyOf.has(c.name)) familyOf.set(c.name, DEFAULT_FAMILY);
  families.add(DEFAULT_FAMILY);
  return { familyOf, families: [...families] };
}
