/**
 * How a relational sink names itself in errors: "<sink> host:port table namespace.table", read loosely from the
 * settings (never throwing, never the credentials), so every error it raises says where it was writing.
 */
import { endpointsOf, formatEndpoint } from '../endpoints/parse-endpoints.js';
import { setting } from '../kafka/settings.js';
import type { SinkContext } from '../types.js';
import { sqlAddressSetting, sqlSettingKeys, type SqlKind } from './connection.js';
import type { SqlTableKeys } from './table-options.js';

export interface SqlSinkNames {
  sink: string;
  kind: SqlKind;
  /** The settings' prefix: POSTGRESQL, MYSQL. */
  prefix: string;
  tableKeys: SqlTableKeys;
  /** The namespace when Table_Names gives none (a function: MySQL's comes from the connection). */
  defaultNamespace: (ctx: SinkContext) => string;
}

export function describeSqlSink(names: SqlSinkNames, ctx: SinkContext): string {
  const given = sqlAddressSetting(ctx, names.prefix);
  let address = `(${sqlSettingKeys(names.prefix).url} unset)`;
  if (given) {
    try {
      address = endpointsOf(names.kind, given.value, given.key).map(formatEndpoint).join(',');
    } catch {
      address = `(${given.key} does not read)`;
    }
  }
  const namespace = setting(ctx, 'Table_Names', names.tableKeys.namespace) ?? names.defaultNamespace(ctx);
  const table = setting(ctx, 'Table_Names', names.tableKeys.table) ?? ctx.model.name;
  return `${names.sink} ${address} table ${namespace}.${table}`;
}

/** An error whose message starts with the sink's description: "<description>: <doing> failed: <cause>". */
export function sqlFailure(names: SqlSinkNames, ctx: SinkContext, doing: string, err: unknown): Error {
  return new Error(`${describeSqlSink(names, ctx)}: ${doing} failed: ${(err as Error)?.message || String(err)}`, { cause: err });
}
