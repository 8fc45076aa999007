import test from 'ava';
import avro from 'avsc';
import { avroTypeWithBigLongs } from '../../../src/sinks/files/avro-long.js';
import { BadRequestError } from '../../../src/errors.js';
import { avroEncoder, avroHeader, syncMarker } from '../../../src/sinks/files/avro-encoder.js';
import { avroFieldName, avroSchema } from '../../../src/sinks/files/avro-schema.js';
import { cols, modelFor } from '../../helpers/readback-sinks.js';

test('schema: record AVRO_NAME in org.apache.avro.ipc, nullable fields with logical types', (t) => {
  const columns = cols({ s: 'STRING', i: 'INTEGER', l: 'LONG', f: 'FLOAT', b: 'BOOLEAN', by: 'HASH_MD5', ts: 'TIMESTAMP', d: 'DATE', bd: 'BIRTHDATE' });
  const schema = avroSchema(modelFor('m', columns, { AVRO_NAME: 'Row' }), columns);
  t.is(schema.name, 'Row');
  t.is(schema.namespace, 'org.apache.avro.ipc');
  t.deepEqual(schema.fields.map((f) => f.type[1]), [
    'string', 'int', 'long', 'double', 'boolean', 'bytes',
    { type: 'long', logicalType: 'timestamp-millis' }, { type: 'long', logicalType: 'timestamp-millis' }, { type: 'int', logicalType: 'date' },
  ]);
  t.true(schema.fields.every((f) => f.type[0] === 'null' && f.default === null));
  t.is(avroSchema(modelFor('m', columns), columns).name, 'default_avro_record_name');
});

test('schema: invalid AVRO_NAME and colliding field names are 400s', (t) => {
  const columns = cols({ 'a-b': 'STRING', a_b: 'STRING' });
  t.throws(() => avroSchema(modelFor('m', columns), columns), { instanceOf: BadRequestError, message: /both become Avro field "a_b"/ });
  const ok = cols({ a: 'STRING' });
  t.throws(() => avroSchema(modelFor('m', ok, { AVRO_NAME: 'bad name' }), ok), { instanceOf: BadRequestError, message: /Table_Names\.AVRO_NAME/ });
  t.is(avroFieldName('9lives'), '_9lives');
  t.is(avroFieldName('é'), '_');
});

test('encoder: blocks avsc decodes to the same values, 64-bit longs exact', (t) => {
  const columns = cols({ l: 'LONG', s: 'STRING', ts: 'TIMESTAMP' });
  const enc = avroEncoder(modelFor('m', columns), columns);
  const rows = Array.from({ length: 5000 }, (_, i) => ({ l: 2n ** 62n + BigInt(i), s: `row ${i}`, ts: 1700000000000 + i }));
  const sync = syncMarker('cmd');
  const file = enc.encodeFile(rows, sync);
  const header = avroHeader(file);
  t.true(header.sync.equals(sync));
  t.is(header.schemaJson, enc.schemaJson);
  // Decode the blocks by hand with avsc types (longs as bigint through a type hook).
  const type = avroTypeWithBigLongs(JSON.parse(header.schemaJson));
  const varint = avro.Type.forSchema('long');
  const decoded: any[] = [];
  let pos = header.length;
  while (pos < file.length) {
    const count = varint.decode(file, pos);
    const size = varint.decode(file, count.offset);
    let p = size.offset;
    for (let i = 0; i < count.value; i++) {
      const r = type.decode(file, p);
      decoded.push(r.value);
      p = r.offset;
    }
    t.is(p, size.offset + size.value, 'block size matches its records');
    t.true(file.subarray(p, p + 16).equals(sync), 'each block ends with the sync marker');
    pos = p + 16;
  }
  t.is(decoded.length, 5000);
  t.is(decoded[4999].l, 2n ** 62n + 4999n);
  t.is(decoded[4999].s, 'row 4999');
  t.is(decoded[4999].ts, 1700000004999n);
});
