/**
 * The Hive sink, through HiveServer2. prepare() creates HIVE_DATABASE if missing (DELETE_PREVIOUS: drops the table
 * first). With HIVE_ON_HDFS (the default) the batches are files of the table's format under HIVE_HDFS_FILE_PATH,
 * written by the file sink (files.ts), and finalize() creates the EXTERNAL table over them; with HIVE_ON_HDFS=false
 * prepare() creates the table and each batch is inserted through the connection (inserts.ts).
 */
import { HDFS_ENDPOINT_SETTINGS } from '../destinations/hdfs-settings.js';
import { withEndpointCheck } from '../endpoints/check.js';
import type { BatchWriter, Sink, SinkContext } from '../types.js';
import { connectHive, type HiveConnection, type HiveConnector } from './client.js';
import { HIVE_ENDPOINT_SETTINGS } from './connection-settings.js';
import { fileContext, fileSinkFor, isLocal, tableLocation } from './files.js';
import { insertStream } from './inserts.js';
import { assertSupported, hiveOptions, type HiveSinkOptions } from './options.js';
import { createIcebergTable, createManagedTable, createTable, ident, insertSelect, insertSelectAll, qualified } from './sql.js';

/** Connecting and each statement (an INSERT is a job on the server) fail after this long. */
const TIMEOUT_MS = 10 * 60_000;

export function describeHive(ctx: SinkContext): string {
  const url = ctx.settings.properties.HIVE_URL?.trim() || '(HIVE_URL unset)';
  // Only a well-formed hive2://host:port is shown: anything else may carry credentials.
  const shown = /^hive2:\/\/[A-Za-z0-9.:[\]-]+\/?$/.test(url) ? url : '(HIVE_URL)';
  const db = ctx.model.tableNames.HIVE_DATABASE || ctx.settings.properties.HIVE_DATABASE || 'datagen';
  const table = ctx.model.tableNames.HIVE_TABLE_NAME || ctx.settings.properties.HIVE_TABLE_NAME || ctx.model.name;
  return `hive ${shown} table ${db}.${table}`;
}

/** An error whose message starts with the sink and its address, e.g. "hive hive2://h:10000 table d.t: ...". */
export function hiveFailure(ctx: SinkContext, doing: string, err: unknown): Error {
  return new Error(`${describeHive(ctx)}: ${doing} failed: ${(err as Error)?.message ?? String(err)}`, { cause: err });
}

function checked(ctx: SinkContext): HiveSinkOptions {
  const opts = hiveOptions(ctx);
  assertSupported(opts, ctx.columns);
  if (opts.onHdfs) {
    const files = fileSinkFor(opts);
    // The location before the file sink's checks: its errors name HIVE_HDFS_FILE_PATH, not the file sink's own key.
    tableLocation(ctx, opts);
    files.validate(fileContext(ctx, opts));
  }
  return opts;
}

