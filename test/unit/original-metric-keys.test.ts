import test from 'ava';
import { originalMetricKeys } from '../../src/original-metric-keys.js';

const services = { fileSinks: ['csv', 'hdfs_parquet', 's3_json'], otherSinks: ['kafka', 'kudu', 'postgresql'] };

test('every sink has its keys, 0 when nothing was written, file sinks with a files counter too', (t) => {
  const keys = originalMetricKeys({ allRows: 0, generations: 0, rowsBySink: {}, filesBySink: {} }, services);
  t.deepEqual(Object.keys(keys).sort(), [
    'ALL_ROWS_GENERATED', 'CSV_FILES_GENERATED', 'CSV_ROWS_GENERATED', 'GENERATIONS_MADE', 'HDFS_PARQUET_FILES_GENERATED', 'HDFS_PARQUET_ROWS_GENERATED',
    'KAFKA_ROWS_GENERATED', 'KUDU_ROWS_GENERATED', 'POSTGRESQL_ROWS_GENERATED', 'S3_JSON_FILES_GENERATED', 'S3_JSON_ROWS_GENERATED',
  ]);
  t.true(Object.values(keys).every((v) => v === 0));
});

test('rows and files come from their own counters (the original computed CSV rows from the files counter)', (t) => {
  const keys = originalMetricKeys({ allRows: 500, generations: 2, rowsBySink: { csv: 300, kafka: 500 }, filesBySink: { csv: 3 } }, services);
  t.like(keys, { ALL_ROWS_GENERATED: 500, GENERATIONS_MADE: 2, CSV_ROWS_GENERATED: 300, CSV_FILES_GENERATED: 3, KAFKA_ROWS_GENERATED: 500, S3_JSON_ROWS_GENERATED: 0 });
});
