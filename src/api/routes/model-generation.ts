/**
 * /model_generation/*: a model built from existing data (spec §2.6), stored and answered in the Datagen format.
 * Files on HDFS (`filepath`), S3, ADLS and GCS (`bucket`, `key`) are read with the file sinks' destinations.
 * Local files are named by `filepath` and read only inside the directories a model may read (readable-files.ts).
 * Tables and topics are read on the servers the service's own settings name (POSTGRESQL_*, MYSQL_*, KAFKA_*, HBASE_REST_URL,
 * HIVE_URL): a
 * request names a table or a topic only.
 * `deep_analysis` is accepted as the original's parameter; the analysis is always the full one (docs/model-analysis.md).
 */
import type Router from '@koa/router';
import type { Context } from 'koa';
import { hbaseTableSource } from '../../analysis/sources/hbase-table.js';
import { hiveTableSource } from '../../analysis/sources/hive-table.js';
import { kafkaTopicSource } from '../../analysis/sources/kafka-topic.js';
import { localFileSource, type FileFormat } from '../../analysis/sources/local-file.js';
import { objectFileSource, STORES } from '../../analysis/sources/object-file.js';
import { mysqlTableSource } from '../../analysis/sources/mysql-table.js';
import { postgresqlTableSource } from '../../analysis/sources/postgresql-table.js';
import { plainName } from '../../analysis/sources/sql-table.js';
import type { RecordSource } from '../../analysis/record-source.js';
import { BadRequestError } from '../../errors.js';
import { readableFiles } from '../../readable-files.js';
import { sinkSettings } from '../../sinks/context.js';
import { LEGAL_NAME as LEGAL_HBASE_NAME } from '../../sinks/hbase/options.js';
import { LEGAL_NAME as LEGAL_HIVE_NAME } from '../../sinks/hive/options.js';
import { LEGAL_TOPIC } from '../../sinks/kafka/options.js';
import { analyseData, DEFAULT_SAMPLE_ROWS, MAX_SAMPLE_ROWS } from '../../use-cases/analyse-data.js';
import { callerOf } from '../caller.js';
import type { ApiDeps } from '../deps.js';
import { optionalBoolean, positiveInt, requestParams, type Params } from '../params.js';
import { apiRouter } from '../router.js';

export const LOCAL_FORMATS: readonly FileFormat[] = ['csv', 'json', 'avro', 'parquet', 'orc'];

function requiredParam(params: Params, name: string, what: string): string {
  const v = params[name]?.trim();
  if (!v) throw new BadRequestError(`parameter ${name} (${what}) is required`, { parameter: name });
  return v;
}

/** The analysis of `source` with the request's sample size, answered as JSON. */
async function answer(deps: ApiDeps, ctx: Context, params: Params, source: RecordSource): Promise<void> {
  optionalBoolean(params, 'deep_analysis');
  const sample = positiveInt(params, 'sample_rows', DEFAULT_SAMPLE_ROWS, MAX_SAMPLE_ROWS);
  ctx.body = await analyseData(deps, source, callerOf(ctx), sample);
}

export function modelGenerationRoutes(deps: ApiDeps): Router {
  const router = apiRouter({ prefix: '/model_generation' });
  for (const format of LOCAL_FORMATS) {
    router.post(`/${format}`, async (ctx) => {
      const params = requestParams(ctx);
      const file = requiredParam(params, 'filepath', `the ${format} file to analyse`);
      await answer(deps, ctx, params, localFileSource(format, file, readableFiles(deps.config)));
    });
  }
  /** A table name parameter, and an optional namespace one, in the sinks' plain form. */
  const tableParams = (params: Params, namespace: string) => {
    const table = plainName(requiredParam(params, 'table', 'the table to analyse'), 'table');
    const ns = params[namespace]?.trim();
    return { table, namespace: ns ? plainName(ns, namespace) : undefined };
  };
  router.post('/postgresql', async (ctx) => {
    const params = requestParams(ctx);
    const { table, namespace } = tableParams(params, 'schema');
    await answer(deps, ctx, params, postgresqlTableSource(sinkSettings(deps.config), table, namespace));
  });
  router.post('/mysql', async (ctx) => {
    const params = requestParams(ctx);
    const { table, namespace } = tableParams(params, 'database');
    await answer(deps, ctx, params, mysqlTableSource(sinkSettings(deps.config), table, namespace));
  });
  router.post('/kafka', async (ctx) => {
    const params = requestParams(ctx);
    const topic = requiredParam(params, 'topic', 'the topic to analyse');
    if (!LEGAL_TOPIC.test(topic)) throw new BadRequestError(`parameter topic "${topic}" is not a legal topic name (1-249 of a-z A-Z 0-9 . _ -)`, { parameter: 'topic' });
    await answer(deps, ctx, params, kafkaTopicSource(sinkSettings(deps.config), topic));
  });
  router.post('/hbase', async (ctx) => {
    const params = requestParams(ctx);
    const table = requiredParam(params, 'table', 'the table to analyse');
    const namespace = params.namespace?.trim() || undefined;
    for (const [name, value] of [['table', table], ['namespace', namespace]] as const) {
      if (value !== undefined && !LEGAL_HBASE_NAME.test(value)) throw new BadRequestError(`parameter ${name} "${value}" is not a legal HBase name (letters, digits, _ . -; not starting with . or -)`, { parameter: name });
    }
    await answer(deps, ctx, params, hbaseTableSource(sinkSettings(deps.config), table, namespace));
  });
  router.post('/hive', async (ctx) => {
    const params = requestParams(ctx);
    const table = requiredParam(params, 'table', 'the table to analyse');
    const database = params.database?.trim() || undefined;
    for (const [name, value] of [['table', table], ['database', database]] as const) {
      if (value !== undefined && !LEGAL_HIVE_NAME.test(value)) throw new BadRequestError(`parameter ${name} "${value}" is not a plain Hive name (letters, digits and _ only, at most 128)`, { parameter: name });
    }
    await answer(deps, ctx, params, hiveTableSource(sinkSettings(deps.config), table, database));
  });
  for (const store of STORES) {
    for (const format of LOCAL_FORMATS) {
      router.post(`/${store}-${format}`, async (ctx) => {
        const params = requestParams(ctx);
        const source = store === 'hdfs'
          ? objectFileSource(store, format, sinkSettings(deps.config), requiredParam(params, 'filepath', `the ${format} file's HDFS path`))
          : objectFileSource(store, format, sinkSettings(deps.config), requiredParam(params, 'key', `the ${format} file's key`), requiredParam(params, 'bucket', store === 'adls' ? 'the container' : 'the bucket'));
        await answer(deps, ctx, params, source);
      });
    }
  }
  return router;
}