export function hiveSinkWith(connect: HiveConnector): Sink {
  async function withConnection<T>(ctx: SinkContext, opts: HiveSinkOptions, doing: string, step: (c: HiveConnection) => Promise<T>): Promise<T> {
    let conn: HiveConnection | undefined;
    try {
      conn = await connect({ host: opts.host, port: opts.port, user: opts.user, ...(opts.password ? { password: opts.password } : {}), timeoutMs: TIMEOUT_MS });
      return await step(conn);
    } catch (err) {
      throw hiveFailure(ctx, doing, err);
    } finally {
      await conn?.close();
    }
  }

  const table = (opts: HiveSinkOptions) => qualified(opts.database, opts.table);

  return {
    name: 'hive',
    validate: (ctx) => void checked(ctx),

    async prepare(ctx) {
      const opts = checked(ctx);
      await withConnection(ctx, opts, 'preparing the table', async (c) => {
        await c.execute(`CREATE DATABASE IF NOT EXISTS ${ident(opts.database)}`);
        if (opts.deletePrevious) await c.execute(`DROP TABLE IF EXISTS ${table(opts)}`);
        if (!opts.onHdfs) {
          // Hive writes this table's files: DROP TABLE (DELETE_PREVIOUS) removes them too, as with a managed table,
          // which a cluster with hive.strict.managed.tables would only accept as transactional ORC.
          const location = ctx.model.tableNames.HIVE_HDFS_FILE_PATH ? { location: opts.filePath } : {};
          await c.execute(createTable({ database: opts.database, table: opts.table, columns: ctx.columns, format: opts.format, external: true, purge: true, ...location }));
        }
      });
      if (opts.onHdfs) await fileSinkFor(opts).prepare(fileContext(ctx, opts));
    },

    async open(ctx): Promise<BatchWriter> {
      const opts = checked(ctx);
      if (opts.onHdfs) return fileSinkFor(opts).open(fileContext(ctx, opts));
      let conn: Promise<HiveConnection> | undefined;
      const connection = () =>
        (conn ??= connect({ host: opts.host, port: opts.port, user: opts.user, ...(opts.password ? { password: opts.password } : {}), timeoutMs: TIMEOUT_MS }));
      return {
        async begin(batch) {
          let c: HiveConnection;
          try {
            c = await connection();
          } catch (err) {
            conn = undefined;
            throw hiveFailure(ctx, `inserting batch ${batch}`, err);
          }
          const stream = insertStream(c, opts.database, opts.table, ctx.columns, `hive table ${opts.database}.${opts.table}`);
          const failing = <A extends unknown[], R>(f: (...a: A) => Promise<R>) => async (...a: A): Promise<R> => {
            try {
              return await f(...a);
            } catch (err) {
              throw hiveFailure(ctx, `inserting batch ${batch}`, err);
            }
          };
          return { write: failing(stream.write), commit: failing(stream.commit), abort: stream.abort };
        },
        async close() {
          const c = await conn?.catch(() => undefined);
          await c?.close();
        },
      };
    },

    async finalize(ctx) {
      const opts = checked(ctx);
      if (!opts.onHdfs) return;
      const fctx = fileContext(ctx, opts);
      await fileSinkFor(opts).finalize(fctx);
      const location = tableLocation(ctx, opts);
      if (opts.tableType === 'external') {
        await withConnection(ctx, opts, 'creating the external table', (c) =>
          c.execute(createTable({ database: opts.database, table: opts.table, columns: ctx.columns, format: opts.format, external: true, location })),
        );
        return;
      }
      // MANAGED and ICEBERG: an external table over the files, loaded into the table and dropped (the files stay).
      const spec = { database: opts.database, table: opts.table, columns: ctx.columns, format: opts.format, partitions: opts.partitions, buckets: opts.buckets, bucketsNumber: opts.bucketsNumber };
      const iceberg = opts.tableType === 'iceberg';
      await withConnection(ctx, opts, `loading the ${iceberg ? 'Iceberg' : 'managed'} table`, async (c) => {
        await c.execute(`DROP TABLE IF EXISTS ${qualified(opts.database, opts.tempTable)}`);
        await c.execute(createTable({ database: opts.database, table: opts.tempTable, columns: ctx.columns, format: opts.format, external: true, location }));
        if (iceberg) {
          await c.execute(createIcebergTable({ ...spec, v2: opts.icebergV2 }));
          await c.execute(insertSelectAll(opts.database, opts.table, ctx.columns, opts.tempTable));
        } else {
          await c.execute(createManagedTable(spec));
          if (opts.partitions.length) await c.execute('SET hive.exec.dynamic.partition.mode=nonstrict');
          await c.execute(insertSelect(spec, opts.tempTable));
        }
        await c.execute(`DROP TABLE IF EXISTS ${qualified(opts.database, opts.tempTable)}`);
      });
    },

    async abort(ctx) {
      const opts = checked(ctx);
      if (opts.onHdfs) await fileSinkFor(opts).abort(fileContext(ctx, opts));
    },

    outputTargets(ctx) {
      const opts = checked(ctx);
      const files = opts.onHdfs && isLocal(opts) ? fileSinkFor(opts) : undefined;
      return files?.outputTarget ? [files.outputTarget(fileContext(ctx, opts))] : [];
    },

    describe: describeHive,
  };
}

export const hiveSink: Sink = withEndpointCheck([...HIVE_ENDPOINT_SETTINGS, ...HDFS_ENDPOINT_SETTINGS], hiveSinkWith(connectHive));
