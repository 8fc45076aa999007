import test from 'ava';
import { FIELD_TYPES } from '../../../src/model/types.js';
import { avroEncoder, syncMarker } from '../../../src/sinks/files/avro-encoder.js';
import { asEpochDays, asEpochMillis, asInt32, asInt64, columnKind, isoEpochDays } from '../../../src/sinks/files/column-kinds.js';
import { parquetEncoder } from '../../../src/sinks/files/parquet-encoder.js';

test('every field type has a storage kind; text types are strings', (t) => {
  for (const type of FIELD_TYPES) t.truthy(columnKind(type));
  t.is(columnKind('INTEGER'), 'int32');
  t.is(columnKind('INCREMENT_LONG'), 'int64');
  t.is(columnKind('TIMESTAMP'), 'timestamp');
  t.is(columnKind('DATE'), 'timestamp');
  t.is(columnKind('BIRTHDATE'), 'date');
  t.is(columnKind('DATE_AS_STRING'), 'string');
  t.is(columnKind('HASH_MD5'), 'bytes');
  t.is(columnKind('OPEN_AI'), 'string');
});

test('conversions check their input', (t) => {
  t.is(asInt32(-2147483648), -2147483648);
  t.throws(() => asInt32(2147483648), { message: /32-bit integer/ });
  t.throws(() => asInt32(1.5));
  t.is(asInt64(5), 5n);
  t.throws(() => asInt64('5' as never));
  t.is(asEpochMillis(new Date(1234)), 1234n);
  t.is(asEpochMillis(99.9), 99n);
  t.is(asEpochDays('1970-01-02'), 1);
  t.is(asEpochDays('1969-12-31'), -1);
  t.is(asEpochDays('2000-02-29'), 11016);
  // Year 99 is year 99, not 1999 (Date.UTC would map two-digit years to 19xx).
  t.is(asEpochDays('0099-01-01'), new Date('0099-01-01T00:00:00Z').getTime() / 86400000);
  t.throws(() => asEpochDays('31/12/1999'), { message: /yyyy-MM-dd/ });
});

test('a value that does not fit its column names the column in Avro and Parquet errors', (t) => {
  const columns = [{ name: 'n', type: 'INTEGER' as const }];
  const rows = [{ n: 2 ** 40 }];
  const model = { name: 'm', fields: [], tableNames: {}, options: {}, primaryKeys: {} };
  const settings = { parquetPageSize: 1024, parquetRowGroupSize: 1 << 20, parquetDictionaryPageSize: 1024, parquetDictionaryEncoding: true };
  t.throws(() => avroEncoder(model, columns).encodeFile(rows, syncMarker('x')), { message: /column "n" \(INTEGER\): cannot store number 1099511627776 as a 32-bit integer/ });
  t.throws(() => parquetEncoder(columns, settings).encodeFile(rows), { message: /column "n" \(INTEGER\)/ });
});

test('isoEpochDays computes what the Date path gives for four-digit years, months 01-12 and days 00-99', (t) => {
  const viaDate = (y: number, m: number, d: number) => {
    const date = new Date(0);
    date.setUTCFullYear(y, m - 1, d);
    return Math.round(date.getTime() / 86_400_000);
  };
  let checked = 0;
  for (let y = 0; y <= 9999; y += y < 2100 ? 1 : 13) {
    for (let m = 1; m <= 12; m++) {
      for (const d of [0, 1, 15, 28, 29, 30, 31, 32, 59, 99]) {
        const text = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        if (isoEpochDays(text) !== viaDate(y, m, d)) t.fail(`${text}: ${isoEpochDays(text)}, Date gives ${viaDate(y, m, d)}`);
        checked++;
      }
    }
  }
  t.true(checked > 250_000);
  for (const other of ['1970-00-01', '1970-13-01', '-001-01-01', '12345-01-01', '1970-1-01', '1970/01/01', '19a0-01-01', '']) t.true(Number.isNaN(isoEpochDays(other)), other);
  // The strings it leaves out still convert, through Date.
  t.is(asEpochDays('1970-13-01'), 365);
  t.is(asEpochDays('-0001-12-31'), viaDate(-1, 12, 31));
});
