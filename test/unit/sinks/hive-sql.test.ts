/** The Hive sink's pure parts: column types, literals, statements and its settings' checks. */
import test from 'ava';
import { BadRequestError } from '../../../src/errors.js';
import { hiveOptions, parseHiveUrl } from '../../../src/sinks/hive/options.js';
import { createManagedTable, createTable, hiveType, ident, insertSelect, literal, rowTuple, stringLiteral, timestampText } from '../../../src/sinks/hive/sql.js';
import { sinkFor } from '../../../src/sinks/registry.js';
import { CUSTOMER_COLUMNS, customerModel, customerRow, sinkCtx } from '../../helpers/services/fixtures.js';

const URL = 'hive2://127.0.0.1:10000';
const ctx = (tableNames: Record<string, string> = {}, options: Record<string, string> = {}, properties: Record<string, string> = { HIVE_URL: URL }) =>
  sinkCtx(customerModel('my-customers', tableNames, options), properties, 10, 1, 'c1');

test('column types follow the typed files: TIMESTAMP and DATE are TIMESTAMP, BIRTHDATE DATE, FLOAT DOUBLE, bytes BINARY', (t) => {
  t.deepEqual(
    ['STRING', 'UUID', 'INTEGER', 'INCREMENT_INTEGER', 'LONG', 'FLOAT', 'BOOLEAN', 'TIMESTAMP', 'DATE', 'BIRTHDATE', 'BYTES', 'HASH_MD5', 'DATE_AS_STRING'].map((f) => hiveType(f as never)),
    ['STRING', 'STRING', 'INT', 'INT', 'BIGINT', 'DOUBLE', 'BOOLEAN', 'TIMESTAMP', 'TIMESTAMP', 'DATE', 'BINARY', 'BINARY', 'STRING'],
  );
});

test('literals: backslash-escaped strings (Hive joins adjacent literals, so a doubled quote would vanish), typed numbers, UTC timestamps', (t) => {
  t.is(stringLiteral(`O'Neil \\ "x"`), `'O\\'Neil \\\\ "x"'`);
  t.is(ident('a`b'), '`a``b`');
  t.is(literal({ name: 'n', type: 'LONG' }, -(2n ** 63n)), '(-9223372036854775807L - 1L)');
  t.is(literal({ name: 'n', type: 'LONG' }, 42n), '42L');
  t.is(literal({ name: 'f', type: 'FLOAT' }, 1.5), '1.5D');
  t.is(literal({ name: 'f', type: 'FLOAT' }, Number.NaN), "CAST('NaN' AS DOUBLE)");
  t.is(literal({ name: 'd', type: 'BIRTHDATE' }, '1999-12-31'), "DATE '1999-12-31'");
  t.is(literal({ name: 'b', type: 'BYTES' }, Uint8Array.of(0, 255)), "unhex('00ff')");
  t.is(literal({ name: 's', type: 'STRING' }, null), 'NULL');
  t.is(timestampText(1_700_000_000_123n), '2023-11-14 22:13:20.123');
  t.is(
    rowTuple(CUSTOMER_COLUMNS, customerRow(0, 1)),
    "('00000000-0000-4000-8000-000000000001', 'Name 1', 'user1@example.com', 19, 9007199254740994L, -1000.375D, FALSE, " +
      "TIMESTAMP '2023-11-14 22:13:20.001', TIMESTAMP '2024-01-01 00:00:01.000', unhex('0100ab00'))",
  );
  t.throws(() => literal({ name: 'age', type: 'INTEGER' }, 'x'), { message: /column "age" \(INTEGER\)/ });
});

test('MANAGED: partition columns last in the table only, buckets, and the load from the temporary table', (t) => {
  const spec = { database: 'd', table: 't', columns: CUSTOMER_COLUMNS.slice(0, 4), format: 'orc', partitions: ['name'], buckets: ['age'], bucketsNumber: 8 };
  t.is(createManagedTable(spec), 'CREATE TABLE IF NOT EXISTS `d`.`t` (`id` STRING, `email` STRING, `age` INT) PARTITIONED BY (`name` STRING) CLUSTERED BY (`age`) INTO 8 BUCKETS STORED AS ORC');
  t.is(insertSelect(spec, 't_tmp'), 'INSERT INTO TABLE `d`.`t` PARTITION (`name`) SELECT `id`, `email`, `age`, `name` FROM `d`.`t_tmp`');
});

