/**
 * Which table a relational sink fills, read once (pure): a namespace (PostgreSQL schema, MySQL database) and a
 * table from the model's Table_Names (the table defaults to the model's name), the primary key columns from
 * Options (refused with faults that would repeat or empty a key: src/sinks/key-fault-check.ts), DELETE_PREVIOUS.
 * Names are quoted in every statement; they are still held to a plain form so no quoting question arises and the
 * 400 says which key is wrong.
 */
import { BadRequestError } from '../../errors.js';
import { booleanSetting, setting } from '../kafka/settings.js';
import { refuseKeyFaults } from '../key-fault-check.js';
import type { SinkContext } from '../types.js';

/** Letters, digits, _ $ -; at most 63 characters (PostgreSQL's limit; MySQL's is 64). */
export const PLAIN_NAME = /^[A-Za-z0-9_][A-Za-z0-9_$-]{0,62}$/;

export interface SqlTableOptions {
  namespace: string;
  table: string;
  primaryKeys: string[];
  deletePrevious: boolean;
}

export interface SqlTableKeys {
  namespace: string;
  table: string;
  primaryKeys: string;
}

export function sqlTableOptions(ctx: SinkContext, keys: SqlTableKeys, defaultNamespace: string): SqlTableOptions {
  const namespace = setting(ctx, 'Table_Names', keys.namespace) ?? defaultNamespace;
  const table = setting(ctx, 'Table_Names', keys.table) ?? ctx.model.name;
  for (const [key, value] of [[keys.namespace, namespace], [keys.table, table]] as const) {
    if (!PLAIN_NAME.test(value)) {
      const given = setting(ctx, 'Table_Names', key) !== undefined ? '' : ' (from the model name)';
      throw new BadRequestError(`Table_Names.${key} "${value}"${given} is not a plain table name (letters, digits, _ $ -, at most 63)`, { field: `Table_Names.${key}` });
    }
  }
  const primaryKeys = (setting(ctx, 'Options', keys.primaryKeys) ?? '').split(',').map((c) => c.trim()).filter(Boolean);
  const names = ctx.columns.map((c) => c.name);
  for (const c of primaryKeys) {
    if (!names.includes(c)) {
      throw new BadRequestError(`Options.${keys.primaryKeys} names "${c}", which is not an output column (${names.join(', ')})`, { field: `Options.${keys.primaryKeys}` });
    }
  }
  if (new Set(primaryKeys).size !== primaryKeys.length) throw new BadRequestError(`Options.${keys.primaryKeys} names a column twice`, { field: `Options.${keys.primaryKeys}` });
  refuseKeyFaults(ctx, primaryKeys, keys.primaryKeys, 'which the table refuses');
  return { namespace, table, primaryKeys, deletePrevious: booleanSetting(ctx, 'Options', 'DELETE_PREVIOUS', false) };
}
