/** Which outputs take a value of the wrong type (docs/dirty-data.md): JSON and CSV files only, local or on a lake. */
import test from 'ava';
import { storesTypedValues } from '../../../src/sinks/typed-output.js';

test('json and csv files take any value; every other sink is typed', (t) => {
  for (const s of ['json', 'csv', 's3_json', 'hdfs_csv', 'gcs_json']) t.false(storesTypedValues(s), s);
  for (const s of ['parquet', 'avro', 'orc', 's3_parquet', 'postgresql', 'mysql', 'kafka', 'solr', 'hbase', 'hive', 'kudu']) t.true(storesTypedValues(s), s);
});

test('multipleconnectors: typed as soon as one of its sinks is', (t) => {
  t.false(storesTypedValues('multipleconnectors', ['json', 'adls_csv']));
  t.true(storesTypedValues('multipleconnectors', ['json', 'parquet']));
});