test('CREATE EXTERNAL TABLE names the storage of the format and the location', (t) => {
  t.is(
    createTable({ database: 'd', table: 't', columns: CUSTOMER_COLUMNS.slice(0, 2), format: 'parquet', external: true, location: 'file:///x/y' }),
    "CREATE EXTERNAL TABLE IF NOT EXISTS `d`.`t` (`id` STRING, `name` STRING) STORED AS PARQUET LOCATION 'file:///x/y'",
  );
});

test("defaults are the original's: database datagen, the model's name as table, EXTERNAL ORC on HDFS under /user/datagen/hive", (t) => {
  const o = hiveOptions(ctx());
  t.like(o, { host: '127.0.0.1', port: 10000, user: 'datagen', database: 'datagen', table: 'my_customers', tableType: 'external', format: 'orc', onHdfs: true, deletePrevious: false });
  t.is(o.filePath, '/user/datagen/hive/my_customers/');
  t.deepEqual(parseHiveUrl('hive2://[::1]:1/'), { host: '::1', port: 1 });
});

test('wrong settings are 400s naming the key, and HIVE_URL is never quoted', (t) => {
  const sink = sinkFor('hive');
  const refused = (c: ReturnType<typeof ctx>, field: string) => {
    const err = t.throws(() => sink.validate(c), { instanceOf: BadRequestError });
    t.is((err as BadRequestError).details?.field, field);
    return err!.message;
  };
  t.false(refused(ctx({}, {}, { HIVE_URL: 'hive2://u:s3cret@h:1' }), 'HIVE_URL').includes('s3cret'));
  refused(ctx({}, {}, {}), 'HIVE_URL');
  refused(ctx({ HIVE_TABLE_NAME: 'a-b' }), 'Table_Names.HIVE_TABLE_NAME');
  refused(ctx({}, { HIVE_TABLE_TYPE: 'PARTITIONED' }), 'Options.HIVE_TABLE_TYPE');
  refused(ctx({}, { HIVE_TABLE_TYPE: 'MANAGED', HIVE_ON_HDFS: 'false' }), 'Options.HIVE_ON_HDFS');
  refused(ctx({}, { HIVE_TABLE_PARTITIONS_COLS: 'age' }), 'Options.HIVE_TABLE_PARTITIONS_COLS');
  refused(ctx({}, { HIVE_TABLE_TYPE: 'MANAGED', HIVE_TABLE_PARTITIONS_COLS: 'nosuch' }), 'Options.HIVE_TABLE_PARTITIONS_COLS');
  refused(ctx({}, { HIVE_TABLE_TYPE: 'MANAGED', HIVE_TABLE_PARTITIONS_COLS: 'age', HIVE_TABLE_BUCKETS_COLS: 'age' }), 'Options.HIVE_TABLE_BUCKETS_COLS');
  refused(ctx({}, { HIVE_TABLE_FORMAT: 'XML' }), 'Options.HIVE_TABLE_FORMAT');
  refused(ctx({}, { HIVE_TABLE_FORMAT: 'JSON' }), 'Options.HIVE_TABLE_FORMAT');
  refused(ctx({}, { HIVE_TABLE_FORMAT: 'CSV', HIVE_ON_HDFS: 'false' }), 'Options.HIVE_TABLE_FORMAT');
  refused(ctx({ HIVE_USE_KERBEROS: 'true' }), 'Table_Names.HIVE_USE_KERBEROS');
  refused(ctx({ HIVE_HDFS_FILE_PATH: 'file:///etc/x' }), 'Table_Names.HIVE_HDFS_FILE_PATH');
  t.notThrows(() => sink.validate(ctx({}, { HIVE_TABLE_FORMAT: 'JSON', HIVE_ON_HDFS: 'false' })));
});
